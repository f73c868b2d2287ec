/**
 * One kind of GHL call failing while the connection is up: GHL's tag endpoint hangs for every contact (an
 * incident at GHL), or answers 503 to every enrolment. No lead fails for it (the sync keeps them, and tries
 * them again) and the connection is not "offline": the dashboard said "Sending", with leads waiting and
 * nothing going, and no word of why. Read from what the sync writes of every HTTP attempt (sync_attempts):
 * a kind of call whose latest tries all failed, in the last half hour. Only failures that say nothing of the
 * lead (no answer, a server error, a rate limit, an answer lost), and of more than one lead: a refusal, or a call
 * GHL chokes on for one contact, is the lead's own, and shown in Failed leads; a refused key or the daily limit stops
 * the company, and the blocked panel says so. Asked only of companies with leads still waiting.
 */
import type Database from 'better-sqlite3';

/** How far back a failing kind of call is looked for: the retries' backoff reaches minutes. */
export const CALL_TROUBLE_WINDOW_MS = 30 * 60_000;
/** Failed tries in a row, the latest first, before a kind of call is said to fail: one is a blip. */
export const CALL_TROUBLE_MIN_FAILURES = 2;
/** The newest attempts of a company read per dashboard refresh: the sync makes at most ~10 a second. */
const ATTEMPTS_READ = 2_000;

/** Failures that say nothing of the lead (errors.ts GhlErrorKind). */
const TROUBLE_KINDS = new Set(['offline', 'transient', 'unknown-outcome']);

/** The office's name for each GHL operation the sync makes (ghl/operations.ts). */
const CALL_NAMES: Record<string, string> = {
  upsertContact: 'contact',
  getContact: 'contact',
  findContact: 'contact',
  addTags: 'tag',
  bulkAddTags: 'tag',
  addToWorkflow: 'workflow',
  createNote: 'note',
  listNotes: 'note',
  setDnd: 'do-not-disturb',
  listCustomFields: 'custom field',
  createCustomField: 'custom field',
  deleteContact: 'contact removal',
  getLocation: 'account',
  listWorkflows: 'workflow list',
};

export interface CallTrouble {
  companyId: number;
  company: string;
  /** What the office calls it: "tag", "workflow", "contact"… */
  call: string;
  /** Failed tries in a row, the latest included. */
  failures: number;
  /** The first of those tries. */
  since: number;
  lastAt: number;
  /** The latest failure's own words ("No answer from GoHighLevel within 30000 ms"). */
  message: string;
  /** Another kind of call of the company was answered meanwhile: GHL is reachable, this kind of call is not. */
  othersAnswer: boolean;
}

interface AttemptRow {
  leadId: number | null;
  operation: string;
  errorCode: string | null;
  message: string | null;
  at: number;
}

export function createCallTroubleRead(client: Database.Database): (companies: ReadonlyArray<{ id: number; name: string }>, now: number) => CallTrouble[] {
  // Newest first through sync_attempts_company_at_idx: only the window's rows are read.
  const attempts = client.prepare<{ companyId: number; since: number; limit: number }, AttemptRow>(
    `SELECT lead_id AS leadId, operation, error_code AS errorCode, message, at FROM sync_attempts
     WHERE company_id = @companyId AND at >= @since ORDER BY at DESC, id DESC LIMIT @limit`,
  );
  return (companies, now) =>
    companies.flatMap((company) => troublesOf(company, attempts.all({ companyId: company.id, since: now - CALL_TROUBLE_WINDOW_MS, limit: ATTEMPTS_READ })));
}

/** The kinds of call whose latest tries all failed; newest attempts first. */
function troublesOf(company: { id: number; name: string }, newestFirst: readonly AttemptRow[]): CallTrouble[] {
  const byCall = new Map<string, AttemptRow[]>();
  for (const attempt of newestFirst) {
    const call = CALL_NAMES[attempt.operation] ?? attempt.operation;
    let list = byCall.get(call);
    if (!list) byCall.set(call, (list = []));
    list.push(attempt);
  }
  const isTrouble = (attempt: AttemptRow) => attempt.errorCode !== null && TROUBLE_KINDS.has(attempt.errorCode);
  const troubles: CallTrouble[] = [];
  for (const [call, attempts] of byCall) {
    const firstOk = attempts.findIndex((attempt) => !isTrouble(attempt));
    const failing = firstOk === -1 ? attempts : attempts.slice(0, firstOk);
    if (failing.length < CALL_TROUBLE_MIN_FAILURES) continue;
    // One lead's calls only: a contact GHL chokes on, which the sync fails with the reason once its attempts are
    // spent (answered-meanwhile.ts). Not GHL's trouble with every call of the kind.
    const leads = new Set(failing.map((attempt) => attempt.leadId));
    if (leads.size === 1 && !leads.has(null)) continue;
    const latest = failing[0]!;
    const first = failing.at(-1)!;
    // Answered since this kind of call began to fail: a call of another kind that got GHL's answer.
    const othersAnswer = [...byCall].some(([other, list]) => other !== call && list.some((attempt) => attempt.errorCode === null && attempt.at >= first.at));
    troubles.push({
      companyId: company.id,
      company: company.name,
      call,
      failures: failing.length,
      since: first.at,
      lastAt: latest.at,
      message: latest.message ?? 'GoHighLevel did not answer',
      othersAnswer,
    });
  }
  return troubles.sort((a, b) => a.since - b.since);
}
