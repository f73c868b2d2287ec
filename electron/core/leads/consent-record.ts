/**
 * The consent record (issue #13 item 7): what an office shows when a complaint arrives. One owner for
 * its words, used by the lead panel (`leads:get`) and the Leads export, so both say the same.
 *
 * The enrolment's zone, window and rule state are the ones written with enrolled_at
 * (lease-statements.ts ENROLLED_FACTS), not the lead's or the company's today: a lead that moved or a
 * schedule that changed since must not rewrite what applied when it was enrolled. The window's words
 * are worked out again from those facts by the pacing rules (explainLeadWindow), for the weekday the
 * lead was enrolled on in its own time.
 */
import { displayFileName } from '../../../shared/file-name';
import { zoneLabel } from '../../../shared/zone-label';
import type { ConsentRecord, LeadStatus } from '../../../shared/lead';
import { parseSendWindow, weekdays } from '../../../shared/schedule';
import { compileSchedule, effectiveWindow, explainLeadDay, formatWindow, UNKNOWN_PLACE_KEY, windowOn, UNKNOWN_PLACE_ZONE, type CompiledSchedule, type MinuteWindow } from '../../pacing';
import { intersect } from '../../pacing/legal-floor';
import { localTime } from '../../pacing/local-time';

/** The columns the record is made from; select them with CONSENT_FACTS_SQL over `leads l LEFT JOIN import_batches b`. */
export interface ConsentFacts {
  status: LeadStatus;
  doNotContact: number | boolean;
  createdAt: number;
  batchFileName: string | null;
  sourceRow: number | null;
  originalDate: string | null;
  consentNote: string | null;
  enrolledAt: number | null;
  enrolledTimeZone: string | null;
  enrolledWindow: string | null;
  enrolledRuleState: string | null;
}

export const CONSENT_FACTS_SQL = `l.status, l.do_not_contact AS doNotContact, l.created_at AS createdAt, b.file_name AS batchFileName,
  l.source_row AS sourceRow, l.original_date AS originalDate, l.consent_note AS consentNote, l.enrolled_at AS enrolledAt,
  l.enrolled_time_zone AS enrolledTimeZone, l.enrolled_window AS enrolledWindow, l.enrolled_rule_state AS enrolledRuleState`;
export const CONSENT_FACTS_JOIN = 'LEFT JOIN import_batches b ON b.id = l.batch_id';

