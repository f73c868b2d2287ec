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

/** Between values in one cell: "…0142 / …0143", "a@x.com; b@y.com", "…0144 (cell) or …0145 (home)". */
const BETWEEN_VALUES = /[/;,&|\n]|\s+(?:or|and)\s+/i;

/**
 * A file's cell, which may hold more than one ("(512) 555-0142 / (512) 555-0143"): on an opt-out list each
 * is kept, as listing both is the safe side (a lead's phone cell asks the office to keep one instead). A
 * cell is split only when it does not read whole and a part of it does; the parts that are no number or
 * email are answered as such, so the summary still says them.
 */
export function readOptOutValues(raw: string): Array<{ text: string; read: OptOutRead }> {
  const whole = { text: raw.trim(), read: readOptOutValue(raw) };
  if (whole.read.ok || whole.read.blank) return [whole];
  const parts = raw
    .split(BETWEEN_VALUES)
    .flatMap((part) => ((part.match(/@/g)?.length ?? 0) > 1 ? part.split(/\s+/) : [part]))
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((text) => ({ text, read: readOptOutValue(text) }))
    .filter(({ read }) => read.ok || !read.blank);
  return parts.length > 1 && parts.some(({ read }) => read.ok) ? parts : [whole];
}
