/**
 * Main-process validation of the lead form's phone and email, with the import core's normalisers:
 * the same rules as an import, answered as `validation` errors with field paths.
 */
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { normalizeEmail } from '../../import/email';
import { normalizePhone } from '../../import/phone';
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

export function phoneCountry(country: string | null | undefined): CountryCode {
  const code = (country ?? 'US').toUpperCase();
  return isSupportedCountry(code) ? code : 'US';
}

/** Normalises phone and email; throws `validation` with details [{path, message}] when either is unusable. */
export function normalizeContact(phoneText: string | null, emailText: string | null, country: string | null): ContactKeys {
  const issues: FieldIssue[] = [];
  const keys: ContactKeys = { phone: null, phoneRaw: null, phoneExt: null, email: null, emailKey: null };
  if (phoneText) {
    const phone = normalizePhone(phoneText, phoneCountry(country));
    if (phone.ok) Object.assign(keys, { phone: phone.e164, phoneRaw: phoneText, phoneExt: phone.ext });
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
  if (issues.length > 0) throw new AppError('validation', issues.map((issue) => issue.message).join('; '), issues);
  return keys;
}
