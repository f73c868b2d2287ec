/**
 * The legal floor: the hours in which a marketing text may reach a lead, in the lead's own local time,
 * whatever the company sets. The one table of stricter state rules is below, a source named for each row.
 *
 * Not legal advice. The rows marked `verify: true` come from secondary compliance summaries and the
 * project's notes (shared/GHL-NOTES.md, "Pacing and compliance facts"); verify them before relying on them.
 */

import { isFederalHoliday } from '../../shared/us-holidays';

/** Minutes after local midnight: [start, end). */
export interface MinuteWindow {
  start: number;
  end: number;
}

/** TCPA, 47 U.S.C. § 227 and 47 CFR § 64.1200(c)(1): no telephone solicitation before 8 a.m. or after 9 p.m. */
export const LEGAL_FLOOR: MinuteWindow = { start: 8 * 60, end: 21 * 60 };
export const LEGAL_FLOOR_SOURCE = 'TCPA, 47 CFR § 64.1200(c)(1): 8 a.m.–9 p.m. at the called party’s location';

export interface StateRule {
  /** USPS code. */
  state: string;
  name: string;
  /** The window every day, unless `byWeekday` says otherwise for a day. */
  window: MinuteWindow;
  /** Per weekday (0 = Monday … 6 = Sunday): another window, or null for no sending at all that day. */
  byWeekday?: Partial<Record<number, MinuteWindow | null>>;
  source: string;
  /** True where the row is taken from secondary summaries and not checked against the statute text. */
  verify: boolean;
  /**
   * No marketing texts on the state's legal holidays. Kept as the federal legal holidays and their observed days
   * (shared/us-holidays.ts isFederalHoliday); a state's own (Mardi Gras, Pioneer Day) are the office's days off.
   */
  noTextsOnHolidays?: boolean;
}

const SUNDAY = 6;
const hours = (start: number, end: number): MinuteWindow => ({ start: start * 60, end: end * 60 });

