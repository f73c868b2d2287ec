import { areaCodeInfo, isSplitAreaCode, isUsRegion, mainZoneOfSplitState, zonesOfSplitState, zoneOfSingleZoneState } from './area-codes';
import { PRESUMED_BY_AREA_CODE, ruleKeyOfStates, UNKNOWN_PLACE_KEY, UNKNOWN_PLACE_ZONE } from './legal-floor';
import { singleZoneForCountry } from './country-zones';
import { normalizeZip, type ZipDirectory } from './zip-directory';
import { offsetAt } from './local-time';
import { isUsCountry, US_TERRITORIES } from '../../shared/us-territories';
import { caProvinceCode } from '../../shared/ca-provinces';

/**
 * Where a lead's zone came from: its ZIP code, its row's state when that state has one zone (Hawaii, Guam),
 * its phone number; its company's for a state no zone table knows; 'unknown' when nothing places it (legal-floor.ts
 * UNKNOWN_PLACE_KEY).
 */
export type ZoneSource = 'zip' | 'state' | 'phone' | 'company' | 'unknown';
export type StateSource = 'row' | 'zip' | 'phone';

export interface LeadPlacement {
  timeZone: string;
  source: ZoneSource;
  /** US state (USPS code) for the state rules: the row's own, else from the ZIP, else from the area code. */
  state: string | null;
  stateSource: StateSource | null;
  /**
   * What the rules read (stored as rule_state): the state, or every state the row, the ZIP and the phone name that
   * has a rule (legal-floor.ts ruleKeyOfStates: 'FL+TX'), marked when the zone is unsure (ruleKeyOf).
   */
  ruleKey: string | null;
}

/** The lead fields that place it (as stored: phone in E.164, country an ISO code, state a USPS code or null). */
export interface LeadAddress {
  postalCode?: string | null;
  state?: string | null;
  country?: string | null;
  phone?: string | null;
}

const US_STATE_CODE = /^[A-Z]{2}$/;
/** The mainland's farthest clocks apart (Arizona's is Pacific's in summer, Mountain's in winter). */
const MAINLAND_EXTREMES = ['America/New_York', 'America/Los_Angeles', 'America/Phoenix'];
/** States and territories off the mainland: the hours legal anywhere on the mainland (UNKNOWN_PLACE_KEY) are not theirs. */
const OFF_MAINLAND = new Set(['HI', 'AK', 'PR', 'VI', 'GU', 'AS', 'MP']);

/**
 * Canada's provinces and territories on their main clock, and whether they keep another too (north-east British Columbia,
 * north-west Ontario, Quebec's Magdalen Islands, Labrador, Nunavut's three, Lloydminster in Saskatchewan).
 */
const CA_PROVINCE_ZONES: Record<string, { timeZone: string; isSplit: boolean }> = {
  AB: { timeZone: 'America/Edmonton', isSplit: false }, BC: { timeZone: 'America/Vancouver', isSplit: true },
  MB: { timeZone: 'America/Winnipeg', isSplit: false }, NB: { timeZone: 'America/Moncton', isSplit: false },
  NL: { timeZone: 'America/St_Johns', isSplit: true }, NS: { timeZone: 'America/Halifax', isSplit: false },
  NT: { timeZone: 'America/Yellowknife', isSplit: false }, NU: { timeZone: 'America/Iqaluit', isSplit: true },
  ON: { timeZone: 'America/Toronto', isSplit: true }, PE: { timeZone: 'America/Halifax', isSplit: false },
  QC: { timeZone: 'America/Toronto', isSplit: true }, SK: { timeZone: 'America/Regina', isSplit: true },
  YT: { timeZone: 'America/Whitehorse', isSplit: false },
};

/** A Canadian row's province, on its clock. */
function provinceOf(lead: LeadAddress): { timeZone: string; isSplit: boolean } | null {
  if (lead.country?.toUpperCase() !== 'CA') return null;
  const code = caProvinceCode(lead.state);
  return code ? (CA_PROVINCE_ZONES[code] ?? null) : null;
}

