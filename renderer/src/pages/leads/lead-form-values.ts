import type { LeadInput } from '../../../../shared/lead';

/** Text fields of the lead form, in the order the form shows them. */
export type LeadTextField =
  | 'firstName'
  | 'lastName'
  | 'phone'
  | 'email'
  | 'address1'
  | 'city'
  | 'state'
  | 'postalCode'
  | 'country'
  | 'source'
  | 'notes'
  | 'lastServiceDate'
  | 'consentNote';

export type LeadFormValues = Record<LeadTextField, string> & { doNotContact: boolean };

export const emptyLeadForm = (): LeadFormValues => ({
  firstName: '',
  lastName: '',
  phone: '',
  email: '',
  address1: '',
  city: '',
  state: '',
  postalCode: '',
  country: 'US',
  source: '',
  notes: '',
  lastServiceDate: '',
  consentNote: '',
  doNotContact: false,
});

/** The form as the shared schema's input: empty strings stay empty, the schema turns them into null. */
export const toLeadInput = (companyId: number, values: LeadFormValues): LeadInput => ({ companyId, ...values });
