/**
 * Main-process validation of the lead form's phone, email and address, with the import core's
 * normalisers: the same rules as an import, answered as `validation` errors with field paths.
 * (An import keeps an unknown state or ZIP as typed, with a warning; the form can simply ask.)
 */
import { countryCode } from '../../parsing/countries';
import { normalizeEmail } from '../../parsing/email';
import { readLeadPhone } from '../../parsing/phone';
import { normalizeUsZip } from '../../parsing/row-validator';
import { usStateCode } from '../../parsing/us-states';
import { AppError } from '../errors';

export interface ContactKeys {
  phone: string | null;
  phoneRaw: string | null;
  phoneExt: string | null;
  email: string | null;
  emailKey: string | null;
}

export interface FieldIssue {
  path: string;
  message: string;
}

export interface AddressFields {
  state: string | null;
  postalCode: string | null;
  /** ISO 3166 alpha-2: what GHL expects. */
  country: string;
}

/**
 * Country to its 2-letter code ("United States" → US); for US addresses the state to its code
 * ("Texas" → TX) and the ZIP to 12345 or 12345-6789. `checked` limits the issues to the fields an
 * edit changes: a lead imported with a state kept as typed can still have its name corrected.
 */
export function normalizeAddress(
  input: { state?: string | null; postalCode?: string | null; country?: string | null },
  checked: ReadonlySet<keyof AddressFields> = new Set(['state', 'postalCode', 'country']),
): { fields: AddressFields; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const report = (path: keyof AddressFields, message: string) => {
    if (checked.has(path)) issues.push({ path, message });
  };
  const countryText = input.country?.trim() || 'US';
  const country = countryCode(countryText);
  if (country === null) report('country', `Country "${countryText}" is not recognised: use its 2-letter code (US, CA, MX…)`);
  const fields: AddressFields = { state: input.state?.trim() || null, postalCode: input.postalCode?.trim() || null, country: country ?? countryText };
  if (fields.country === 'US' && fields.state) {
    const code = usStateCode(fields.state);
    if (code) fields.state = code;
    else report('state', `"${fields.state}" is not a US state: use its name or 2-letter code (TX, FL…)`);
  }
  if (fields.country === 'US' && fields.postalCode) {
    const zip = normalizeUsZip(fields.postalCode, fields.state && usStateCode(fields.state) === fields.state ? fields.state : null);
    if (zip) fields.postalCode = zip;
    else report('postalCode', `"${fields.postalCode}" is not a US ZIP code: 5 digits, or ZIP+4 (12345-6789)`);
  }
  return { fields, issues };
}

/**
 * Normalises phone and email; throws `validation` with details [{path, message}] when either is
 * unusable, or when `otherIssues` (the address's) has any.
 */
export type StoredPhone = Pick<ContactKeys, 'phone' | 'phoneRaw' | 'phoneExt'>;

/**
 * `phone` is the text typed (read under `country`, see readLeadPhone) or, for an edit that leaves
 * the phone alone, the phone as stored: kept as is, never re-read under another country (a US number
 * re-read as Mexican after a country edit would be a stranger's).
 */
export function normalizeContact(phone: string | null | StoredPhone, emailText: string | null, country: string | null, otherIssues: readonly FieldIssue[] = []): ContactKeys {
  const issues: FieldIssue[] = [];
  const keys: ContactKeys = { phone: null, phoneRaw: null, phoneExt: null, email: null, emailKey: null };
  const phoneText = typeof phone === 'string' ? phone : null;
  if (phone !== null && typeof phone === 'object') Object.assign(keys, { phone: phone.phone, phoneRaw: phone.phoneRaw, phoneExt: phone.phoneExt });
  if (phoneText) {
    const phone = readLeadPhone(phoneText, country);
    // Typed beside the number, the customer's opt-out would be lost with the letters: the box says it, not the phone.
    if (phone.saysOptedOut) issues.push({ path: 'phone', message: 'The phone says do not contact: enter the digits only, and tick Do not contact' });
    else if (phone.ok) Object.assign(keys, { phone: phone.e164, phoneRaw: phoneText, phoneExt: phone.ext });
    else if (!phone.blank) issues.push({ path: 'phone', message: phone.reason });
  }
  if (emailText) {
    const email = normalizeEmail(emailText);
    if (email.ok) Object.assign(keys, { email: email.email, emailKey: email.key });
    else if (!email.blank) issues.push({ path: 'email', message: email.reason });
  }
  if (issues.length === 0 && keys.phone === null && keys.emailKey === null) {
    issues.push({ path: 'phone', message: 'Enter a phone number or an email address so the lead can be contacted' });
  }
  issues.push(...otherIssues);
  if (issues.length > 0) throw new AppError('validation', issues.map((issue) => issue.message).join('; '), issues);
  return keys;
}
