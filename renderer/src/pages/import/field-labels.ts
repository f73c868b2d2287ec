import { FIELD_LABELS, isBuiltInTarget, LEAD_FIELDS } from '../../../../shared/import-mapping';

export { FIELD_LABELS, isMappingTarget, MULTI_COLUMN_FIELDS } from '../../../../shared/import-mapping';

export const MAPPING_OPTIONS = [
  { value: 'ignore', label: FIELD_LABELS.ignore },
  ...LEAD_FIELDS.map((field) => ({ value: field, label: FIELD_LABELS[field] })),
];

export const fieldLabel = (field: string): string => (isBuiltInTarget(field) ? FIELD_LABELS[field] : field);