export interface ConsentOptions {
  /** The office's zone, for the day the lead came in (default: this computer's). */
  officeTimeZone?: string;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const formatIn = (cache: Map<string, Intl.DateTimeFormat>, zone: string | undefined, options: Intl.DateTimeFormatOptions) => {
  const key = zone ?? '';
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone })));
  return format;
};
/** "Nov 30, 2026". */
const day = (at: number, zone?: string) => formatIn(dayFormats, zone, { month: 'short', day: 'numeric', year: 'numeric' }).format(at);
/** "10:14" (24-hour clock, like the schedule's windows). */
const clock = (at: number, zone: string) => formatIn(timeFormats, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

// Only the window matters for the record; every day counts as a sending day (the lead WAS enrolled that day).
const compiled = new Map<string, CompiledSchedule | null>();
function scheduleFor(window: string, timeZone: string): CompiledSchedule | null {
  const key = `${window}|${timeZone}`;
  if (!compiled.has(key)) {
    let schedule: CompiledSchedule | null = null;
    try {
      schedule = compileSchedule({ dailyCap: 1, hourlyCap: null, sendDays: [...weekdays], window: parseSendWindow(window), timeZone, startDate: null, daysOff: [] });
    } catch {
      schedule = null; // a window the schedule's own rules refuse cannot be explained: the record says none
    }
    compiled.set(key, schedule);
  }
  return compiled.get(key) ?? null;
}

function cameFrom(facts: ConsentFacts, officeTimeZone: string | undefined): { source: ConsentRecord['source']; words: string } {
  const on = `on ${day(facts.createdAt, officeTimeZone)}`;
  // A lead with a source row came from a file even when its import left the history; one without
  // either was typed in (the form or `rlm lead add`). The app has no user accounts and records no OS
  // user name, so "this computer" is all it can truthfully say about who typed it.
  if (facts.batchFileName === null && facts.sourceRow === null) return { source: { kind: 'typed' }, words: `Typed in on this computer ${on}` };
  const fileName = facts.batchFileName === null ? null : displayFileName(facts.batchFileName);
  const file = fileName ?? 'a file no longer in the import history';
  const row = facts.sourceRow === null ? '' : `, row ${facts.sourceRow.toLocaleString('en-US')}`;
  return { source: { kind: 'import', fileName, row: facts.sourceRow }, words: `Imported from ${file}${row}, ${on}` };
}

const NOT_ENROLLED: Record<LeadStatus, string> = {
  new: 'Not enrolled yet — held back, not queued to go out',
  queued: 'Not enrolled yet — waiting to be sent',
  syncing: 'Not enrolled yet — being sent to GHL now',
  failed: 'Not enrolled yet — the last try failed',
  synced: 'In GHL, not enrolled in the campaign',
  dnd: 'Not enrolled — GHL has the contact on do-not-disturb',
  'do-not-contact': 'Never enrolled — do not contact',
};

function enrolment(facts: ConsentFacts, officeTimeZone: string | undefined): Pick<ConsentRecord, 'enrolment' | 'enrolled'> {
  const at = facts.enrolledAt;
  if (at === null) return { enrolment: null, enrolled: facts.doNotContact ? NOT_ENROLLED['do-not-contact'] : NOT_ENROLLED[facts.status] };
  if (facts.enrolledWindow === null) {
    // Enrolled before the app recorded the zone and window (or confirmed by hand then): say only when, in office time.
    const zone = officeTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    return {
      enrolment: { at, timeZone: zone, window: null, isInsideWindow: null },
      enrolled: `Enrolled ${day(at, zone)} at ${clock(at, zone)} this office's time (the lead's time zone and window were not recorded then)`,
    };
  }
  // No zone at enrolment: neither the lead nor its company had one, so the company followed this computer's.
  const zone = facts.enrolledTimeZone ?? officeTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  // "10:14 Central Time (Chicago)": the lead's clock, what a complaint about the hour is about, named as every other
  // page names a zone (it said "America/Chicago time" beside "Central Time (Chicago)" in the same panel).
  const when = `Enrolled ${day(at, zone)} at ${clock(at, zone)} ${zoneLabel(zone)}`;
  const schedule = scheduleFor(facts.enrolledWindow, zone);
  if (!schedule) return { enrolment: { at, timeZone: zone, window: facts.enrolledWindow, isInsideWindow: null }, enrolled: `${when}; window ${facts.enrolledWindow}` };
  const local = localTime(at, zone);
  const place = { timeZone: zone, state: facts.enrolledRuleState };
  const legacy = isUnknownPlaceOfOldRule(facts, zone) ? unknownPlaceOfOldRule(schedule, local.weekday) : null;
  // explainLeadDay names the zone after the hours; the sentence has named it already. The day, not only its weekday: an
  // enrolment on a legal holiday its state bans texts on is outside its window, whatever the weekday's hours.
  const words = legacy?.words ?? explainLeadDay(schedule, place, local).replace(` ${zone}`, '');
  const window = legacy ? legacy.window : windowOn(schedule, facts.enrolledRuleState, local);
  const isInsideWindow = window !== null && local.minuteOfDay >= window.start && local.minuteOfDay < window.end;
  const enrolled = isInsideWindow
    ? `${when}; window ${words.replace(' (', ': ').replace(/\)$/, '')}`
    : `${when} — outside its window: ${words.charAt(0).toLowerCase()}${words.slice(1)}`;
  return { enrolment: { at, timeZone: zone, window: words, isInsideWindow }, enrolled };
}

/**
 * An enrolment of a lead nothing placed, made before such leads were read on Chicago's clock: it was judged on its
 * company's clock with three hours inside 08:00–21:00. The record says the rule it was sent under, not today's (read
 * on the company's clock, today's rule called an 11:15 New York enrolment "outside its window").
 */
const isUnknownPlaceOfOldRule = (facts: ConsentFacts, zone: string) => facts.enrolledRuleState === UNKNOWN_PLACE_KEY && zone !== UNKNOWN_PLACE_ZONE;
const OLD_UNKNOWN_PLACE_HOURS: MinuteWindow = { start: 11 * 60, end: 18 * 60 };

function unknownPlaceOfOldRule(schedule: CompiledSchedule, weekday: number): { window: MinuteWindow | null; words: string } {
  const base = effectiveWindow(schedule, null, weekday);
  const window = base && intersect(base, OLD_UNKNOWN_PLACE_HOURS);
  const rule = 'nothing placed the lead: its company’s clock, three hours inside 08:00–21:00, the rule of the version that sent it';
  return { window, words: window ? `${formatWindow(window)} (${rule})` : `No sending that day (${rule})` };
}

export function consentRecordOf(facts: ConsentFacts, options: ConsentOptions = {}): ConsentRecord {
  const origin = cameFrom(facts, options.officeTimeZone);
  return {
    source: origin.source,
    cameFrom: origin.words,
    originalDate: facts.originalDate,
    consentNote: facts.consentNote,
    ...enrolment(facts, options.officeTimeZone),
  };
}
