/**
 * Phone normalisation to E.164.
 *
 * Uses `libphonenumber-js/max`: the full metadata is what tells a real area code/exchange from an
 * unassigned one (the /min metadata only checks lengths and broad ranges), `getType()` needs it,
 * and IMPORT-NOTES measured the same per-call cost for default, /min and /max. Its extra size
 * does not matter in a desktop app.
 *
 * libphonenumber costs ~24 µs a number, so clean US numbers ("(212) 867-5309", "+1 212.867.5309")
 * take a regex fast path, judged by isValidNanpNumber: libphonenumber's own validity rules for +1
 * numbers, compiled once from its metadata (nanp-validity.ts), so the fast path accepts and rejects
 * exactly what libphonenumber does (the test suite checks the equivalence).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { withoutOptOutWords } from '../../shared/opt-out-words';
import { countryCode } from './countries';
import { isValidNanpNumber } from './nanp-validity';
import { countDigits } from './value-shapes';

/** `saysOptedOut`: the cell says do not contact beside its number ("512-555-3902 (DNC)"): the customer's word. */
export type PhoneResult =
  | { ok: true; e164: string; ext: string | null; saysOptedOut?: true }
  /** `blank`: nothing usable was entered (empty, "N/A", "none"): not worth a warning. */
  | { ok: false; reason: string; blank: boolean; saysOptedOut?: true };