/** Stricter state windows (they only ever narrow the floor). One table, one file. */
export const STATE_RULES: readonly StateRule[] = [
  {
    state: 'FL', name: 'Florida', window: hours(8, 20), verify: false,
    source: 'Florida Telemarketing Act, Fla. Stat. § 501.616(6)(a), as amended by SB 1120 (2021): 8 a.m.–8 p.m. at the called person’s location',
  },
  {
    state: 'OK', name: 'Oklahoma', window: hours(8, 20), verify: true,
    source: 'Oklahoma Telephone Solicitation Act of 2022 (HB 3168), 15 O.S. § 775C.4: 8 a.m.–8 p.m.',
  },
  {
    state: 'MD', name: 'Maryland', window: hours(8, 20), verify: true,
    source: 'Maryland Stop the Spam Calls Act, Md. Code Com. Law § 14-4502 (2023): 8 a.m.–8 p.m.',
  },
  {
    state: 'MS', name: 'Mississippi', window: hours(8, 20), byWeekday: { [SUNDAY]: null }, noTextsOnHolidays: true, verify: true,
    source: 'Miss. Code § 77-3-725 (telephone solicitation): 8 a.m.–8 p.m., none on Sunday or legal holidays (compliance summaries)',
  },
  {
    state: 'NJ', name: 'New Jersey', window: hours(8, 20), verify: true,
    source: 'shared/GHL-NOTES.md (N.J.S.A. 56:8-119 et seq.); some summaries give 8 a.m.–9 p.m.: the stricter 8 p.m. is kept',
  },
  {
    state: 'CT', name: 'Connecticut', window: hours(9, 20), verify: true,
    source: 'Conn. Gen. Stat. § 42-288a (2023 amendment, SB 3): 9 a.m.–8 p.m.',
  },
  {
    state: 'TX', name: 'Texas', window: hours(9, 21), byWeekday: { [SUNDAY]: hours(12, 21) }, verify: true,
    source: 'Tex. Bus. & Com. Code § 301.051 (formerly § 37.02): 9 a.m.–9 p.m. Monday–Saturday, noon–9 p.m. Sunday',
  },
  {
    state: 'AL', name: 'Alabama', window: hours(8, 20), byWeekday: { [SUNDAY]: null }, noTextsOnHolidays: true, verify: true,
    source: 'Alabama telephone solicitation rules (compliance summaries, 2025): 8 a.m.–8 p.m., none on Sunday or legal holidays',
  },
  {
    state: 'LA', name: 'Louisiana', window: hours(8, 20), byWeekday: { [SUNDAY]: null }, noTextsOnHolidays: true, verify: true,
    source: 'La. R.S. 45:844.11 et seq. and Louisiana PSC rules (compliance summaries, 2025): 8 a.m.–8 p.m., none on Sunday or legal holidays',
  },
  {
    state: 'RI', name: 'Rhode Island', window: hours(9, 18), byWeekday: { 5: hours(10, 17), [SUNDAY]: null }, noTextsOnHolidays: true, verify: true,
    source: 'R.I. Gen. Laws § 5-61-3.5 (compliance summaries, 2025): 9 a.m.–6 p.m. weekdays, 10 a.m.–5 p.m. Saturday, none on Sunday or holidays',
  },
  {
    state: 'PA', name: 'Pennsylvania', window: hours(8, 21), noTextsOnHolidays: true, verify: true,
    source: 'Pennsylvania Telemarketer Registration Act, 73 P.S. § 2245.2 (compliance summaries, 2025): 8 a.m.–9 p.m., none on legal holidays',
  },
  {
    state: 'UT', name: 'Utah', window: hours(8, 21), noTextsOnHolidays: true, verify: true,
    source: 'Utah Telephone Fraud Prevention Act, Utah Code § 13-26 (compliance summaries, 2025): none on legal holidays',
  },
  {
    state: 'KY', name: 'Kentucky', window: hours(10, 21), verify: true,
    source: 'KRS 367.46955 (compliance summaries, 2025): 10 a.m.–9 p.m.',
  },
  {
    state: 'MA', name: 'Massachusetts', window: hours(8, 20), verify: true,
    source: 'M.G.L. c. 159C § 3 and 201 CMR 12.02 (compliance summaries, 2025): 8 a.m.–8 p.m.',
  },
  {
    state: 'MI', name: 'Michigan', window: hours(9, 21), verify: true,
    source: 'Michigan Home Solicitation Sales Act, MCL 445.111 et seq. (compliance summaries, 2025): 9 a.m.–9 p.m.',
  },
  {
    state: 'MN', name: 'Minnesota', window: hours(9, 21), verify: true,
    source: 'Minn. Stat. § 325E.27 (compliance summaries, 2025): 9 a.m.–9 p.m.',
  },
  {
    state: 'NV', name: 'Nevada', window: hours(9, 20), verify: true,
    source: 'NRS 228.590 et seq. (compliance summaries, 2025): 9 a.m.–8 p.m.',
  },
  {
    state: 'NM', name: 'New Mexico', window: hours(9, 21), verify: true,
    source: 'N.M. Stat. § 57-12-22 (compliance summaries, 2025): 9 a.m.–9 p.m.',
  },
  {
    state: 'WA', name: 'Washington', window: hours(8, 20), verify: true,
    source: 'RCW 80.36.390: no telephone solicitation between 8 p.m. and 8 a.m.',
  },
];

const RULES_BY_STATE = new Map(STATE_RULES.map((rule) => [rule.state, rule]));

/**
 * A lead's rules key (stored as leads.rule_state, copied to sync_jobs.send_state): its US state, and a
 * trailing '~' when its time zone is not certain — its state spans two zones, or its area code does, and
 * no ZIP says which. Such a lead may be an hour either side of the zone it is placed in (every US split
 * is between neighbouring zones), so its window keeps an hour to spare at each end (UNSURE_ZONE_MARGIN):
 * 08:00–21:00 holds wherever it is. '~' alone: no state known, the zone unsure.
 */
const UNSURE_ZONE_MARK = '~';
export const UNSURE_ZONE_MARGIN_MINUTES = 60;

/**
 * A wider margin than an hour follows the mark as whole hours ('TX~5'): a row whose state and ZIP lie on clocks
 * further apart off the mainland (a Texas row with a Honolulu ZIP and phone; an Alaska row with an Eastern ZIP), where
 * the hours legal anywhere on the mainland hold nowhere. Its window keeps that distance to spare at each end, so it
 * holds on both clocks (lead-zone.ts placeLead); none is left from 7 hours (Guam beside the mainland).
 */
export function ruleKeyOf(state: string | null, isZoneUnsure: boolean, marginHours = 1): string | null {
  if (!isZoneUnsure) return state;
  return `${state ?? ''}${UNSURE_ZONE_MARK}${marginHours > 1 ? String(marginHours) : ''}`;
}

