import { readContactValue, readContactValues, type ContactKey, type ContactRead } from '../../parsing/contact-values';

/** A phone in E.164 or a lower-cased email: the one form the list and the leads table compare. */
export type OptOutKey = ContactKey;
export type OptOutRead = ContactRead;

/**
 * Reads what a person typed or a file holds as an opt-out key, the same way a lead's phone and email are
 * read. A US number unless it says otherwise ("+44 …"), as the leads default to.
 */
export const readOptOutValue = (raw: string): OptOutRead => readContactValue(raw, 'US');

/** A file's cell, which may hold more than one number or email: each is listed (contact-values.ts). */
export const readOptOutValues = (raw: string): Array<{ text: string; read: OptOutRead }> => readContactValues(raw, 'US');

export const readPhone = (raw: string): OptOutRead => (raw.includes('@') ? { ok: false, reason: 'That is an email address, not a phone number', blank: false } : readOptOutValue(raw));
export const readEmail = (raw: string): OptOutRead => (raw.includes('@') ? readOptOutValue(raw) : { ok: false, reason: 'Email is missing the @', blank: false });
