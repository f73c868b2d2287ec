import type Database from 'better-sqlite3';
import { isSyncPauseReason, type SyncPauseReason } from '../../../shared/sync-pause';

/**
 * Leads held until another company's GHL, which has the same customer, can be asked whether she opted out there
 * (company-lane.ts isClearElsewhere): one owner for the hold, its memory and its release.
 *
 * A held job is a queued one with `held_for_company_id` set, waiting until `next_run_at` without using an attempt. The
 * hold is also the memory that the other company cannot be asked: while a job is held for it, nobody asks it again,
 * and the next leads held for it wait until the same instant. So a company without a usable key is asked once per
 * askElsewhereAgainMs, not once per lead, in whichever process sends; its GHL answering ends every such hold for it at
 * once, and its key saved (or the company removed) every hold for it. The claim clears the hold (lease-statements.ts), so
 * a job re-claimed for another reason is not counted as held.
 */
export const DND_UNASKED_CODE = 'dnd-elsewhere:unasked';
/**
 * As unasked (the same memory), because GHL refused the other company's key for the question (a 401): a key without the
 * contacts' read scope, or revoked while that company has nothing of its own to send, so that nothing paused it. Held
 * as "GHL did not answer", it was said to pass by itself.
 */
export const DND_KEY_REFUSED_CODE = 'dnd-elsewhere:key-refused';
/**
 * The other company's GHL answered, but refused the question about this one contact (a 4xx other than "not found"):
 * held as long, but no memory of that company (one odd contact held every customer shared with it, for good).
 */
export const DND_REFUSED_CODE = 'dnd-elsewhere:refused';
/**
 * The other company's GHL failed on the question about this one contact (a 5xx) while it answered about another of its
 * contacts just after: held as long, no memory of that company either, and not let go when GHL answers about someone
 * else. Taken for GHL not answering, one contact GHL fails on held every customer shared with that company behind her.
 */
export const DND_FAILED_CODE = 'dnd-elsewhere:failed';

/**
 * Why the hold: the other company's GHL could not be asked at all (unasked; key-refused: GHL refused its key for the
 * question), it refused the question about this contact, or it failed on this contact alone.
 */
export type HoldKind = 'unasked' | 'key-refused' | 'refused' | 'failed';

const CODE_OF = { unasked: DND_UNASKED_CODE, 'key-refused': DND_KEY_REFUSED_CODE, refused: DND_REFUSED_CODE, failed: DND_FAILED_CODE } as const satisfies Record<HoldKind, string>;

/** The holds that are the memory that the company cannot be asked at all (not those of one contact). */
const COMPANY_WIDE: readonly HoldKind[] = ['unasked', 'key-refused'];
const COMPANY_WIDE_CODES = `(${COMPANY_WIDE.map((kind) => `'${CODE_OF[kind]}'`).join(', ')})`;
const isCompanyWide = (kind: HoldKind): boolean => COMPANY_WIDE.includes(kind);

/** The words the lead's panel says (lead-turn.ts), naming the companies it waits for. */
export const heldMessage = (kind: HoldKind, companies: readonly string[]): string => {
  const whose = `${companies.join(' and ')}'s GoHighLevel, which has this customer too,`;
  switch (kind) {
    case 'unasked':
      return `It waits until ${whose} can be asked whether the customer opted out there (it has no usable API key, or GHL did not answer)`;
    case 'key-refused':
      return `It waits until ${whose} can be asked whether the customer opted out there: GHL refused that company's API key for the question (save a new key for it, with the contacts' read permission)`;
    case 'refused':
      return `It waits: ${whose} refused the question whether the customer opted out there (check the customer's contact in that location)`;
    case 'failed':
      return `It waits: ${whose} failed on the question whether the customer opted out there, while it answers about its other contacts (an error at GHL with this contact: check it in that location)`;
  }
};

/**
 * SQL, true of a job waiting in a hold for one contact (refused or failed): claimed from there, its count of such holds
 * in a row (contact_holds) goes on; claimed from anything else (its question answered and the lead given back for
 * another reason, released after a key change, retried by the office), the next hold for the contact starts again
 * from the shortest (lease-statements.ts claim).
 */
export const HELD_FOR_CONTACT_SQL = `(held_for_company_id IS NOT NULL AND last_error_code IN ('${DND_REFUSED_CODE}', '${DND_FAILED_CODE}'))`;

