import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../electron/parsing/phone';

/** What libphonenumber alone says, with the 10-digit NANP rule from IMPORT-NOTES. */
function libphonenumberOnly(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, { defaultCountry: 'US' });
  if (!parsed || !parsed.isValid()) return null;
  if (parsed.countryCallingCode === '1' && parsed.nationalNumber.length !== 10) return null;
  return parsed.number;
}

/** Deterministic pseudo-random numbers so a failure can be reproduced. */
function* generatedPhones(count: number): Generator<string> {
  let seed = 12345;
  const next = (max: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % max;
  };
  const digits = (n: number) => Array.from({ length: n }, () => next(10)).join('');
  const formats: Array<(a: string, b: string, c: string) => string> = [
    (a, b, c) => `(${a}) ${b}-${c}`,
    (a, b, c) => `${a}-${b}-${c}`,
    (a, b, c) => `${a}.${b}.${c}`,
    (a, b, c) => `${a}${b}${c}`,
    (a, b, c) => `1${a}${b}${c}`,
    (a, b, c) => `+1${a}${b}${c}`,
    (a, b, c) => `+1 (${a}) ${b}-${c}`,
    (a, b, c) => `1-${a}-${b}-${c}`,
    (a, b, c) => `1 ${a} ${b} ${c}`,
    (a, b, c) => `(${a})${b}-${c}`,
    (a, b, c) => ` ${a} ${b} ${c} `,
    (a, b, c) => `(${a}) ${b}.${c}`,
    (a, b, c) => `${a}-${b}-${c} x${next(999)}`,
    (a, b, c) => `(${a}) ${b}-${c} ext. ${next(99)}`,
    (a, b, c) => `${a}/${b}-${c}`, // slow path
    (a, b, c) => `+1.${a}.${b}.${c}`,
  ];
  const commonAreaCodes = ['212', '214', '303', '404', '512', '555', '615', '713', '800', '305', '246', '876', '416', '787'];
  for (let i = 0; i < count; i++) {
    // Mostly realistic area codes, some random ones (invalid 0xx/1xx, unassigned) to exercise rejections.
    const area = i % 3 === 0 ? digits(3) : (commonAreaCodes[next(commonAreaCodes.length)] ?? '212');
    const exchange = i % 5 === 0 ? digits(3) : String(200 + next(800));
    const format = formats[next(formats.length)] ?? formats[0]!;
    yield format(area, exchange, digits(4));
  }
}

