/**
 * One kind of GHL call failing while GHL answers the others: its tag endpoint hangs for every contact (an
 * incident at GHL), or answers 503 to every enrolment. No lead fails at once (the sync keeps them and tries
 * them again) and the connection is not "offline": the dashboard said "Sending", with leads waiting and nothing
 * going, and no word of why. Read from what the sync writes of every HTTP attempt (sync_attempts: one row per
 * lead the attempt served, so a bulk call's rows are gathered back into one try).
 *
 * A kind of call is said to fail when its latest tries (at least two, for at least two leads) all failed in a way
 * that says nothing of the lead — no answer, a server error, an answer lost — and either GHL answered one of
 * its other calls between the first and the last of those tries (the connection was up, this kind of call was
 * not: an outage's failures do not count once the connection is back), or GHL itself answered with an error.
 * Not: a rate limit (429s: below), a refusal (the lead's own: Failed leads), one lead's calls, or those of leads whose
 * calls failed before GHL answered one of the kind for another lead (contacts GHL chokes on: the lane fails them with
 * the reason), calls for no lead (the connection's probe). Reads (a lead's notes) are no kind of their own; their
 * answers are GHL answering.
 *
 * A rate limit is a trouble of its own (isRateLimit), of every call of the company: GHL turned away its latest tries,
 * whatever their kind, with "Too Many Requests" for a minute or more. GHL counts the limit per app (the key's integration)
 * and location, and the sync paces itself by it, so a run of 429s most often means something else uses the same key; the
 * lane waits and tries again without using a lead's tries (company-lane.ts), so nothing else said why nothing went.
 *
 * The caller asks only of companies that send: not blocked (no key, refused key, paused), with leads still to go,
 * and not while sending is paused or stopped, or offline (isNotSending).
 */
import type Database from 'better-sqlite3';
import { ghlHoldsByCompany } from '../../../shared/ghl-holds';

/**
 * How far back the tries are read: past the sync's longest wait between two tries of a lead (retryCapMs,
 * 2 hours, electron/sync/config.ts), so that leads waiting out a backoff are still said to wait for it.
 */
export const CALL_TROUBLE_WINDOW_MS = 3 * 60 * 60_000;
/** Failed tries in a row, the latest first, before a kind of call is said to fail: one is a blip. */
export const CALL_TROUBLE_MIN_FAILURES = 2;
/** 429s in a row, the latest first, before the company is said to be rate limited; they must span RATE_LIMIT_MIN_SPAN_MS. */
export const RATE_LIMIT_MIN_TRIES = 3;
/** One call's own retries (retry.ts: 3 tries within seconds) are a blip: a rate limit that lasts is news. */
export const RATE_LIMIT_MIN_SPAN_MS = 60_000;
/**
 * A rate limit is said while its latest 429 is this recent. The lane tries 429'd leads again after GHL's Retry-After or
 * at most 2 × retryBaseMs (1 minute); a Retry-After of LONG_PAUSE_MS (10 minutes) or more pauses the company instead,
 * and the pause says so. Older, the tries have stopped for another reason (nothing left to send now).
 */
export const RATE_LIMIT_FRESH_MS = 15 * 60_000;
/** Rows read per company and dashboard refresh (newest first): a few dozen tries, whatever the size of the log. */
const ROWS_READ = 600;

/**
 * The office's name for each GHL write the sync makes for a lead (ghl/operations.ts). Reads (the notes a lead has,
 * a contact looked up) are no kind of their own: the lane reads GHL's notes before it sends a note again, and those
 * answers broke every run of a note endpoint that never answered. They count as GHL answering, like any answer.
 */
const CALL_NAMES: Record<string, string> = {
  upsertContact: 'contact',
  updateContact: 'contact update',
  addTags: 'tag',
  bulkAddTags: 'tag',
  addToWorkflow: 'workflow',
  createNote: 'note',
  setDnd: 'do-not-disturb',
  deleteContact: 'contact removal',
};

/** The one call whose attempt serves several leads, a row each (ghl-transport.ts): its rows are one try. */
const BULK_OPERATION = 'bulkAddTags';

export interface CallTrouble {
  companyId: number;
  company: string;
  /** What the office calls it: "tag", "workflow", "contact"… */
  call: string;
  /** Failed tries in a row (HTTP attempts; a bulk call is one), the latest included. */
  failures: number;
  /** The first of those tries. */
  since: number;
  lastAt: number;
  /** The latest failure's own words ("No answer from GoHighLevel within 30000 ms"). */
  message: string;
  /** GHL answered another kind of call between the first and the last of them: the connection was up. */
  othersAnswer: boolean;
  /** Every one of them got no answer at all (no HTTP status): such a try uses none of a lead's attempts; an error GHL answered uses one. */
  isNoAnswerOnly: boolean;
  /**
   * GHL answered the latest of them, with an error (an HTTP status): the connection is up even when no other kind of
   * call went meanwhile (the leads' contacts went before their tags, and the tags' retries wait with growing pauses).
   */
  isLastAnswered: boolean;
  /**
   * Leads wait for it: a call every lead makes on its way to the campaign (contact, note, tag, workflow). Not a
   * customer's opt-out reaching GHL (do-not-disturb) or an undone import's contact removal: the others go meanwhile.
   */
  holdsLeads: boolean;
  /**
   * GHL turned away every call of the company with "Too Many Requests" (429), whatever its kind (`call` is
   * 'rate-limit'): the location's API limit is used up, most often by another app. Its leads wait (holdsLeads).
   */
  isRateLimit: boolean;
}

