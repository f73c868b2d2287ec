import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { isValidNanpNumber } from '../../../electron/parsing/nanp-validity';

const libphonenumberSays = (national: string) => parsePhoneNumberFromString('+1' + national)?.isValid() ?? false;

/**
 * Deterministic (mulberry32), so a divergence can be reproduced. Integer arithmetic on purpose: the
 * float LCG `(s * 1103515245 + 12345) % 2 ** 31` loses precision past 2^53 and falls into a short
 * cycle (5,594 distinct numbers out of 150k).
 */
function seeded(seed: number): (max: number) => number {
  let state = seed;
  return (max) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  };
}

/** Compares both on every number; returns the divergent ones (at most 20) and how many were valid. */
function compare(numbers: Iterable<string>): { compared: number; valid: number; divergent: string[] } {
  let compared = 0;
  let valid = 0;
  const divergent: string[] = [];
  for (const national of numbers) {
    const expected = libphonenumberSays(national);
    if (isValidNanpNumber(national) !== expected && divergent.length < 20) divergent.push(`${national}: libphonenumber says ${expected}`);
    compared++;
    if (expected) valid++;
  }
  return { compared, valid, divergent };
}

// The domain of the phone fast path: 10 digits, the first 2-9 (FAST_US_PHONE); the exchange may be anything.
describe('isValidNanpNumber: exactly libphonenumber-js/max on NANP numbers', () => {
  it('agrees on 150k random numbers', { timeout: 120_000 }, () => {
    const next = seeded(20261130);
    function* random(): Generator<string> {
      for (let i = 0; i < 150_000; i++) yield String(2 + next(8)) + String(next(1_000_000_000)).padStart(9, '0');
    }
    const numbers = [...random()];
    expect(new Set(numbers).size).toBeGreaterThan(149_000); // really 150k different numbers
    const { compared, valid, divergent } = compare(numbers);
    expect(divergent).toEqual([]);
    expect(compared).toBe(150_000);
    // Both outcomes are well exercised: about half of random area codes are in use.
    expect(valid).toBeGreaterThan(40_000);
    expect(valid).toBeLessThan(110_000);
  });

  it('agrees for every area code with every first two exchange digits (where partly assigned area codes differ)', { timeout: 120_000 }, () => {
    const next = seeded(7);
    function* sweep(): Generator<string> {
      for (let area = 200; area <= 999; area++) {
        for (let exchangeStart = 0; exchangeStart < 100; exchangeStart++) {
          yield `${area}${String(exchangeStart).padStart(2, '0')}${String(next(100_000)).padStart(5, '0')}`;
        }
      }
    }
    const { compared, divergent } = compare(sweep());
    expect(divergent).toEqual([]);
    expect(compared).toBe(80_000);
  });

  it('knows the Caribbean (own leading digits), Canada and toll-free numbers, and rejects unassigned ones', () => {
    expect(isValidNanpNumber('8762345678')).toBe(true); // Jamaica
    expect(isValidNanpNumber('4165550143')).toBe(true); // Toronto
    expect(isValidNanpNumber('8002345678')).toBe(true); // toll free
    expect(isValidNanpNumber('5552345678')).toBe(false); // 555 is not an area code
    expect(isValidNanpNumber('2121234567')).toBe(false); // exchange starting with 1
    expect(isValidNanpNumber('212867530')).toBe(false); // 9 digits
  });
});
