import { importFields } from '../../../../shared/ipc/imports';
import type { MappingTarget } from './wizard-types';

/** Office wording for the lead fields a column can feed (main has the same list for its messages). */
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

/** Fields that may take several columns: extra phones/emails go to notes, notes are appended. */
export const MULTI_COLUMN_FIELDS: ReadonlySet<MappingTarget> = new Set<MappingTarget>(['phone', 'email', 'notes']);

export const MAPPING_OPTIONS = [
  { value: 'ignore', label: FIELD_LABELS.ignore },
  ...importFields.map((field) => ({ value: field, label: FIELD_LABELS[field] })),
];

export const isMappingTarget = (value: string): value is MappingTarget => value in FIELD_LABELS;

export const fieldLabel = (field: string): string => (isMappingTarget(field) ? FIELD_LABELS[field] : field);
