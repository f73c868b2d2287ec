// The field list and mapping rules live in shared/ so the renderer checks a mapping with the same code.
export { FIELD_LABELS, isLeadField, isMappingTarget, LEAD_FIELDS, MULTI_COLUMN_FIELDS } from '../../shared/import-mapping';
export type { LeadField, MappingTarget } from '../../shared/import-mapping';
