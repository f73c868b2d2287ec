import { normalizeEmail } from '../../parsing/email';
import { readLeadPhone } from '../../parsing/phone';

/** A phone in E.164 or a lower-cased email: the one form the list and the leads table compare. */
export type OptOutKey = { kind: 'phone' | 'email'; value: string };
export type OptOutRead = ({ ok: true } & OptOutKey) | { ok: false; reason: string; blank: boolean };

/**
 * Reads what a person typed or a file holds as an opt-out key, the same way a lead's phone and email are
 * read (so "(512) 555-0142" on a STOP report matches the lead imported as +15125550142). A US number
 * unless it says otherwise ("+44 …"), as the leads default to.
 */
export function readOptOutValue(raw: string): OptOutRead {
  const text = raw.trim();
  if (text.includes('@')) {
    const email = normalizeEmail(text);
    return email.ok ? { ok: true, kind: 'email', value: email.key } : email;
  }
  const phone = readLeadPhone(text, 'US');
  return phone.ok ? { ok: true, kind: 'phone', value: phone.e164 } : phone;
}

export const readPhone = (raw: string): OptOutRead => (raw.includes('@') ? { ok: false, reason: 'That is an email address, not a phone number', blank: false } : readOptOutValue(raw));
export const readEmail = (raw: string): OptOutRead => (raw.includes('@') ? readOptOutValue(raw) : { ok: false, reason: 'Email is missing the @', blank: false });