/** Whether a job's last error is a hold for another company's GHL. */
export const isHeldElsewhereCode = (code: string | null): boolean => code !== null && (Object.values(CODE_OF) as string[]).includes(code);

/** A company's leads held for other companies' GHL, and those companies' names, for its block line (blocked.ts). */
export interface HeldForOthers {
  waiting: number;
  /**
   * Of those, the leads held because GHL refused or failed the question about their customer's contact alone: a person
   * must look at those contacts there; the company itself can be asked.
   */
  onContacts: number;
  companies: string[];
  /** Per company (same order): whether leads wait because GHL refused its key for the question (DND_KEY_REFUSED_CODE). */
  keyRefused?: boolean[];
  /** The same companies' ids and pauses, in the same order (blocked.ts asks why each cannot be called). */
  companyIds: number[];
  pauses: Array<{ pausedReason: SyncPauseReason | null; pausedUntil: number | null }>;
}

const HELD = `state = 'queued' AND held_for_company_id IS NOT NULL`;

/** Past this many doublings a contact's hold is the longest anyway (2^20 × 10 minutes is years): no integer overflow. */
const MAX_DOUBLINGS = 20;

export class HeldElsewhere {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      // A hold of the company as a whole waits until @until. One for this contact alone waits @askAgain, doubled at each
      // such hold in a row (contact_holds), up to @longest: a contact GHL keeps failing on was asked about (and a witness
      // asked beside it) every 10 minutes for good, ~3 calls each time per such customer.
      hold: db.prepare<{ id: number; lease: string; otherCompanyId: number; until: number | null; askAgain: number; longest: number; code: string; message: string; now: number }>(
        `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL,
                next_run_at = coalesce(@until, @now + min(@askAgain << min(contact_holds, ${MAX_DOUBLINGS}), max(@longest, @askAgain))),
                contact_holds = contact_holds + (@until IS NULL), held_for_company_id = @otherCompanyId, line_at = coalesce(line_at, next_run_at),
                last_error_code = @code, last_error_message = @message, updated_at = @now
         WHERE id = @id AND state = 'running' AND lease_owner = @lease`,
      ),
      leadQueued: db.prepare<[number, number]>(`UPDATE leads SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'syncing'`),
      memory: db.prepare<{ otherCompanyId: number; now: number }, { until: number | null; keyRefused: number | null }>(
        `SELECT max(next_run_at) AS until, max(last_error_code = '${DND_KEY_REFUSED_CODE}') AS keyRefused FROM sync_jobs INDEXED BY sync_jobs_held_for_idx
         WHERE held_for_company_id = @otherCompanyId AND ${HELD} AND next_run_at > @now AND last_error_code IN ${COMPANY_WIDE_CODES}`,
      ),
      // The hold ends (its code and words too): held no more, the lead goes at its next turn, and is not said to wait
      // for that company all night when its window closed before its try. After an answer about someone: only the holds
      // of the company as a whole. One for a contact GHL refuses or fails the question about is not mended by that (let
      // go, she was asked again at once, and refused or failed again, at every answer about anyone).
      releaseCompanyWide: db.prepare<{ otherCompanyId: number; now: number }>(
        `UPDATE sync_jobs INDEXED BY sync_jobs_held_for_idx SET next_run_at = min(next_run_at, @now), held_for_company_id = NULL,
           last_error_code = NULL, last_error_message = NULL, updated_at = @now
         WHERE held_for_company_id = @otherCompanyId AND ${HELD} AND last_error_code IN ${COMPANY_WIDE_CODES}`,
      ),
      // A key saved (maybe for the right location, with the read permission) or the company removed: every hold for it.
      releaseAll: db.prepare<{ otherCompanyId: number; now: number }>(
        `UPDATE sync_jobs INDEXED BY sync_jobs_held_for_idx SET next_run_at = min(next_run_at, @now), held_for_company_id = NULL,
           last_error_code = NULL, last_error_message = NULL, updated_at = @now
         WHERE held_for_company_id = @otherCompanyId AND ${HELD}`,
      ),
      // From the index alone: the company's held jobs, and whom each waits for. Due for their next try or not: a hold
      // ends only when the job is claimed and the other company asked again (the hold said "held" of none then, and a
      // run that ended before the try exited 0, "1 scheduled, next now").
      heldByCompany: db.prepare<[], { companyId: number; otherCompanyId: number; n: number; onContacts: number; keyRefused: number }>(
        `SELECT company_id AS companyId, held_for_company_id AS otherCompanyId, count(*) AS n,
                sum(last_error_code IN ('${DND_REFUSED_CODE}', '${DND_FAILED_CODE}')) AS onContacts,
                sum(last_error_code = '${DND_KEY_REFUSED_CODE}') AS keyRefused
         FROM sync_jobs INDEXED BY sync_jobs_held_elsewhere_idx
         WHERE ${HELD} GROUP BY company_id, held_for_company_id`,
      ),
      company: db.prepare<[number], { name: string; pausedReason: string | null; pausedUntil: number | null }>(
        `SELECT name, sync_paused_reason AS pausedReason, sync_paused_until AS pausedUntil FROM companies WHERE id = ?`,
      ),
    };
  }

  /**
   * The claimed job waits for `otherCompanyId`'s GHL (the first of `companies` not answered): when it could not be asked
   * at all, until the instant its other leads held for it wait to, or askAgainMs from now; when it refused or failed the
   * question about this contact, askAgainMs, twice as long at each such hold of the job in a row, up to `longestMs`.
   * Returns whether the claim was still this runner's. In the caller's transaction.
   */
  hold(
    job: { jobId: number; leaseOwner: string; leadId: number },
    otherCompanyId: number,
    companies: readonly string[],
    kind: HoldKind,
    askAgainMs: number,
    now: number,
    longestMs = askAgainMs,
  ): boolean {
    const until = isCompanyWide(kind) ? (this.heldUntil(otherCompanyId, now) ?? now + askAgainMs) : null;
    const code = CODE_OF[kind];
    const bound = { id: job.jobId, lease: job.leaseOwner, otherCompanyId, until, askAgain: askAgainMs, longest: longestMs, code, message: heldMessage(kind, companies), now };
    const held = this.s.hold.run(bound).changes > 0;
    if (held) this.s.leadQueued.run(now, job.leadId);
    return held;
  }

  /** Until when leads wait for the company's GHL, which could not be asked lately; null: it may be asked now. */
  heldUntil(otherCompanyId: number, now: number): number | null {
    return this.memoryOf(otherCompanyId, now)?.until ?? null;
  }

  /**
   * That the company could not be asked lately, until when, and why: GHL refused its key for the question, or it was
   * not asked (no key, no answer). Null: it may be asked now. The leads held behind it are held for the same reason: as
   * "not answered", one lead's refused key read "passes by itself" once that lead was edited.
   */
  memoryOf(otherCompanyId: number, now: number): { until: number; kind: 'unasked' | 'key-refused' } | null {
    const row = this.s.memory.get({ otherCompanyId, now });
    if (row?.until === null || row?.until === undefined) return null;
    return { until: row.until, kind: row.keyRefused === 1 ? 'key-refused' : 'unasked' };
  }

  /**
   * Its GHL answered (about any contact): the leads held because it could not be asked go now; not those held for a
   * contact it refused or failed the question about. Returns how many.
   */
  releaseAnswered(otherCompanyId: number, now: number): number {
    return this.s.releaseCompanyWide.run({ otherCompanyId, now }).changes;
  }

  /** Its key was saved or removed, or the company removed: every lead held for it goes now. Returns how many. */
  releaseAll(otherCompanyId: number, now: number): number {
    return this.s.releaseAll.run({ otherCompanyId, now }).changes;
  }

  /** Each company's leads held for others (until claimed and asked again), with the others' names. */
  heldForOthers(): Map<number, HeldForOthers> {
    const byCompany = new Map<number, HeldForOthers>();
    for (const { companyId, otherCompanyId, n, onContacts, keyRefused } of this.s.heldByCompany.all()) {
      const held = byCompany.get(companyId) ?? { waiting: 0, onContacts: 0, companies: [], companyIds: [], pauses: [], keyRefused: [] };
      held.waiting += n;
      held.onContacts += onContacts;
      const other = this.s.company.get(otherCompanyId);
      if (other !== undefined) {
        held.companies.push(other.name);
        held.companyIds.push(otherCompanyId);
        held.keyRefused?.push(keyRefused > 0);
        held.pauses.push({ pausedReason: other.pausedReason !== null && isSyncPauseReason(other.pausedReason) ? other.pausedReason : null, pausedUntil: other.pausedUntil });
      }
      byCompany.set(companyId, held);
    }
    return byCompany;
  }
}
