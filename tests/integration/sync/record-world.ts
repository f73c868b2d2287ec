/** Leads with an old CRM's record (notes, tags, status, job type, original date), queued like an import queues them. */
import type Database from 'better-sqlite3';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';

export interface OldRecord {
  notes?: string | null;
  crmTags?: string | null;
  crmStatus?: string | null;
  jobType?: string | null;
  originalDate?: string | null;
}

/** One lead per record, each with its sync job, in one transaction. Lead n has email record{n}@example.com. */
export function queueRecordLeads(db: Database.Database, companyId: number, records: readonly OldRecord[], offset = 0): number[] {
  const now = Date.now();
  const insert = db.prepare(
    `INSERT INTO leads (company_id, first_name, last_name, phone, email, email_key, country, status, notes, crm_tags, crm_status, job_type, original_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'US', 'queued', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const jobs = new JobQueue(db);
  const ids: number[] = [];
  db.transaction(() => {
    records.forEach((r, i) => {
      const n = offset + i;
      const email = `record${n}@example.com`;
      const id = Number(
        insert.run(companyId, `First${n}`, `Last${n}`, `+1512${String(3_000_000 + n)}`, email, email, r.notes ?? null, r.crmTags ?? null, r.crmStatus ?? null, r.jobType ?? null, r.originalDate ?? null, now, now)
          .lastInsertRowid,
      );
      jobs.enqueue(companyId, id, now);
      ids.push(id);
    });
  })();
  return ids;
}

export const contactIdOf = (db: Database.Database, leadId: number): string | null =>
  (db.prepare(`SELECT ghl_contact_id AS id FROM leads WHERE id = ?`).get(leadId) as { id: string | null }).id;

/** Per contact of the location: more or fewer than `expected(contactId)` notes, as readable problems. */
export function noteCountProblems(sim: GhlSimulator, locationId: string, expected: (contactId: string) => number): string[] {
  const problems: string[] = [];
  for (const contact of sim.contacts(locationId)) {
    const n = sim.notes(contact.id).length;
    if (n !== expected(contact.id)) problems.push(`${contact.email}: ${n} notes, expected ${expected(contact.id)}`);
  }
  return problems.slice(0, 10);
}

/** A contact already in GHL with tags of its own, made through the API as GHL's UI or another tool would. */
export async function seedContact(sim: GhlSimulator, location: { id: string; token: string }, contact: { email: string; phone: string; tags: string[] }): Promise<void> {
  const res = await fetch(`${sim.url}/contacts/upsert`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${location.token}`, Version: '2021-07-28', 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ locationId: location.id, email: contact.email, phone: contact.phone, tags: contact.tags }),
  });
  if (!res.ok) throw new Error(`seeding the contact: ${res.status} ${await res.text()}`);
}
