/**
 * GHL custom fields as a column-mapping target. A column mapped to one is stored as the string
 * `custom:<GHL field id>` so remembered mappings, the IPC contract and the CLI's mapping file stay
 * plain strings. One copy for main (auto mapping, validation) and the renderer (the wizard).
 */

/** A custom field of a GHL location, as the wizard offers it (contact fields only). */
export interface CustomFieldInfo {
  id: string;
  name: string;
  /** GHL's dataType ("TEXT", "LARGE_TEXT", "DATE"…); the app creates TEXT fields only. */
  dataType: string;
}

export type CustomFieldTarget = `custom:${string}`;

const CUSTOM_PREFIX = 'custom:';
/** GHL ids are short alphanumeric strings; the bound keeps a hand-written mapping file from smuggling anything else. */
const CUSTOM_TARGET = /^custom:[A-Za-z0-9_-]{1,64}$/;

export function isCustomFieldTarget(value: unknown): value is CustomFieldTarget {
  return typeof value === 'string' && CUSTOM_TARGET.test(value);
}

export const customFieldTarget = (fieldId: string): CustomFieldTarget => `${CUSTOM_PREFIX}${fieldId}`;

export const customFieldIdOf = (target: CustomFieldTarget): string => target.slice(CUSTOM_PREFIX.length);

/**
 * A header or field name with case, accents, spaces and punctuation ignored, so "Insurance Company",
 * "insurance_company" and "Insurance company:" are one name; "#" reads as "number" ("Claim #" ~ "Claim Number").
 */
export function customFieldKey(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/#/g, 'number')
    .replace(/[^a-z0-9]+/g, '');
}

/** The field whose name matches the header (see customFieldKey); the first one when GHL holds two of one name. */
export function customFieldForHeader(header: string, fields: readonly CustomFieldInfo[]): CustomFieldInfo | null {
  const key = customFieldKey(header);
  if (key.length === 0) return null;
  return fields.find((field) => customFieldKey(field.name) === key) ?? null;
}

interface MatchableColumn {
  header: string;
  field: string;
  confidence?: number;
}

/**
 * Auto mapping with the location's custom fields: a column whose header names a custom field maps to
 * it, unless the header is an exact name of a lead field (confidence 1: "Job Type" stays the lead's job
 * type, which audiences and the note use). Columns already mapped to a custom field are left alone, and
 * one field takes one column (the first).
 */
export function matchCustomFields<C extends MatchableColumn>(columns: readonly C[], fields: readonly CustomFieldInfo[]): C[] {
  if (fields.length === 0) return [...columns];
  const taken = new Set(columns.filter((column) => isCustomFieldTarget(column.field)).map((column) => column.field));
  return columns.map((column) => {
    if (isCustomFieldTarget(column.field) || (column.field !== 'ignore' && (column.confidence ?? 1) >= 1)) return column;
    const match = customFieldForHeader(column.header, fields);
    if (!match) return column;
    const target = customFieldTarget(match.id);
    if (taken.has(target)) return column;
    taken.add(target);
    return { ...column, field: target, confidence: 1 };
  });
}
