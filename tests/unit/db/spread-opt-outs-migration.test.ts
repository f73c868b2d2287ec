/**
 * The spread-opt-outs migration (…_spread_opt_outs_to_same_customer.sql): an opt-out now spreads through the leads
 * it marks (opt-out-everywhere.ts), but leads marked before by a one-step spread left the same customer's leads by
 * their other phone or email unmarked. An enrolled one had no claim left to stop it: its company's workflow went on
 * texting someone who had told another company STOP. The migration walks once from what the list holds.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the spread-opt-outs migration', () => {
  const tempDir = useTempDirs();

  it("marks the same customer's leads that the one-step spread left, and turns an enrolled one's job into its DND", () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_spread_opt_outs_to_same_customer', tempDir()) }).$client;
    const company = old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES (?, ?, 'http://x', 1, 1)`);
    for (const name of ['Alpha', 'Bravo', 'Charlie']) company.run(name, `loc${name}`);
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, email, email_key, status, do_not_contact, ghl_contact_id, created_at, updated_at)
       VALUES (@company, @phone, @email, @email, @status, @dnc, @contact, 1, 1)`,
    );
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, upsert_sent_at)
       VALUES (@company, @lead, 'upsert', 'k' || @lead, @state, @attempts, 1, 1, 1, @upsertSentAt)`,
    );
    const addLead = (row: { company: number; phone: string | null; email: string | null; status: string; dnc?: 0 | 1; contact?: string | null }) =>
      Number(lead.run({ dnc: 0, contact: null, ...row }).lastInsertRowid);
    // Ann told Alpha STOP by email: the office listed her email, the one-step spread marked Alpha's lead, whose phone
    // the trigger listed.
    old.prepare(`INSERT INTO opt_outs (kind, value, source, created_at) VALUES ('email', 'ann@example.com', 'office', 1)`).run();
    addLead({ company: 1, phone: '+15125550101', email: 'ann@example.com', status: 'do-not-contact', dnc: 1 });
    // Bravo had Ann by that phone, enrolled: left as it was.
    const bravoAnn = addLead({ company: 2, phone: '+15125550101', email: 'ann.b@example.com', status: 'synced', contact: 'cBravoAnn' });
    job.run({ company: 2, lead: bravoAnn, state: 'done', attempts: 1, upsertSentAt: 1 });
    // Charlie has her by Bravo's email only, still waiting: the walk reaches it through Bravo's lead.
    const charlieAnn = addLead({ company: 3, phone: '+15125550199', email: 'ann.b@example.com', status: 'queued' });
    job.run({ company: 3, lead: charlieAnn, state: 'queued', attempts: 0, upsertSentAt: null });
    // A number the office took off the list starts no walk; an unrelated lead is left alone.
    old.prepare(`INSERT INTO opt_outs (kind, value, source, created_at, removed_at, removed_reason) VALUES ('phone', '+15125550300', 'office', 1, 2, 'asked again')`).run();
    const unlisted = addLead({ company: 2, phone: '+15125550300', email: null, status: 'synced', contact: 'cBravoZed' });
    job.run({ company: 2, lead: unlisted, state: 'done', attempts: 1, upsertSentAt: 1 });
    const other = addLead({ company: 3, phone: '+15125550400', email: 'bob@example.com', status: 'queued' });
    job.run({ company: 3, lead: other, state: 'queued', attempts: 0, upsertSentAt: null });
    old.close();

    const db = openDatabase(file).$client;
    const leadOf = db.prepare(`SELECT status, do_not_contact AS dnc FROM leads WHERE id = ?`);
    const jobOf = db.prepare(`SELECT state, attempts FROM sync_jobs WHERE lead_id = ?`);
    expect(leadOf.get(bravoAnn)).toEqual({ status: 'do-not-contact', dnc: 1 });
    expect(jobOf.get(bravoAnn)).toEqual({ state: 'queued', attempts: 0 }); // goes once more, to turn on DND in Bravo's GHL
    expect(leadOf.get(charlieAnn)).toEqual({ status: 'do-not-contact', dnc: 1 });
    expect(jobOf.get(charlieAnn)).toEqual({ state: 'cancelled', attempts: 0 }); // GHL never had her: nothing to send
    expect(leadOf.get(unlisted)).toEqual({ status: 'synced', dnc: 0 });
    expect(jobOf.get(unlisted)).toEqual({ state: 'done', attempts: 1 });
    expect(leadOf.get(other)).toEqual({ status: 'queued', dnc: 0 });
    expect(jobOf.get(other)).toEqual({ state: 'queued', attempts: 0 });
    // The marked leads' keys are on the list, as a mark's always are (leads_opt_out_update).
    const listed = db.prepare<[], string>(`SELECT value FROM opt_outs WHERE removed_at IS NULL ORDER BY value`).pluck().all();
    expect(listed).toEqual(['+15125550101', '+15125550199', 'ann.b@example.com', 'ann@example.com']);
    db.close();
  });
});