/** The row's own US state and ZIP, as placeLead reads them. */
function ownUsPlace(lead: LeadAddress): { rowState: string | null; zip: string | null; isZipUnread: boolean } {
  const isUs = isUsCountry(lead.country);
  // A Canadian province code is not a state: only US rows read theirs.
  const territory = lead.country && US_TERRITORIES.has(lead.country.toUpperCase()) ? lead.country.toUpperCase() : null;
  // An unknown code ("XX", kept as typed by the import) is no state: the ZIP's or the phone's decides then.
  const typedState = lead.state?.toUpperCase() ?? '';
  const rowState = isUs && US_STATE_CODE.test(typedState) && isUsRegion(typedState) ? typedState : territory;
  const zip = isUs ? normalizeZip(lead.postalCode) : null;
  // A ZIP cell the import kept as typed, unread ("Seattle WA 98101 USA"): a ZIP was given, where the roof is.
  return { rowState, zip, isZipUnread: isUs && zip === null && (lead.postalCode?.trim() ?? '') !== '' };
}

/**
 * Whether the row names a US state of its own. A lead with one that nothing placed is one whose state and ZIP disagree
 * (placeLead): a phone breaks that tie only beside the ZIP tables.
 */
export function namesOwnUsState(lead: LeadAddress): boolean {
  return ownUsPlace(lead).rowState !== null;
}

/**
 * A lead's time zone and state. ZIP (US rows) beats phone, because people keep their mobile number when they
 * move and the ZIP is where the roof is; the phone beats nothing. The row's own state is the lead's state when it
 * has one, else the ZIP's, else the area code's; the state rules are those of all three (ruleKeyOfStates).
 */
