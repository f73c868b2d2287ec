import type Database from 'better-sqlite3';
import { prepareSyncQueue } from '../leads/sync-enqueue';

/**
 * Leads of a batch that are stored but not on their way to GoHighLevel: imported with "queue for
 * sync" off, or whose queued jobs were cancelled. Do-not-contact leads never count. Read through the
 * (company, status) index: a company's 'new' leads are few, a batch can have a million leads.
 */
const COUNT_NOT_QUEUED = `
  SELECT count(*) AS n FROM leads INDEXED BY leads_company_status_idx
  WHERE company_id = ? AND status = 'new' AND batch_id = ? AND do_not_contact = 0`;

export function countNotQueued(client: Database.Database, companyId: number, batchId: number): number {
  return (client.prepare(COUNT_NOT_QUEUED).get(companyId, batchId) as { n: number }).n;
}

/** Queues those leads, each with its sync job, in one transaction; returns how many. */
export function queueBatchLeads(client: Database.Database, companyId: number, batchId: number, now = Date.now()): number {
  const queue = prepareSyncQueue(client);
  const markQueued = client.prepare<[number, number, number], { id: number }>(
    `UPDATE leads INDEXED BY leads_company_status_idx SET status = 'queued', updated_at = ?
     WHERE company_id = ? AND status = 'new' AND batch_id = ? AND do_not_contact = 0 RETURNING id`,
  );
  return client.transaction(() => {
    const ids = markQueued.all(now, companyId, batchId).map((row) => row.id);
    for (const id of ids) queue.enqueue(companyId, id, now);
    return ids.length;
  }).immediate();
}
