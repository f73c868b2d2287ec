/**
 * The lead fields a CSV column can feed, their office wording, and the rules a column mapping must
 * follow. One copy for main (suggestion, validation) and the renderer (the wizard checks a mapping
 * while the user is choosing, before any round trip).
 */
import { customFieldIdOf, isCustomFieldTarget, type CustomFieldTarget } from './custom-fields';

export const LEAD_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'email',
  'address1',
  'city',
  'state',
  'postalCode',
  'country',
  'source',
  'notes',
  'lastServiceDate',
  'consentNote',
  'doNotContact',
  'companyName',
  'address2',
  'tags',
  'originalDate',
  'crmStatus',
  'jobType',
] as const;

export type LeadField = (typeof LEAD_FIELDS)[number];
/** A lead field or "ignore": the targets every company has. */
export type BuiltInTarget = LeadField | 'ignore';
/** Where a column goes: a lead field, "ignore", or a GHL custom field of the company's location (`custom:<id>`). */
export type MappingTarget = BuiltInTarget | CustomFieldTarget;

export const FIELD_LABELS = {
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name (split into first/last)',
  phone: 'Phone',
  email: 'Email',
  address1: 'Street address',
  city: 'City',
  state: 'State',
  postalCode: 'ZIP / postal code',
  country: 'Country',
  source: 'Lead source',
  notes: 'Notes',
  lastServiceDate: 'Last service date',
  consentNote: 'Consent note',
  doNotContact: 'Do not contact',
  companyName: 'Company name (GHL company)',
  address2: 'Address line 2 (joined to the street)',
  tags: 'Tags (extra GHL tags)',
  originalDate: 'Original lead date',
  crmStatus: 'Old CRM status',
  jobType: 'Job type',
  ignore: 'Ignore this column',
} as const satisfies Record<BuiltInTarget, string>;

/** A target in words; a custom field by its name when known (`fieldNames`: id → name), else its id. */
export function targetLabel(target: MappingTarget, fieldNames: ReadonlyMap<string, string> = new Map()): string {
  if (!isCustomFieldTarget(target)) return FIELD_LABELS[target];
  const id = customFieldIdOf(target);
  return `GHL custom field "${fieldNames.get(id) ?? id}"`;
}

/**
 * Fields that may receive several columns. Phone/email: the first valid value wins and the other
 * values are kept in notes; notes: every mapped column is appended.
 */
// Do-not-contact too: an export with "Do Not Call" and "Do Not Text" columns keeps out a yes in either. Consent too:
// "SMS Consent" beside "SMS Status", where a refusal in either is an opt-out (their texts make one note).
export const MULTI_COLUMN_FIELDS: ReadonlySet<MappingTarget> = new Set<MappingTarget>(['phone', 'email', 'notes', 'doNotContact', 'consentNote']);

export function isLeadField(value: string): value is LeadField {
  return (LEAD_FIELDS as readonly string[]).includes(value);
}

export function isBuiltInTarget(value: string): value is BuiltInTarget {
  return value === 'ignore' || (LEAD_FIELDS as readonly string[]).includes(value);
}

export function isMappingTarget(value: string): value is MappingTarget {
  return isBuiltInTarget(value) || isCustomFieldTarget(value);
}

export interface ColumnMappingEntry {
  index: number;
  header: string;
  field: MappingTarget;
  /** 0..1: 1 = exact synonym, lower = keyword or content guess, 0 = nothing matched. */
  confidence: number;
}

export interface ColumnMapping {
  columns: ColumnMappingEntry[];
}

export type MappingValidation = { ok: true } | { ok: false; errors: string[] };

export const NO_CONTACT_COLUMN_ERROR = 'No column is mapped to Phone or Email. Map at least one phone or email column, or the leads cannot be contacted.';

/** What validation needs of a column; the wizard's columns may not carry a confidence yet. */
type MappedColumn = Pick<ColumnMappingEntry, 'index' | 'header' | 'field'> & { confidence?: number };

export function validateMapping(mapping: { columns: readonly MappedColumn[] }, fieldNames?: ReadonlyMap<string, string>): MappingValidation {
  const errors: string[] = [];
  const fields = mapping.columns.map((column) => column.field);
  if (!fields.includes('phone') && !fields.includes('email')) errors.push(NO_CONTACT_COLUMN_ERROR);
  const seen = new Map<MappingTarget, string>();
  for (const column of mapping.columns) {
    if (column.field === 'ignore' || MULTI_COLUMN_FIELDS.has(column.field)) continue;
    const previous = seen.get(column.field);
    if (previous !== undefined) {
      errors.push(`Columns "${previous}" and "${column.header}" are both mapped to ${targetLabel(column.field, fieldNames)}: keep one and ignore the other`);
    } else {
      seen.set(column.field, column.header);
    }
  }
  const indexes = new Set<number>();
  for (const column of mapping.columns) {
    if (indexes.has(column.index)) errors.push(`Column ${column.index + 1} ("${column.header}") is mapped twice`);
    indexes.add(column.index);
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

/**
 * A phone column that usually holds a landline or an office switchboard (issue #14): a text sent there is
 * lost or reaches the wrong person. Judged by the header the office's old CRM gave it.
 */
export const isHomeOrWorkPhoneHeader = (header: string): boolean => !isMobilePhoneHeader(header) && /home(?!owner)|work|office|landline|business/i.test(header);

/** A phone column that holds a mobile ("Cell", "Mobile", "Work Cell", "Homeowner Cell"): texted first. */
export const isMobilePhoneHeader = (header: string): boolean => /cell|mobile|wireless|sms|text/i.test(header);

/** Which of a row's phone columns is texted first: 0 a mobile, 1 any other ("Phone"), 2 a home or work number. */
export const phoneColumnRank = (header: string): number => (isMobilePhoneHeader(header) ? 0 : isHomeOrWorkPhoneHeader(header) ? 2 : 1);

/** "12 leads will be texted on a home or work number, often a landline (rows 3, 4, 7, …)." */
export function homeOrWorkPhonesNotice(count: number, rows: readonly number[] = []): string {
  const more = rows.length < count ? ', …' : '';
  const which = rows.length ? ` (row${rows.length === 1 && !more ? '' : 's'} ${rows.join(', ')}${more})` : '';
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'lead' : 'leads'} will be texted on a home or work number, often a landline${which}.`;
}

/**
 * What the office can do about leads texted on a home or work number. The validator texts a mobile (or plain
 * phone) column's valid number before a home or work one, whatever the file's order; so those rows have no
 * mobile number at all, or the file has no mobile column.
 */
export function homeOrWorkPhoneHint(mapping: { columns: readonly MappedColumn[] }): string {
  const phones = mapping.columns.filter((column) => column.field === 'phone');
  if (phones.every((column) => isHomeOrWorkPhoneHeader(column.header))) return 'Every phone column of this file is a home or work number. Map a mobile or cell column as Phone if the file has one.';
  return 'They have no mobile number in the file, so their home or work number is the one texted; a landline cannot receive the text.';
}