export function placeLead(lead: LeadAddress, companyTimeZone: string, zips: ZipDirectory): LeadPlacement {
  const { rowState, zip, isZipUnread } = ownUsPlace(lead);
  const zipPlace = zip ? zips.lookup(zip) : null;
  const phone = phonePlace(lead.phone);

  const state = rowState ?? zipPlace?.state ?? phone?.state ?? null;
  const stateSource: StateSource | null = rowState ? 'row' : zipPlace?.state ? 'zip' : phone?.state ? 'phone' : null;
  // The zone table lacks a few ZIPs the state table has (0.4 %): in a one-zone state the state answers.
  const zipZone = zipPlace ? (zipPlace.timeZone ?? (zipPlace.state ? zoneOfSingleZoneState(zipPlace.state) : undefined)) : undefined;
  // The row's, the ZIP's and the phone's states, each when it keeps the clock the lead is placed on: a rule's hours are
  // read on that clock, and Florida's 20:00 read in Seattle (a Seattle ZIP, or a Seattle row with a 305 mobile) is 23:00
  // in Miami (a review). Another clock's state is left out (its hours would need that clock); the state of what placed
  // the lead always keeps it. A state's clocks: its ZIP's or phone's zone, else its own (either of two, a review: a Texas
  // row on El Paso's clock lost Texas's Sunday rule); a state of no known zone stays, to be safe.
  const isOnStateClock = (code: string, timeZone: string) => {
    const single = zoneOfSingleZoneState(code);
    const clocks = single ? [single] : zonesOfSplitState(code);
    return clocks.length === 0 || clocks.some((clock) => isSameClock(clock, timeZone));
  };
  const ruleKeyOn = (timeZone: string, isZoneUnsure: boolean, alsoStates: readonly string[], marginHours: number) => {
    const onClock = [
      rowState && isOnStateClock(rowState, timeZone) ? rowState : null,
      // A ZIP the zone table lacks in a state of two zones (the lead placed in its main one): that state's clocks.
      zipPlace?.state && (zipZone ? isSameClock(zipZone, timeZone) : isOnStateClock(zipPlace.state, timeZone)) ? zipPlace.state : null,
      phone?.state && isSameClock(phone.timeZone, timeZone) ? phone.state : null,
      ...alsoStates,
    ].filter((code): code is string => code !== null);
    // Florida, Oklahoma and Maryland presume a number of their area codes is a resident's, so their rule holds on the
    // phone's clock too: on another clock it is kept with the two clocks' distance to spare at each end, so its hours hold
    // on both (a review: an Illinois ZIP with a 305 mobile was texted at 20:45 Central, 21:45 in Miami, past Florida's
    // 20:00). Off the mainland that distance may leave no hour at all: the lead then waits for its address to be checked.
    // An area code of two clocks (Florida's 850 and 448: Pensacola, Tallahassee) may be on either: an hour at least.
    // Its distance is from the farther of the code's clocks (a Puerto Rico ZIP with an 850 mobile: Pensacola's is 2 hours off).
    const phoneClocks = phone?.state && phone.isSplitCode ? [phone.timeZone, ...zonesOfSplitState(phone.state)] : phone ? [phone.timeZone] : [];
    const presumed =
      phone?.state && PRESUMED_BY_AREA_CODE.has(phone.state) && (phone.isSplitCode || !isSameClock(phone.timeZone, timeZone))
        ? { state: phone.state, hoursApart: Math.max(1, ...phoneClocks.map((clock) => clockDistanceHours(clock, timeZone))) }
        : null;
    const states = [...(onClock.length > 0 ? onClock : [state]), ...(presumed ? [presumed.state] : [])];
    return ruleKeyOfStates(states, isZoneUnsure || presumed !== null, Math.max(marginHours, presumed?.hoursApart ?? 0));
  };
  // A Canadian row's province says where the roof is, as a US row's state does: a Vancouver roof with a Toronto mobile
  // was placed on Toronto's clock as certain and texted at 05:00 at home (a pacing probe). One of several clocks is
  // unsure: an hour to spare at each end (its phone's clock, when that is the province's main one: as a split US state's).
  const province = provinceOf(lead);
  if (province) {
    const byPhone = province.isSplit && phone && isSameClock(phone.timeZone, province.timeZone) ? phone : null;
    const source: ZoneSource = byPhone ? 'phone' : 'state';
    return { timeZone: byPhone?.timeZone ?? province.timeZone, source, state, stateSource, ruleKey: ruleKeyOfStates([state], province.isSplit) };
  }
  // Nothing places it (or two of its places contradict each other): the hours legal anywhere on the mainland.
  const placedNowhere = (): LeadPlacement => ({ timeZone: UNKNOWN_PLACE_ZONE, source: 'unknown', state, stateSource, ruleKey: UNKNOWN_PLACE_KEY });
  const placed = (timeZone: string, source: ZoneSource, isZoneUnsure = false, alsoStates: readonly string[] = [], marginHours = 1): LeadPlacement => ({
    timeZone,
    source,
    state,
    stateSource,
    ruleKey: ruleKeyOn(timeZone, isZoneUnsure, alsoStates, marginHours),
  });
  // A ZIP of another state on another clock than the row's (a Mississippi row with an Atlanta ZIP; a Dallas row whose
  // ZIP "754" reads as Puerto Rico's 00754): one of the two is wrong, and the ZIP's clock and rules were taken as
  // certain, Sundays and holidays of the row's state forgotten (a review). The phone breaks the tie (its clock agrees
  // with one side), unsure; else a row off the mainland keeps its own zone and a ZIP off the mainland its own, unsure;
  // else neither is trusted: the hours legal anywhere on the mainland. A state of two zones (Texas, Florida) is
  // contradicted by a clock that is neither of its own (Texas has both clocks a New Mexico ZIP may have; a New York
  // ZIP's is neither, and taken as certain it let a Texas lead be texted at 07:00 Central).
  const rowMain = rowState ? (zoneOfSingleZoneState(rowState) ?? mainZoneOfSplitState(rowState)) : undefined;
  const isOtherStatesZip = zipZone !== undefined && rowState !== null && zipPlace?.state !== rowState;
  if (zipZone && rowState && rowMain && isOtherStatesZip && isZipAgainstRow(rowState, rowMain, zipZone)) {
    // The phone breaks the tie, unsure: the other side may still be right, and an hour to spare at each end holds on its
    // clock only when it is a neighbour's. A Florida row with a Seattle ZIP and phone, placed on Seattle's clock with
    // Florida's 20:00 read there, could be texted at 22:00 in Miami (a review): two mainland clocks further apart get the
    // hours legal anywhere on the mainland instead.
    // Off the mainland that fallback holds nowhere (08:00 Eastern is 04:00 in Anchorage; Chicago's summer noon is 07:00 in
    // Honolulu): the lead is placed on one side's clock with the two clocks' whole distance to spare at each end
    // (legal-floor.ts ruleKeyOf, 'TX~5'), so its hours hold on both, and its row's state's rules are kept.
    const isOffMainland = !isMainlandClock(zipZone) || !isMainlandClock(rowMain);
    const rowClocks = zoneOfSingleZoneState(rowState) ? [rowMain] : [rowMain, ...zonesOfSplitState(rowState)];
    // Placed on the ZIP's clock, the lead may be on any of the row's; placed on the row's main one, on the ZIP's (its
    // state's other clock is an hour away).
    const marginHours = Math.max(1, ...rowClocks.map((clock) => clockDistanceHours(clock, zipZone)));
    const rowMarginHours = Math.max(1, clockDistanceHours(rowMain, zipZone));
    // The row's state may still be where she lives (unsure): its Sunday and holiday bans are kept (a review: a Mississippi
    // row with an Atlanta ZIP and phone was texted on Sundays).
    if (phone && isSameClock(phone.timeZone, zipZone) && (isOffMainland || marginHours === 1)) return placed(zipZone, 'zip', true, [rowState], marginHours);
    // A split row state's other clock is its main one's neighbour: the ZIP's must be too.
    // Placed on the row's clock, the ZIP's state's rules are kept too, read with the margin (a review: an Alaska row with a
    // Seattle ZIP lost Washington's 20:00 close; a Puerto Rico row with a Providence ZIP, Rhode Island's Sundays).
    const zipStates = zipPlace?.state ? [zipPlace.state] : [];
    if (phone && isSameClock(phone.timeZone, rowMain) && (isOffMainland || rowMarginHours === 1)) return placed(rowMain, 'state', true, zipStates, rowMarginHours);
    if (OFF_MAINLAND.has(rowState)) return placed(rowMain, 'state', true, zipStates, rowMarginHours);
    if (!isMainlandClock(zipZone)) return placed(zipZone, 'zip', true, [rowState], marginHours);
    return placedNowhere();
  }
  // A ZIP of another state on a split row state's other clock (an Oregon row with a Denver ZIP, a Texas row with one of
  // Sunland Park's): either may be right, and they are an hour apart, so the zone is unsure (a review: it was sure, and
  // 08:00 in Denver is 07:00 in Portland).
  const isOffRowClock = zipZone !== undefined && isOtherStatesZip && rowMain !== undefined && !isSameClock(rowMain, zipZone);
  if (zipZone) return placed(zipZone, 'zip', zipPlace?.isZoneUnsure === true || isOffRowClock);
  // The row's state says where the roof is; a mobile number moves with its owner (a Hawaii lead, a New York phone).
  const stateZone = rowState ? zoneOfSingleZoneState(rowState) : undefined;
  if (stateZone) return placed(stateZone, 'state');
  // A state of two zones (the row's, or the ZIP's): the phone's zone when the number is from that state, else
  // the state's main one — never an out-of-state phone's (an Arizona roof, a New York mobile: 06:30 in Phoenix
  // at 08:30 New York). Either may be an hour off, so the zone is unsure.
  const splitState = rowState ?? zipPlace?.state ?? null;
  const splitStateZone = splitState ? mainZoneOfSplitState(splitState) : undefined;
  if (splitState && splitStateZone) return phone?.state === splitState ? placed(phone.timeZone, 'phone', true) : placed(splitStateZone, 'state', true);
  // A ZIP no table reads (a typo such as 98100, a placeholder such as 99999), and no state: the phone was taken as
  // certain, and a Seattle lead with a New York mobile texted from 08:00 Eastern, 05:00 at home (a review). The ZIP
  // says the lead lives somewhere the phone may not: the hours legal anywhere on the mainland, unless the phone is off
  // it (those hours hold nowhere there): then its own clock, unsure.
  // A ZIP cell unread (kept as typed) says as much.
  const isZipUnknown = (zip !== null && !zipPlace) || isZipUnread;
  if (isZipUnknown && phone && isMainlandClock(phone.timeZone)) return placedNowhere();
  // Off the mainland, the ZIP may still be a mainland one: the distance to the farthest mainland clock to spare at each
  // end (a Puerto Rico mobile: 09:00 there was 05:00 in Seattle; a third review), none left when it is too far.
  if (isZipUnknown && phone) return placed(phone.timeZone, 'phone', true, [], Math.max(1, ...MAINLAND_EXTREMES.map((clock) => clockDistanceHours(phone.timeZone, clock))));
  if (phone) return placed(phone.timeZone, 'phone', phone.isSplitCode);
  // Nothing places it: the hours legal anywhere on the mainland, on Chicago's clock (legal-floor.ts UNKNOWN_PLACE_KEY).
  if (state === null) return placedNowhere();
  // A state no zone table knows: the company's zone, an hour either side to spare.
  return { timeZone: companyTimeZone, source: 'company', state, stateSource, ruleKey: ruleKeyOfStates([state], true) };
}