/** The kinds of call no lead's enrolment waits for (company-lane.ts sends them for opt-outs and undos only). */
const SIDE_CALLS = new Set(['do-not-disturb', 'contact removal']);

/** The companies whose leads wait for GHL (a failing call, a rate limit): their plans say "Waiting for GoHighLevel" (shared/ghl-holds.ts says why). */
export const companiesHeldBy = (troubles: readonly CallTrouble[]): Set<number> => new Set(ghlHoldsByCompany(troubles).keys());

/** One HTTP attempt: the rows it wrote, one per lead it served, gathered back. */
interface Try {
  operation: string;
  errorCode: string | null;
  /** Null: GHL never answered (a timeout, a broken connection). */
  httpStatus: number | null;
  message: string | null;
  at: number;
  /** Lead ids it served, lowest and highest (NULL for a call for no lead). */
  firstLead: number | null;
  lastLead: number | null;
}

/** Failures that say nothing of the lead (errors.ts GhlErrorKind); a 429 is none of them (left out in SQL). */
const TROUBLE_KINDS = new Set(['offline', 'transient', 'unknown-outcome']);

/**
 * Nothing is tried at all: offline, sending paused (here or in the program that sends), or stopped with nobody
 * sending. The troubles are not asked then: the connection banner, the pause or the stop says what there is to say.
 */
export function isNotSending({ runner, connectivity }: { runner: { state: string; heldBy: { isPaused: boolean } | null }; connectivity: { state: string } }): boolean {
  return connectivity.state === 'offline' || runner.state === 'paused' || runner.heldBy?.isPaused === true || (runner.state === 'stopped' && runner.heldBy === null);
}

export function createCallTroubleRead(client: Database.Database): (companies: ReadonlyArray<{ id: number; name: string }>, now: number) => CallTrouble[] {
  // The window's newest rows, through sync_attempts_company_at_idx (no sort: grouping them in SQL cost 3× the read).
  const rows = client.prepare<{ companyId: number; since: number; limit: number }, AttemptRow>(
    `SELECT operation, error_code AS errorCode, http_status AS httpStatus, message, at, lead_id AS leadId FROM sync_attempts
     WHERE company_id = @companyId AND at >= @since AND http_status IS NOT 429
     ORDER BY at DESC, id DESC LIMIT @limit`,
  );
  // The newest rows whatever their answer: a run of 429s at their head is a rate limit.
  const newestRows = client.prepare<{ companyId: number; since: number; limit: number }, AttemptRow>(
    `SELECT operation, error_code AS errorCode, http_status AS httpStatus, message, at, lead_id AS leadId FROM sync_attempts
     WHERE company_id = @companyId AND at >= @since
     ORDER BY at DESC, id DESC LIMIT @limit`,
  );
  return (companies, now) =>
    companies.flatMap((company) => {
      const rateLimit = rateLimitOf(company, triesOf(newestRows.all({ companyId: company.id, since: now - CALL_TROUBLE_WINDOW_MS, limit: ROWS_READ })), now);
      const troubles = troublesOf(company, triesOf(rows.all({ companyId: company.id, since: now - CALL_TROUBLE_WINDOW_MS, limit: ROWS_READ })));
      return rateLimit === null ? troubles : [rateLimit, ...troubles];
    });
}

/** GHL turned away the company's latest tries with 429s for RATE_LIMIT_MIN_SPAN_MS or more, the latest recently; tries newest first. */
function rateLimitOf(company: { id: number; name: string }, newestFirst: readonly Try[], now: number): CallTrouble | null {
  const firstNot = newestFirst.findIndex((attempt) => attempt.httpStatus !== 429);
  const run = firstNot === -1 ? newestFirst : newestFirst.slice(0, firstNot);
  if (run.length < RATE_LIMIT_MIN_TRIES) return null;
  const latest = run[0]!;
  const first = run.at(-1)!;
  if (latest.at - first.at < RATE_LIMIT_MIN_SPAN_MS || now - latest.at > RATE_LIMIT_FRESH_MS) return null;
  return {
    companyId: company.id,
    company: company.name,
    call: 'rate-limit',
    failures: run.length,
    since: first.at,
    lastAt: latest.at,
    message: latest.message ?? 'Too Many Requests',
    othersAnswer: false,
    isNoAnswerOnly: false,
    isLastAnswered: true,
    // Only calls for no lead turned away (the connection's probe, a shared customer's do-not-disturb check): no lead's
    // call waits for it (leads waiting for tomorrow's window still go then), though GHL turns the company's calls away.
    holdsLeads: run.some((attempt) => attempt.firstLead !== null),
    isRateLimit: true,
  };
}

