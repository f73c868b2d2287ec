import { customFieldForHeader, customFieldIdOf, customFieldTarget, isCustomFieldTarget } from '../../../../shared/custom-fields';
import { FIELD_LABELS, isBuiltInTarget, LEAD_FIELDS } from '../../../../shared/import-mapping';

export { FIELD_LABELS, isMappingTarget, MULTI_COLUMN_FIELDS } from '../../../../shared/import-mapping';

export const MAPPING_OPTIONS = [
  { value: 'ignore', label: FIELD_LABELS.ignore },
  ...LEAD_FIELDS.map((field) => ({ value: field, label: FIELD_LABELS[field] })),
];

/** The Select value of "+ Create text field … in GHL…": never a mapping target (it has no "custom:" id). */
export const CREATE_CUSTOM_FIELD = 'create-custom-field';

interface FieldOption {
  id: string;
  name: string;
  dataType: string;
}

/**
 * One column's choices: the lead fields, then the location's GHL custom fields by name, then (when no
 * field has the column's name) the offer to create one. `current` keeps a chosen custom field listed
 * when GHL's list could not be read.
 */
export function mappingOptions(header: string, fields: readonly FieldOption[] | null, current: string) {
  const custom: Array<{ value: string; label: string }> = (fields ?? []).map((field) => ({
    value: customFieldTarget(field.id),
    label: field.dataType === 'TEXT' || field.dataType === 'LARGE_TEXT' ? field.name : `${field.name} (${field.dataType.toLowerCase()})`,
  }));
  if (isCustomFieldTarget(current) && !custom.some((option) => option.value === current)) {
    custom.push({ value: current, label: `GHL custom field ${customFieldIdOf(current)}` });
  }
  const name = header.trim();
  if (fields !== null && name && !customFieldForHeader(name, fields)) {
    custom.push({ value: CREATE_CUSTOM_FIELD, label: `+ Create text field “${name}” in GHL…` });
  }
  return custom.length === 0 ? MAPPING_OPTIONS : [{ group: 'Lead fields', items: MAPPING_OPTIONS }, { group: 'GHL custom fields', items: custom }];
}

export const fieldLabel = (field: string): string => (isBuiltInTarget(field) ? FIELD_LABELS[field] : field);
