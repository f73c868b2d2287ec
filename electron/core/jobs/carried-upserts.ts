/**
 * A restore's carry-over (backup/ghl-record-carry-over.ts), the part that is the queue's: that a lead's upsert went
 * to GHL without its answer being recorded (sync_jobs.upsert_sent_at). GHL may hold its contact, so an opt-out must
 * still find it there and set its DND (JobQueue.cancelPending), and an undo keeps the lead. Written onto the lead's
 * job. A lead the backup held back has none: it gets one that is over ('cancelled': nothing to send until an
 * opt-out, when cancelPending queues it to set the DND), as does one whose GHL contact the carry-over gave it (the
 * DND goes through the lead's job, and there was none to send it). A lead the backup had queued without a job (an
 * import's, its job still for the sync to write: queued-without-jobs.ts) gets a queued one: it is on its way, and a
 * job over would keep the sync from writing it one (the lead stayed 'queued' and never went).
 */
import type Database from 'better-sqlite3';
import { LEAD_COPY_COLUMNS, leadCopyValues } from './lead-copy';

/**
 * `replaced`: the attached schema of the database the restore replaced; `leads`: a table of the ids of the leads
 * carried over (the same lead in both), whose GHL contact ids are carried already. In the caller's transaction.
 * Returns how many jobs took the mark or were added.
 */
export function carryUpsertsSent(db: Database.Database, replaced: string, leads: string, now: number): number {
  const hasColumn = db.prepare(`SELECT count(*) AS n FROM pragma_table_info('sync_jobs', '${replaced}') WHERE name = 'upsert_sent_at'`).pluck().get() === 1;
  // A file an older version left (before migration 0033) knows nothing of it.
  if (!hasColumn) return 0;
  const marked = db
    .prepare(
      `UPDATE main.sync_jobs AS r SET upsert_sent_at = o.upsert_sent_at
       FROM ${replaced}.sync_jobs AS o
       WHERE o.idempotency_key = r.idempotency_key AND o.lead_id = r.lead_id AND o.upsert_sent_at IS NOT NULL AND r.upsert_sent_at IS NULL
         AND r.lead_id IN (SELECT id FROM ${leads})`,
    )
    .run().changes;
  // The replaced file's own row: the same lead (id, company) in the same lineage has the same key.
  const added = db
    .prepare(
      `INSERT INTO main.sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, upsert_sent_at, ${LEAD_COPY_COLUMNS})
       SELECT o.company_id, o.lead_id, o.action, o.idempotency_key, CASE l.status WHEN 'queued' THEN 'queued' ELSE 'cancelled' END, 0, @now, @now, @now,
         o.upsert_sent_at, ${leadCopyValues('l')}
       FROM ${replaced}.sync_jobs o JOIN main.leads l ON l.id = o.lead_id AND l.company_id = o.company_id
       WHERE (o.upsert_sent_at IS NOT NULL OR l.ghl_contact_id IS NOT NULL) AND o.lead_id IN (SELECT id FROM ${leads})
         AND NOT EXISTS (SELECT 1 FROM main.sync_jobs j WHERE j.lead_id = l.id)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    )
    .run({ now }).changes;
  return marked + added;
}
