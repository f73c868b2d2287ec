/** The campaign schedule's rules (issue #13): pure functions of a schedule, a lead's place and an instant. */
export { allAreaCodes, areaCodeInfo, SPLIT_AREA_CODES, zoneOfSingleZoneState, zonesOfSplitState } from './area-codes';
export { singleZoneForCountry } from './country-zones';
export { hasWideMargin, wideMarginHours, LEGAL_FLOOR, LEGAL_FLOOR_SOURCE, STATE_RULES, stateRule, STATES_SEPARATOR, UNKNOWN_PLACE_KEY, UNKNOWN_PLACE_ZONE, unknownPlaceWindow, type MinuteWindow, type StateRule } from './legal-floor';
export { placeLead, phonePlace, type LeadAddress, type LeadPlacement, type StateSource, type ZoneSource } from './lead-zone';
export { capLeft, closedKeysOfSeveral, closedWideMarginKeys, companyDayKey, EVERY_UNSURE_KEY, firstWindowInstant, hasStarted, isKeptByAddress, isSendableNow, nextSendAt, openZonesNow, type OpenZone } from './pace';
export { describeDay, describeNext, finishEstimate, plan, turnDay, type PlanDay, type SentSince, type Waiting } from './plan';
export { compileSchedule, effectiveWindow, explainLeadDay, explainLeadWindow, explainSchedule, formatWindow, windowOn, type CompiledSchedule, type Place } from './windows';
export { loadZipDirectory, normalizeZip, type ZipDirectory, type ZipPlace } from './zip-directory';
