/**
 * Cheap "does this look like …" checks, used for header-row detection and content-based mapping.
 * They are deliberately loose: real validation happens in phone.ts / email.ts.
 */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_SHAPE = /^[\s()+.\-\d]*\d[\s()+.\-\d]*(?:\s*(?:x|ext\.?|#)\s*\d+)?$/i;

export function looksLikeEmail(value: string): boolean {
  return EMAIL_SHAPE.test(value.trim());
}

export function looksLikePhone(value: string): boolean {
  const trimmed = value.trim();
  if (!PHONE_SHAPE.test(trimmed)) return false;
  const digits = countDigits(trimmed);
  return digits >= 7 && digits <= 15;
}

/** Mostly digits: numbers, dates, ZIPs — values a header label would not be. */
export function looksNumeric(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length > 0 && countDigits(trimmed) / trimmed.length > 0.5;
}

export function countDigits(value: string): number {
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
  }
  return digits;
}