describe('normalizePhone: fast path equals libphonenumber', () => {
  it('gives the same E.164 as libphonenumber on 10k generated varied numbers', () => {
    let compared = 0;
    let valid = 0;
    for (const raw of generatedPhones(10_000)) {
      const ours = normalizePhone(raw);
      expect(ours.ok ? ours.e164 : null, raw).toBe(libphonenumberOnly(raw));
      compared++;
      if (ours.ok) valid++;
    }
    expect(compared).toBe(10_000);
    expect(valid).toBeGreaterThan(3_000); // the sample really exercises both outcomes
    expect(valid).toBeLessThan(9_500);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['(212) 867-5309', '+12128675309', null],
    ['212.867.5309', '+12128675309', null],
    ['+1 212 867 5309', '+12128675309', null],
    ['1-212-867-5309', '+12128675309', null],
    ['212-867-5309 x123', '+12128675309', '123'],
    ['212-867-5309 ext. 45', '+12128675309', '45'],
    ['(212) 867-5309 #12', '+12128675309', '12'],
    ['Cell: 212-867-5309', '+12128675309', null],
    ['212-867-5309 (home)', '+12128675309', null],
    ['+44 20 7946 0958', '+442079460958', null],
    ['011 44 20 7946 0958', '+442079460958', null],
    ['(416) 555-0143', '+14165550143', null],
    // A phone a spreadsheet stored as a number, written with its decimal: was "too long".
    ['2128675309.0', '+12128675309', null],
    ['12128675309.00', '+12128675309', null],
  ])('%s → %s', (raw, e164, ext) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164, ext });
  });

  it.each([
    ['1-800-FLOWERS', 'Phone contains letters (vanity number?) — enter the digits'],
    ['555-123-4567 / 555-987-6543', 'Two phone numbers in one cell — keep one'],
    ['2128675309 2125550143', 'Two phone numbers in one cell — keep one'],
    ['212-867-5309 or 212-555-0143', 'Two phone numbers in one cell — keep one'],
    ['2128675309-2125550143', 'Two phone numbers in one cell — keep one'],
    ['555-0143', 'Phone has no area code'],
    ['867-5309', 'Phone has no area code'],
    ['12345', 'Phone is too short (5 digits)'],
    ['212-867-530', 'Phone is too short for a US number (9 digits, 10 needed)'],
    ['1234567890123456', 'Phone is too long (16 digits)'],
    ['123-456-7890', 'Phone has an invalid area code (123)'],
    ['212-123-4567', 'Phone number is not valid: the 3 digits after the area code (123) cannot start with 0 or 1'],
    ['555-234-5678', 'Phone number is not valid: area code 555 is not in use (or the number is not assigned)'],
    ['212*867*5309', 'Phone contains unexpected characters — enter the digits only'],
    ['+44 20 7946', 'Phone number is not valid for its country code'],
  ])('rejects %s: %s', (raw, reason) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason, blank: false });
  });

  it.each(['', '   ', 'N/A', 'none', '-'])('treats %j as blank', (raw) => {
    expect(normalizePhone(raw)).toMatchObject({ ok: false, blank: true });
  });

  // A review: a number typed with a word processor's en dashes, or copied with invisible marks, was refused as "unexpected
  // characters", so a do-not-contact row's number never reached the opt-out list, and a later file's same number was texted.
  it.each([
    ['512–867–5309', '+15128675309'],
    ['512—867—5309', '+15128675309'],
    ['\u202D512-867-5309\u202C', '+15128675309'],
    ['512\u200B867\u200B5309', '+15128675309'],
    ['\u200E+1 (512) 867-5309', '+15128675309'],
  ])('reads %j, its dashes and invisible marks aside', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164, ext: null });
  });

  // A review: "DNC" typed beside the number was read as a vanity number's letters; the cell refused, the customer was
  // texted on her other number, and the number itself never listed as opted out.
  it.each([
    ['DNC 512-867-5309', '+15128675309'],
    ['512-867-5309 (DNC)', '+15128675309'],
    ['512-867-5309 do not text', '+15128675309'],
    ['Cell: 512-867-5309 no texts', '+15128675309'],
  ])('reads %j as its number, saying the cell opted out', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164, ext: null, saysOptedOut: true });
  });

  // The diff's review: the first cut read these as opt-outs, and made their leads do-not-contact.
  it.each(['512-867-5309 (text only - do not call)', '512-867-5309 do not call before 10am', '512-867-5309 not DNC', '512-867-5309 DNC scrubbed', '512-867-5309 no calls after 6pm', '512-867-5309 (Stop & Shop)', '1-800-STOP-LEAK'])(
    '%j says no opt-out',
    (raw) => {
      expect(normalizePhone(raw)).not.toHaveProperty('saysOptedOut');
    },
  );

  it('a phone cell that says only "DNC" has no number, and still says the customer opted out', () => {
    expect(normalizePhone('DNC')).toEqual({ ok: false, reason: 'Phone has no digits', blank: false, saysOptedOut: true });
    expect(normalizePhone('1-800-FLOWERS')).not.toHaveProperty('saysOptedOut');
  });

  it('accepts 555-01xx numbers exactly when libphonenumber does', () => {
    expect(normalizePhone('(212) 555-0143')).toEqual({ ok: true, e164: '+12125550143', ext: null });
  });
});
