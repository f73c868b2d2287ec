import { normalizeEmail } from './email';
import { readLeadPhone } from './phone';

/** A phone in E.164 or a lower-cased email: the one form the opt-out list and the leads table compare. */
export type ContactKey = { kind: 'phone' | 'email'; value: string };
export type ContactRead = ({ ok: true } & ContactKey) | { ok: false; reason: string; blank: boolean };

/**
 * Reads a phone or an email the same way a lead's phone and email are read (so "(512) 555-0142" on a STOP
 * report matches the lead imported as +15125550142): a number of `country` unless it says otherwise ("+44 …").
 */
export function readContactValue(raw: string, country: string | null = 'US'): ContactRead {
  const text = raw.trim();
  if (text.includes('@')) {
    const email = normalizeEmail(text);
    return email.ok ? { ok: true, kind: 'email', value: email.key } : email;
  }
  const phone = readLeadPhone(text, country);
  return phone.ok ? { ok: true, kind: 'phone', value: phone.e164 } : phone;
}

/** Between values in one cell: "…0142 / …0143", "a@x.com; b@y.com", "…0144 (cell) or …0145 (home)". */
const BETWEEN_VALUES = /[/;,&|\n]|\s+(?:or|and)\s+/i;

/**
 * A cell that may hold more than one ("(512) 555-0142 / (512) 555-0143"), for an opt-out: each is kept, as
 * listing both is the safe side (a lead's own phone cell asks the office to keep one instead). A cell is split
 * only when it does not read whole and a part of it does; the parts that are no number or email are answered
 * as such, so a summary can still say them.
 */
export function readContactValues(raw: string, country: string | null = 'US'): Array<{ text: string; read: ContactRead }> {
  const whole = { text: raw.trim(), read: readContactValue(raw, country) };
  if (whole.read.ok || whole.read.blank) return [whole];
  const parts = raw
    .split(BETWEEN_VALUES)
    .flatMap((part) => ((part.match(/@/g)?.length ?? 0) > 1 ? part.split(/\s+/) : [part]))
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((text) => ({ text, read: readContactValue(text, country) }))
    .filter(({ read }) => read.ok || !read.blank);
  if (parts.length > 1 && parts.some(({ read }) => read.ok)) return parts;
  // Numbers set apart by nothing but spaces or a dash ("512-555-0142 512-555-0199", "…0142 (cell) …0199 (home)"; a
  // line break in the cell reads as a space by then): each one written the North American way is read. Missed, such a
  // row marked do-not-contact put neither number on the list (a review).
  const numbers = raw.match(NANP_NUMBER) ?? [];
  const read = numbers.map((text) => ({ text: text.trim(), read: readContactValue(text, country) })).filter(({ read: one }) => one.ok);
  return read.length > 1 ? read : [whole];
}

/** A number written the North American way, with or without its +1, separators and parentheses. */
const NANP_NUMBER = /(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)/g;
