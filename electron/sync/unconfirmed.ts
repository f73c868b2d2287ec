/**
 * A person's answer for an enrolment GHL could not confirm (main thread): after checking the contact
 * in GHL, either "it is enrolled" (confirm) or "it is not, send it" (resend). Both queue the lead
 * again in the same transaction: a confirmed lead gets its contact updated and is marked synced,
 * never enrolled again; a resent one is enrolled by the next claim — deliberately, once.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../core/errors';
import { JobQueue } from '../core/jobs/job-queue';
import { ENROLLED_FACTS } from '../core/jobs/lease-statements';
import { CreateLedger, type UnconfirmedLead } from './create-once';

export type UnconfirmedAction = 'confirm' | 'resend';

export class UnconfirmedEnrolments {
  private readonly ledger: CreateLedger;
  private readonly jobs: JobQueue;

  constructor(private readonly db: Database.Database) {
    this.ledger = new CreateLedger(db);
    this.jobs = new JobQueue(db);
  }

  list(companyId: number | null = null): UnconfirmedLead[] {
    return this.ledger.listUnconfirmed(companyId);
  }

  count(companyId: number | null = null): number {
    const row = this.db
      .prepare<{ companyId: number | null }, { n: number }>(
        `SELECT count(*) AS n FROM ghl_creates c JOIN leads l ON l.id = c.lead_id
         WHERE c.state = 'unconfirmed' AND (@companyId IS NULL OR l.company_id = @companyId) AND l.do_not_contact = 0`,
      )
      .get({ companyId });
    return row?.n ?? 0;
  }

  /** Throws AppError('not-found') when the lead has no enrolment waiting for a check. */
  resolve(leadId: number, action: UnconfirmedAction, now = Date.now()): { leadId: number; action: UnconfirmedAction } {
    this.db.transaction(() => {
      const open = this.ledger.unconfirmedOf(leadId);
      const lead = this.db.prepare<[number], { companyId: number; enrolledAt: number | null; doNotContact: number }>(
        `SELECT company_id AS companyId, enrolled_at AS enrolledAt, do_not_contact AS doNotContact FROM leads WHERE id = ?`,
      ).get(leadId);
      if (!lead || open.length === 0) throw new AppError('not-found', `Lead ${leadId} has no enrolment waiting for a check`);
      if (lead.doNotContact === 1) {
        // Said as the sync has it: "turned on" while the DND job still waited (or had failed) was untrue (a review).
        const dndSent = this.db.prepare<[number], number>(`SELECT count(*) FROM sync_jobs WHERE lead_id = ? AND state = 'succeeded'`).pluck().get(leadId)! > 0;
        const dnd = dndSent ? 'do-not-disturb is turned on for its contact in GHL' : 'do-not-disturb goes to its contact in GHL with the next sync';
        throw new AppError('conflict', `Lead ${leadId} opted out since: nothing more is sent for it, and ${dnd}. There is nothing to check.`);
      }
      for (const key of open) {
        if (action === 'confirm') this.ledger.confirm(key, now);
        else this.ledger.forget(key);
      }
      // Enrolled when its call went, not when a person confirmed it: the consent record says when the text was
      // set off, and the cap of that day counts it (it counted while unconfirmed too).
      const sentAt = Math.min(...open.map((key) => key.sentAt));
      if (action === 'confirm') this.db.prepare(`UPDATE leads SET ${ENROLLED_FACTS} enrolled_at = coalesce(enrolled_at, ?) WHERE id = ?`).run(sentAt, leadId);
      this.jobs.enqueue(lead.companyId, leadId, now);
      this.db.prepare(`UPDATE leads SET status = 'queued', updated_at = ? WHERE id = ? AND do_not_contact = 0`).run(now, leadId);
    }).immediate();
    return { leadId, action };
  }
}