/**
 * States whose law presumes a number with one of their area codes is a resident's: their rule holds at the phone's
 * place too, wherever the ZIP puts the lead (lead-zone.ts placeLead reads it on the phone's clock).
 */
export const PRESUMED_BY_AREA_CODE: ReadonlySet<string> = new Set(['FL', 'OK', 'MD']);

/** Between the states of a rules key that names several ('FL+TX', 'FL+TX~'). */
export const STATES_SEPARATOR = '+';

/**
 * The rules key of a lead whose row, ZIP and phone may name different states (in that order of trust). Its texts
 * keep the law of each: the row says where the roof is, but the ZIP may say otherwise, and Florida, Oklahoma and
 * Maryland presume a number with one of their area codes is a resident's (a Georgia row with a 305 mobile gets
 * Florida's 20:00 close). A state with no rule of its own adds nothing to the floor beside one that has one, so
 * the key names the states with a rule, sorted (one key whatever the order); with none, the first state known.
 * Its window is every named state's at once (stateWindow); it is closed whenever one of them is (claim-gate.ts).
 */
export function ruleKeyOfStates(states: readonly (string | null)[], isZoneUnsure: boolean, marginHours = 1): string | null {
  const known = [...new Set(states.filter((state): state is string => state !== null && state !== ''))];
  const ruled = known.filter((state) => RULES_BY_STATE.has(state)).sort();
  return ruleKeyOf(ruled.length > 0 ? ruled.join(STATES_SEPARATOR) : (known[0] ?? null), isZoneUnsure, marginHours);
}

/**
 * The rules key of a lead nothing places (no ZIP, no state, an area code the table lacks such as a new
 * overlay, or a country of several zones). It may live anywhere on the mainland, under any state's law, so it
 * is texted only in the hours legal in every mainland zone under every state's rule (unknownPlaceWindow), on
 * the clock of UNKNOWN_PLACE_ZONE, never on a Sunday or a legal holiday (states ban those). It read as certain
 * at first, and a Denver lead of a New York office was texted at 06:00 its time; then it kept three hours
 * inside 08:00–21:00 in its company's zone, which held neither for an office in Honolulu or San Juan (22:45 in
 * New York) nor for a state's stricter hours (Rhode Island's 18:00 at 17:45 Pacific).
 */
export const UNKNOWN_PLACE_KEY = '?';

/**
 * The clock a lead nothing places is judged on: Chicago is an hour behind Eastern and one to two ahead of
 * Mountain and Pacific (Arizona's year-round MST is Pacific's clock in summer, Mountain's in winter), and the
 * mainland's zones change to and from summer time on the same days, so those distances hold all year.
 * Alaska (907), Hawaii (808) and the territories have area codes of their own: a code the table lacks is not theirs.
 * A lead with no phone (texted only when GHL matches it to a contact that has one) and a number of a country of
 * several zones are judged the same way: the mainland is where such a lead most likely is, not where it surely is.
 */
export const UNKNOWN_PLACE_ZONE = 'America/Chicago';
const MAINLAND_MINUTES_AHEAD_OF_CHICAGO = { earliest: -120, latest: 60 } as const;

/**
 * The hours of a weekday (0 = Monday) in which a lead nothing places may be texted, on UNKNOWN_PLACE_ZONE's clock:
 * inside 08:00–21:00 and every state's rule of that weekday, in each mainland zone; null when a state bans the
 * day (Sunday). On weekdays 10:00–18:00 local in every zone (Kentucky's opening, Rhode Island's close) is 12:00–17:00 in Chicago.
 */
export function unknownPlaceWindow(weekday: number): MinuteWindow | null {
  let strictest: MinuteWindow | null = LEGAL_FLOOR;
  for (const rule of STATE_RULES) strictest = strictest && intersectOrNull(strictest, stateWindow(rule.state, weekday) ?? null);
  if (!strictest) return null;
  // A local hour h in a zone `ahead` minutes ahead of Chicago is h − ahead in Chicago.
  const start = strictest.start - MAINLAND_MINUTES_AHEAD_OF_CHICAGO.earliest;
  const end = strictest.end - MAINLAND_MINUTES_AHEAD_OF_CHICAGO.latest;
  return start < end ? { start, end } : null;
}

