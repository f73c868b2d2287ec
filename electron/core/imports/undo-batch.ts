import type Database from 'better-sqlite3';
import type { UndoResult } from '../../../shared/ipc/imports';

type KeptLead = UndoResult['keptSyncedLeads'][number];

/**
 * Removes the leads an import CREATED, with their unsent jobs (sync_jobs cascade with the lead), in
 * one transaction. Leads that already reached GoHighLevel — a GHL contact id, status syncing/synced,
 * or a job in flight — are KEPT and returned: deleting them here would silently forget a contact
 * that exists in GHL (and may be in a campaign). Fields an 'update' import filled on older leads
 * are not reverted (no history of previous values is kept).
 */
export function removeBatchLeads(client: Database.Database, batchId: number): Omit<UndoResult, 'batchId'> {
  const reached = `(l.ghl_contact_id IS NOT NULL OR l.status IN ('syncing', 'synced')
      OR EXISTS (SELECT 1 FROM sync_jobs j WHERE j.lead_id = l.id AND j.state IN ('running', 'succeeded')))`;
  return client.transaction(() => {
    const keptSyncedLeads = client
      .prepare(`SELECT l.id, l.first_name AS firstName, l.last_name AS lastName, l.phone, l.ghl_contact_id AS ghlContactId, l.status
                FROM leads l WHERE l.batch_id = ? AND ${reached} ORDER BY l.id`)
      .all(batchId) as KeptLead[];
    const removedJobs = client
      .prepare(`SELECT count(*) AS n FROM sync_jobs WHERE lead_id IN (SELECT l.id FROM leads l WHERE l.batch_id = ? AND NOT ${reached})`)
      .get(batchId) as { n: number };
    const removed = client.prepare(`DELETE FROM leads AS l WHERE l.batch_id = ? AND NOT ${reached}`).run(batchId);
    return { removedLeads: removed.changes, removedJobs: removedJobs.n, keptSyncedLeads };
  }).immediate();
}