interface AttemptRow {
  operation: string;
  errorCode: string | null;
  httpStatus: number | null;
  message: string | null;
  at: number;
  leadId: number | null;
}

/**
 * A bulk call's rows are written together, in one transaction, with its start time (ghl-transport.ts): next to each
 * other here. Only its rows are gathered: two lanes' single calls may start in the same millisecond.
 */
function triesOf(newestFirst: readonly AttemptRow[]): Try[] {
  const tries: Try[] = [];
  let last: Try | null = null;
  for (const row of newestFirst) {
    if (row.operation === BULK_OPERATION && last !== null && last.operation === row.operation && last.at === row.at && last.errorCode === row.errorCode) {
      if (row.leadId !== null) {
        last.firstLead = last.firstLead === null ? row.leadId : Math.min(last.firstLead, row.leadId);
        last.lastLead = last.lastLead === null ? row.leadId : Math.max(last.lastLead, row.leadId);
      }
      continue;
    }
    last = { operation: row.operation, errorCode: row.errorCode, httpStatus: row.httpStatus, message: row.message, at: row.at, firstLead: row.leadId, lastLead: row.leadId };
    tries.push(last);
  }
  return tries;
}

/** The leads a try served: its lowest and highest id (a bulk call's), or its one lead. */
const leadsOf = (attempt: Try): number[] => (attempt.firstLead === null ? [] : attempt.firstLead === attempt.lastLead ? [attempt.firstLead] : [attempt.firstLead, attempt.lastLead!]);

/** The kinds of call whose latest tries all failed; tries newest first. */
function troublesOf(company: { id: number; name: string }, newestFirst: readonly Try[]): CallTrouble[] {
  const byCall = new Map<string, Try[]>();
  for (const attempt of newestFirst) {
    const call = CALL_NAMES[attempt.operation];
    // A call for no lead (the probe, a shared customer's DND check) says nothing of a kind of lead call.
    if (call === undefined || attempt.firstLead === null) continue;
    let list = byCall.get(call);
    if (!list) byCall.set(call, (list = []));
    list.push(attempt);
  }
  const isFailure = (attempt: Try) => attempt.errorCode !== null && TROUBLE_KINDS.has(attempt.errorCode);
  const isAnswer = (attempt: Try) => attempt.errorCode === null;
  const troubles: CallTrouble[] = [];
  for (const [call, attempts] of byCall) {
    const firstNot = attempts.findIndex((attempt) => !isFailure(attempt));
    const lastAnswerAt = attempts.find(isAnswer)?.at ?? -Infinity;
    // A lead whose calls of this kind failed before GHL answered one of this kind (another lead's) fails on its own:
    // the lane judges it so (answered-meanwhile.ts), spends its tries and ends it in Failed leads with the reason.
    // Two such contacts left at the end are not GHL's trouble with every call of the kind.
    const failedBefore = new Set(attempts.filter((attempt) => isFailure(attempt) && attempt.at < lastAnswerAt).flatMap(leadsOf));
    const failing = (firstNot === -1 ? attempts : attempts.slice(0, firstNot)).filter((attempt) => !leadsOf(attempt).every((lead) => failedBefore.has(lead)));
    if (failing.length < CALL_TROUBLE_MIN_FAILURES) continue;
    // One lead's calls only: a contact GHL chokes on, which the sync fails with the reason once its attempts are
    // spent (answered-meanwhile.ts). Not GHL's trouble with every call of the kind.
    if (new Set(failing.flatMap(leadsOf)).size < 2) continue;
    const latest = failing[0]!;
    const first = failing.at(-1)!;
    const othersAnswer = newestFirst.some((attempt) => attempt.at >= first.at && attempt.at <= latest.at && isAnswer(attempt) && CALL_NAMES[attempt.operation] !== call);
    const isNoAnswerOnly = failing.every((attempt) => attempt.httpStatus === null);
    // Nothing answered at all while they failed: the connection's trouble, not this kind of call's (the sync calls
    // the connection down and the banner says so; failures from before it came back prove nothing now).
    if (isNoAnswerOnly && !othersAnswer) continue;
    troubles.push({
      companyId: company.id,
      company: company.name,
      call,
      failures: failing.length,
      since: first.at,
      lastAt: latest.at,
      message: latest.message ?? 'GoHighLevel did not answer',
      othersAnswer,
      isNoAnswerOnly,
      isLastAnswered: latest.httpStatus !== null,
      holdsLeads: !SIDE_CALLS.has(call),
      isRateLimit: false,
    });
  }
  return troubles.sort((a, b) => a.since - b.since);
}