/** `a` ∩ `b`, where `b` null is a day with no sending. */
export const intersectOrNull = (a: MinuteWindow, b: MinuteWindow | null) => (b === null ? null : intersect(a, b));

/** Whether legal holidays close a rules key's leads: its state bans texts on them, or nothing says where it lives. */
export function isClosedOnHolidays(key: string | null | undefined): boolean {
  return key === UNKNOWN_PLACE_KEY || rulesOf(key).some((rule) => rule.noTextsOnHolidays === true);
}

/**
 * The state part and the unsure mark of a rules key (a plain state code reads as itself, sure); `states` splits a
 * key that names several (ruleKeyOfStates).
 */
export function readRuleKey(key: string | null | undefined): { state: string | null; states: string[]; isZoneUnsure: boolean; marginMinutes: number } {
  if (!key) return { state: null, states: [], isZoneUnsure: false, marginMinutes: 0 };
  if (key === UNKNOWN_PLACE_KEY) return { state: null, states: [], isZoneUnsure: true, marginMinutes: UNSURE_ZONE_MARGIN_MINUTES };
  const mark = key.lastIndexOf(UNSURE_ZONE_MARK);
  const hours = mark >= 0 ? key.slice(mark + UNSURE_ZONE_MARK.length) : '';
  // Only a trailing mark, alone or with its hours, is one: anything else is read as the state it is (and matches no rule).
  const isZoneUnsure = mark >= 0 && /^\d*$/.test(hours);
  const state = (isZoneUnsure ? key.slice(0, mark) : key).toUpperCase();
  const marginMinutes = !isZoneUnsure ? 0 : hours === '' ? UNSURE_ZONE_MARGIN_MINUTES : Math.max(1, Number(hours)) * 60;
  return { state: state || null, states: state ? state.split(STATES_SEPARATOR) : [], isZoneUnsure, marginMinutes };
}

/** Whether a rules key keeps more than the hour an unsure zone keeps to spare ('TX~5': ruleKeyOf). */
export const hasWideMargin = (key: string | null | undefined): boolean => readRuleKey(key).marginMinutes > UNSURE_ZONE_MARGIN_MINUTES;

/** The hours a rules key with a wide margin keeps to spare at each end ('TX~5': 5); null for any other key. */
export const wideMarginHours = (key: string | null | undefined): number | null => (hasWideMargin(key) ? readRuleKey(key).marginMinutes / 60 : null);

/** The rule of a state, or of a rules key's one state (undefined for a key that names several: rulesOf). */
export function stateRule(state: string | null | undefined): StateRule | undefined {
  const code = readRuleKey(state).state;
  return code ? RULES_BY_STATE.get(code) : undefined;
}

/** Every state rule a rules key's lead is under: none, one, or several (ruleKeyOfStates). */
export function rulesOf(key: string | null | undefined): StateRule[] {
  return readRuleKey(key).states.flatMap((state) => RULES_BY_STATE.get(state) ?? []);
}

/** The rules key's state bans marketing texts on `date` ('YYYY-MM-DD', the lead's local day): one of its legal holidays. */
export function isStateHoliday(state: string | null | undefined, date: string): boolean {
  return isClosedOnHolidays(state) && isFederalHoliday(date);
}

/** The states whose rules ban texts on legal holidays. */
export const HOLIDAY_RULES: readonly StateRule[] = STATE_RULES.filter((rule) => rule.noTextsOnHolidays === true);

/** A window with `margin` minutes off each end; null when nothing is left. */
export function narrowed(window: MinuteWindow, margin: number): MinuteWindow | null {
  return window.start + margin < window.end - margin ? { start: window.start + margin, end: window.end - margin } : null;
}

/**
 * The window of a rules key's state on a weekday (of all its states at once, for a key that names several):
 * undefined = no rule (the floor alone), null = no sending that day.
 */
export function stateWindow(state: string | null | undefined, weekday: number): MinuteWindow | null | undefined {
  const rules = rulesOf(state);
  if (rules.length === 0) return undefined;
  let window: MinuteWindow | null = LEGAL_FLOOR;
  for (const rule of rules) {
    const override = rule.byWeekday?.[weekday];
    window = window && intersectOrNull(window, override === undefined ? rule.window : override);
  }
  return window;
}

export function intersect(a: MinuteWindow, b: MinuteWindow): MinuteWindow | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : null;
}