const FAST_US_PHONE =
  /^(?:\+?1[ .-]?)?(?:\(([2-9]\d\d)\)|([2-9]\d\d))[ .-]?(\d{3})[ .-]?(\d{4})(?:\s*(?:x|ext|extension|#)[.:]*\s*(\d{1,7}))?$/i;
/** "x12", "x. 12", "ext: 12", "Ext. 12", "#12": the extension is kept apart, never an error. */
const EXTENSION_SUFFIX = /[\s,;]*(?:x|ext|extn|extension|#)[.:]*\s*(\d{1,7})\s*$/i;
/** "00 44 …" (most of the world) and "011 44 …" (North America): the international call prefix, read as "+". */
const INTERNATIONAL_PREFIX = /^(?:00|011)[\s.-]*(?=[1-9])/;
/** What Excel writes for a long number in a General column ("5.12555E+09"): the digits are gone. */
const EXCEL_SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;
/** Digits and a decimal of zeros (5125550142.0, 15125550142.00): a whole number a spreadsheet wrote as a decimal. */
const EXCEL_DECIMAL = /^\+?\d{7,15}\.0+$/;
export const EXCEL_SHORTENED_REASON = 'Excel shortened this number: format the column as Text and export again';
/** Labels people type next to numbers ("555-123-4567 (cell)", "H: 555…"): not vanity letters. */
const PHONE_LABELS = /\(?\b(?:cell|cellphone|mobile|mob|home|work|office|main|tel|phone|ph|landline|husband|wife|his|hers|c|h|w|m|o)\b\)?\s*[.:]?/gi;
const SEPARATOR_BETWEEN_NUMBERS = /[/;,&|\n]|\bor\b|\band\b/i;
/**
 * Dashes other than '-' ("512–555–0904": a word processor's en dash) and the invisible marks a copy from a web page or a
 * phone's contact card carries (left-to-right marks, zero-width spaces): refused as "unexpected characters", such a
 * number was neither imported nor, on a do-not-contact row, listed as opted out (a review).
 */
const OTHER_DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const INVISIBLE_MARKS = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const PLACEHOLDERS = new Set(['n/a', 'na', 'none', 'null', 'nil', '-', '--', '---', '?', 'unknown', 'no phone', 'no number', 'x', '0']);

/** The country a lead's phone is read under: its own country when that is a real one, else `fallback`. */
export function phoneCountryFor(country: string | null | undefined, fallback: CountryCode = 'US'): CountryCode {
  if (!country || country === fallback) return fallback; // the common case, per row of an import: no lookup
  return countryCode(country) ?? fallback;
}

/**
 * The one way a lead's phone is read, for the lead form, the import and edits: under the lead's own
 * country ("55 1234 5678" in MX is +52 55 1234 5678, not a New Jersey number). A country that is not
 * a real one (junk, blank) does not steer the parse: the phone is read under `fallback`.
 */
export function readLeadPhone(raw: string, country: string | null | undefined, fallback: CountryCode = 'US'): PhoneResult {
  return normalizePhone(raw, phoneCountryFor(country, fallback));
}

export function normalizePhone(raw: string, defaultCountry: CountryCode = 'US'): PhoneResult {
  const text = raw.trim();
  if (text.length === 0 || PLACEHOLDERS.has(text.toLowerCase())) return { ok: false, reason: 'Phone is empty', blank: true };
  if (EXCEL_SCIENTIFIC.test(text)) return invalid(EXCEL_SHORTENED_REASON);
  // 5125550142.0: a phone a spreadsheet stored as a number, written out with its decimal; the digits are whole.
  if (EXCEL_DECIMAL.test(text)) return normalizePhone(text.slice(0, text.indexOf('.')), defaultCountry);

  if (defaultCountry === 'US') {
    const match = FAST_US_PHONE.exec(text);
    if (match) {
      const national = (match[1] ?? match[2] ?? '') + (match[3] ?? '') + (match[4] ?? '');
      if (isValidNanpNumber(national)) return { ok: true, e164: '+1' + national, ext: match[5] ?? null };
      // Invalid: fall through so the slow path explains why.
    }
  }
  return normalizeSlowly(text, defaultCountry);
}

function normalizeSlowly(raw: string, defaultCountry: CountryCode): PhoneResult {
  const plain = raw.replace(OTHER_DASHES, '-').replace(INVISIBLE_MARKS, '').trim();
  const withoutWords = withoutOptOutWords(plain);
  if (withoutWords === null) return plain === raw ? readNumber(plain, defaultCountry) : normalizePhone(plain, defaultCountry);
  const read = withoutWords === '' ? invalid('Phone has no digits') : normalizePhone(withoutWords, defaultCountry);
  return { ...read, saysOptedOut: true };
}

// Made once: a regular expression literal is a new object each time it is evaluated (readNumber reads each phone the
// fast path does not).
const LETTER = /[a-z]/i;
const NOT_PHONE_CHARACTER = /[^\d\s()+.\-/]/;

function readNumber(text: string, defaultCountry: CountryCode): PhoneResult {
  let ext: string | null = null;
  let body = text;
  const extension = EXTENSION_SUFFIX.exec(body);
  if (extension) {
    ext = extension[1] ?? null;
    body = body.slice(0, extension.index);
  }
  body = body.replace(PHONE_LABELS, ' ').trim().replace(INTERNATIONAL_PREFIX, '+');

  const parts = body.split(SEPARATOR_BETWEEN_NUMBERS).filter((part) => countDigits(part) >= 7);
  const digitCount = countDigits(body);
  // 17 digits or more are never one number (15 at most): set apart by a space or a dash, they are two.
  if (parts.length >= 2 || (digitCount >= 17 && /\d[\s.()-]+\d/.test(body))) {
    return invalid('Two phone numbers in one cell — keep one');
  }
  if (LETTER.test(body)) return invalid('Phone contains letters (vanity number?) — enter the digits');
  if (NOT_PHONE_CHARACTER.test(body)) return invalid('Phone contains unexpected characters — enter the digits only');
  if (digitCount === 0) return invalid('Phone has no digits');
  const international = body.startsWith('+');
  if (digitCount === 7 && !international) return invalid('Phone has no area code');
  if (digitCount < 7) return invalid(`Phone is too short (${digitCount} digits)`);
  if (digitCount > 15) return invalid(`Phone is too long (${digitCount} digits)`);

  const parsed = parsePhoneNumberFromString(body, { defaultCountry });
  if (!parsed) return invalid('Phone number is not valid');
  if (parsed.countryCallingCode === '1') {
    const national = parsed.nationalNumber;
    if (national.length === 7) return invalid('Phone has no area code');
    if (national.length < 10) return invalid(`Phone is too short for a US number (${national.length} digits, 10 needed)`);
    if (national.length > 10) return invalid(`Phone is too long for a US number (${digitCount} digits)`);
    if (!parsed.isValid()) return invalid(explainInvalidNanp(national));
    return { ok: true, e164: parsed.number, ext: ext ?? parsed.ext ?? null };
  }
  if (!parsed.isValid()) {
    return invalid(international ? 'Phone number is not valid for its country code' : 'Phone number is not valid');
  }
  return { ok: true, e164: parsed.number, ext: ext ?? parsed.ext ?? null };
}

function explainInvalidNanp(national: string): string {
  const areaCode = national.slice(0, 3);
  const exchange = national.slice(3, 6);
  if (/^[01]/.test(areaCode) || areaCode.endsWith('11')) return `Phone has an invalid area code (${areaCode})`;
  if (/^[01]/.test(exchange) || exchange.endsWith('11')) return `Phone number is not valid: the 3 digits after the area code (${exchange}) cannot start with 0 or 1`;
  return `Phone number is not valid: area code ${areaCode} is not in use (or the number is not assigned)`;
}

function invalid(reason: string): PhoneResult {
  return { ok: false, reason, blank: false };
}
