/** The lead fields an imported column can be mapped to. */
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
] as const;

export type LeadField = (typeof LEAD_FIELDS)[number];
export type MappingTarget = LeadField | 'ignore';

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
  ignore: 'Ignore this column',
} as const satisfies Record<MappingTarget, string>;

/**
 * Fields that may receive several columns. Phone/email: the first valid value wins and the other
 * values are kept in notes; notes: every mapped column is appended.
 */
export const MULTI_COLUMN_FIELDS: ReadonlySet<MappingTarget> = new Set<MappingTarget>(['phone', 'email', 'notes']);

export function isMappingTarget(value: string): value is MappingTarget {
  return value === 'ignore' || (LEAD_FIELDS as readonly string[]).includes(value);
}