/** Zone (and US state) from an E.164 number: the NANP area code table, else a one-zone country. */
export function phonePlace(e164: string | null | undefined): { timeZone: string; state: string | null; isSplitCode: boolean } | null {
  const digits = e164?.startsWith('+') ? e164.slice(1) : null;
  if (!digits || !/^\d{7,15}$/.test(digits)) return null;
  if (digits.startsWith('1')) {
    const areaCode = digits.slice(1, 4);
    const info = areaCodeInfo(areaCode);
    return info ? { timeZone: info.timeZone, state: info.isUnitedStates ? info.region : null, isSplitCode: isSplitAreaCode(areaCode) } : null;
  }
  const timeZone = singleZoneForCountry(digits);
  return timeZone ? { timeZone, state: null, isSplitCode: false } : null;
}

/** Mid-January and mid-July: two zones that agree at both keep one clock all year (Phoenix and Denver do not). */
const CLOCK_PROBES = [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)];

/** Whether a ZIP's zone contradicts the row's state (placeLead): another clock than the state's, or than either of a split state's two. */
function isZipAgainstRow(rowState: string, rowMain: string, zipZone: string): boolean {
  const clocks = zonesOfSplitState(rowState);
  return !(clocks.length > 0 ? clocks : [rowMain]).some((zone) => isSameClock(zone, zipZone));
}

/** Whether a zone keeps a clock of the mainland US: in January, between Pacific's (UTC−8) and Eastern's (UTC−5). */
function isMainlandClock(timeZone: string): boolean {
  const offsetHours = offsetAt(CLOCK_PROBES[0]!, timeZone) / 3_600_000;
  return offsetHours >= -8 && offsetHours <= -5;
}

/** How many whole hours two zones' clocks are apart at most over the year (Anchorage and New York: 4; Honolulu and Chicago: 5). */
function clockDistanceHours(a: string, b: string): number {
  return Math.ceil(Math.max(...CLOCK_PROBES.map((at) => Math.abs(offsetAt(at, a) - offsetAt(at, b)))) / 3_600_000);
}

/** Whether two zones read the same time all year (New York and Detroit do; New York and Chicago do not). */
function isSameClock(a: string, b: string): boolean {
  return a === b || CLOCK_PROBES.every((at) => offsetAt(at, a) === offsetAt(at, b));
}
