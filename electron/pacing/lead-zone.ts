import { areaCodeInfo, zoneOfSingleZoneState } from './area-codes';
import { singleZoneForCountry } from './country-zones';
import { normalizeZip, type ZipDirectory } from './zip-directory';

/**
 * Where a lead's zone came from: its ZIP code, its row's state when that state has one zone (Hawaii, Guam),
 * its phone number, or (none placed it) its company.
 */
export type ZoneSource = 'zip' | 'state' | 'phone' | 'company';
export type StateSource = 'row' | 'zip' | 'phone';

export interface LeadPlacement {
  timeZone: string;
  source: ZoneSource;
  /** US state (USPS code) for the state rules: the row's own, else from the ZIP, else from the area code. */
  state: string | null;
  stateSource: StateSource | null;
}

/** The lead fields that place it (as stored: phone in E.164, country an ISO code, state a USPS code or null). */
export interface LeadAddress {
  postalCode?: string | null;
  state?: string | null;
  country?: string | null;
  phone?: string | null;
}

const US_STATE_CODE = /^[A-Z]{2}$/;
/** Territories with US ZIPs and USPS codes, sometimes written as the country. */
const US_TERRITORIES = new Set(['PR', 'GU', 'VI', 'AS', 'MP']);
const isUnitedStates = (country: string | null | undefined) => !country || country.toUpperCase() === 'US' || US_TERRITORIES.has(country.toUpperCase());

/**
 * A lead's time zone and state. ZIP (US rows) beats phone, because people keep their mobile number when they
 * move and the ZIP is where the roof is; the phone beats the company's zone. The row's own state wins for the
 * state rules when it has one, else the ZIP's, else the area code's.
 */
export function placeLead(lead: LeadAddress, companyTimeZone: string, zips: ZipDirectory): LeadPlacement {
  const isUs = isUnitedStates(lead.country);
  // A Canadian province code is not a state: only US rows read theirs.
  const territory = lead.country && US_TERRITORIES.has(lead.country.toUpperCase()) ? lead.country.toUpperCase() : null;
  const rowState = isUs && lead.state && US_STATE_CODE.test(lead.state.toUpperCase()) ? lead.state.toUpperCase() : territory;
  const zip = isUs ? normalizeZip(lead.postalCode) : null;
  const zipPlace = zip ? zips.lookup(zip) : null;
  const phone = phonePlace(lead.phone);

  const state = rowState ?? zipPlace?.state ?? phone?.state ?? null;
  const stateSource: StateSource | null = rowState ? 'row' : zipPlace?.state ? 'zip' : phone?.state ? 'phone' : null;
  // The zone table lacks a few ZIPs the state table has (0.4 %): in a one-zone state the state answers.
  const zipZone = zipPlace ? (zipPlace.timeZone ?? (zipPlace.state ? zoneOfSingleZoneState(zipPlace.state) : undefined)) : undefined;
  if (zipZone) return { timeZone: zipZone, source: 'zip', state, stateSource };
  // The row's state says where the roof is; a mobile number moves with its owner (a Hawaii lead, a New York phone).
  const stateZone = rowState ? zoneOfSingleZoneState(rowState) : undefined;
  if (stateZone) return { timeZone: stateZone, source: 'state', state, stateSource };
  if (phone) return { timeZone: phone.timeZone, source: 'phone', state, stateSource };
  return { timeZone: companyTimeZone, source: 'company', state, stateSource };
}

/** Zone (and US state) from an E.164 number: the NANP area code table, else a one-zone country. */
export function phonePlace(e164: string | null | undefined): { timeZone: string; state: string | null } | null {
  const digits = e164?.startsWith('+') ? e164.slice(1) : null;
  if (!digits || !/^\d{7,15}$/.test(digits)) return null;
  if (digits.startsWith('1')) {
    const info = areaCodeInfo(digits.slice(1, 4));
    return info ? { timeZone: info.timeZone, state: info.isUnitedStates ? info.region : null } : null;
  }
  const timeZone = singleZoneForCountry(digits);
  return timeZone ? { timeZone, state: null } : null;
}
