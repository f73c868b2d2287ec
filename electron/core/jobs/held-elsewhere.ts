import type Database from 'better-sqlite3';

/**
 * Leads held until another company's GHL, which has the same customer, can be asked whether she opted out there
 * (company-lane.ts isClearElsewhere): one owner for the hold, its memory and its release.
 *
 * A held job is a queued one with `held_for_company_id` set, waiting until `next_run_at` without using an attempt. The
 * hold is also the memory that the other company cannot be asked: while a job is held for it, nobody asks it again,
 * and the next leads held for it wait until the same instant. So a company without a usable key is asked once per
 * askElsewhereAgainMs, not once per lead, in whichever process sends; its key saved (or its GHL answering) ends every
 * hold for it at once. The claim clears the hold (lease-statements.ts), so a job re-claimed for another reason is not
 * counted as held.
 */
export const DND_UNASKED_CODE = 'dnd-elsewhere:unasked';

/** The words the lead's panel says (lead-turn.ts), naming the companies it waits for. */
export const dndUnaskedMessage = (companies: readonly string[]): string =>
  `It waits until ${companies.join(' and ')}'s GoHighLevel, which has this customer too, can be asked whether the customer opted out there (it has no usable API key, or GHL did not answer)`;

/** A company's leads held for other companies' GHL, and those companies' names, for its block line (blocked.ts). */
export interface HeldForOthers {
  waiting: number;
  companies: string[];
}

const HELD = `state = 'queued' AND held_for_company_id IS NOT NULL`;

export class HeldElsewhere {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      hold: db.prepare<{ id: number; lease: string; otherCompanyId: number; until: number; code: string; message: string; now: number }>(
        `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, next_run_at = @until, held_for_company_id = @otherCompanyId,
                last_error_code = @code, last_error_message = @message, updated_at = @now
         WHERE id = @id AND state = 'running' AND lease_owner = @lease`,
      ),
      leadQueued: db.prepare<[number, number]>(`UPDATE leads SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'syncing'`),
      heldUntil: db.prepare<{ otherCompanyId: number; now: number }, { until: number | null }>(
        `SELECT max(next_run_at) AS until FROM sync_jobs INDEXED BY sync_jobs_held_for_idx
         WHERE held_for_company_id = @otherCompanyId AND ${HELD} AND next_run_at > @now`,
      ),
      release: db.prepare<{ otherCompanyId: number; now: number }>(
        `UPDATE sync_jobs INDEXED BY sync_jobs_held_for_idx SET next_run_at = @now, updated_at = @now
         WHERE held_for_company_id = @otherCompanyId AND ${HELD} AND next_run_at > @now`,
      ),
      // From the index alone: the company's held jobs, and whom each waits for.
      heldByCompany: db.prepare<{ now: number }, { companyId: number; otherCompanyId: number; n: number }>(
        `SELECT company_id AS companyId, held_for_company_id AS otherCompanyId, count(*) AS n FROM sync_jobs INDEXED BY sync_jobs_held_elsewhere_idx
         WHERE ${HELD} AND next_run_at > @now GROUP BY company_id, held_for_company_id`,
      ),
      companyName: db.prepare<[number], string>(`SELECT name FROM companies WHERE id = ?`).pluck(),
      nextRetry: db.prepare<{ companyId: number; now: number }, { at: number | null }>(
        `SELECT min(next_run_at) AS at FROM sync_jobs INDEXED BY sync_jobs_held_elsewhere_idx WHERE company_id = @companyId AND ${HELD} AND next_run_at > @now`,
      ),
    };
  }

  /**
   * The claimed job waits for `otherCompanyId`'s GHL (the first of `companies` not answered), until the instant its
   * other held leads wait to, or askAgainMs from now. Returns whether the claim was still this runner's. In the caller's
   * transaction.
   */
  hold(job: { jobId: number; leaseOwner: string; leadId: number }, otherCompanyId: number, companies: readonly string[], askAgainMs: number, now: number): boolean {
    const until = this.heldUntil(otherCompanyId, now) ?? now + askAgainMs;
    const held = this.s.hold.run({ id: job.jobId, lease: job.leaseOwner, otherCompanyId, until, code: DND_UNASKED_CODE, message: dndUnaskedMessage(companies), now }).changes > 0;
    if (held) this.s.leadQueued.run(now, job.leadId);
    return held;
  }

  /** Until when leads wait for the company's GHL, which could not be asked lately; null: it may be asked now. */
  heldUntil(otherCompanyId: number, now: number): number | null {
    return this.s.heldUntil.get({ otherCompanyId, now })?.until ?? null;
  }

  /** The company's key was saved, or its GHL answered: the leads held for it go now. Returns how many. */
  release(otherCompanyId: number, now: number): number {
    return this.s.release.run({ otherCompanyId, now }).changes;
  }

  /** Each company's leads still held for others (not those due for their next try), with the others' names. */
  heldForOthers(now: number): Map<number, HeldForOthers> {
    const byCompany = new Map<number, HeldForOthers>();
    for (const { companyId, otherCompanyId, n } of this.s.heldByCompany.all({ now })) {
      const held = byCompany.get(companyId) ?? { waiting: 0, companies: [] };
      held.waiting += n;
      const name = this.s.companyName.get(otherCompanyId);
      if (name !== undefined) held.companies.push(name);
      byCompany.set(companyId, held);
    }
    for (const held of byCompany.values()) held.companies.sort();
    return byCompany;
  }

  /** When the company's next held lead is tried again, after `now`; null for none. */
  nextRetry(companyId: number, now: number): number | null {
    return this.s.nextRetry.get({ companyId, now })?.at ?? null;
  }
}
