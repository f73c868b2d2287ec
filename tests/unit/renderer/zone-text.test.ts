/**
 * The lead panel's "Sends follow the time zone" for a lead nothing places (renderer/src/pages/leads/zone-text.ts): it
 * said "no ZIP, state or known area code" of every one, also of a row whose state and ZIP are on clocks apart and of a
 * ZIP no table reads (placed nowhere since ec4c4e7): the office was told the lead had no address at all.
 */
import { describe, expect, it } from 'vitest';
import { zoneText } from '../../../renderer/src/pages/leads/zone-text';

const unknown = { timeZone: null, timeZoneSource: 'unknown' } as const;
const lead = (over: { state?: string | null; postalCode?: string | null; country?: string }) => ({
  crm: unknown as never,
  state: null,
  postalCode: null,
  country: 'US',
  ...over,
});

describe('whose clock a lead nothing places follows, and why', () => {
  it('says what the row holds that places it nowhere', () => {
    expect(zoneText(lead({ state: 'MS', postalCode: '30301' }))).toMatch(/^Its state and its ZIP are on clocks hours apart, so one of them is wrong: texted only in the hours legal in every mainland state/);
    expect(zoneText(lead({ postalCode: '98100' }))).toMatch(/^Its ZIP 98100 is not one the app knows \(a typo\?\), and no state says where it is: texted only/);
    expect(zoneText(lead({}))).toMatch(/^Nothing says where the lead lives \(no ZIP, state or known area code\): texted only/);
    // Another country's postcode is no ZIP.
    expect(zoneText(lead({ postalCode: 'SW1A 1AA', country: 'GB' }))).toMatch(/^Nothing says where the lead lives/);
  });
});
