/**
 * What a restore carries over from the database it replaces (ghl-record-carry-over.ts): the replaced file is
 * usually this version's, but may be one an older version left (a restore staged, then the app updated).
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { carryOverGhlRecord } from '../../../electron/core/backup/ghl-record-carry-over';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { ClaimGate } from '../../../electron/core/jobs/claim-gate';
import { migrationsBefore } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

/** One company, one lead (id 1), its job: in both files, the backup's lineage. */
function seed(db: Database.Database): void {
  db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
  db.prepare(`INSERT INTO leads (company_id, phone, country, status, created_at, updated_at) VALUES (1, '+15125550100', 'US', 'queued', 1, 1)`).run();
  db.prepare(
    `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at) VALUES (1, 1, 'sync', '1:1:sync', 'queued', 0, 1, 1, 1)`,
  ).run();
}

describe('the GHL record a restore carries over', () => {
  const tempDir = useTempDirs();

  /** The replaced file (seeded, then `sentAfter` ran on it: what happened after the backup) and the restored one (seeded). */
  function replacedAndRestored(sentAfter: string): { replacedFile: string; restored: Database.Database } {
    const replacedFile = join(tempDir(), 'replaced.sqlite');
    const replaced = openDatabase(replacedFile).$client;
    seed(replaced);
    replaced.prepare(sentAfter).run();
    replaced.close();
    const restored = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    seed(restored);
    return { replacedFile, restored };
  }

  it('carries that an upsert went without its answer, on the same job', () => {
    const { replacedFile, restored } = replacedAndRestored(`UPDATE sync_jobs SET upsert_sent_at = 1234, state = 'failed'`);
    expect(carryOverGhlRecord(restored, replacedFile, 5)).toMatchObject({ jobs: 1 });
    expect(restored.prepare('SELECT upsert_sent_at AS at, state FROM sync_jobs').get()).toEqual({ at: 1234, state: 'queued' });
    // Twice changes nothing.
    expect(carryOverGhlRecord(restored, replacedFile, 6)).toMatchObject({ jobs: 0 });
    restored.close();
  });

  // The review's case: the lead was held back at the backup (no job), sent after it, its upsert's answer lost. Restored
  // without a job, its opt-out had no job to set the DND on the contact GHL may hold; so had one whose contact id came over.
  it.each([
    ['its upsert went without an answer', `UPDATE sync_jobs SET upsert_sent_at = 1234, state = 'failed'`],
    ['GHL’s contact id came over', `UPDATE leads SET ghl_contact_id = 'c1', status = 'synced'`],
  ])('a lead the backup held back (no job there), sent after it — %s: its opt-out sets the DND in GHL', (_, sentAfter) => {
    const replacedFile = join(tempDir(), 'replaced.sqlite');
    const replaced = openDatabase(replacedFile).$client;
    seed(replaced);
    replaced.prepare(sentAfter).run();
    replaced.close();
    const restored = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    seed(restored);
    restored.prepare(`DELETE FROM sync_jobs`).run();
    restored.prepare(`UPDATE leads SET status = 'new'`).run();
    expect(carryOverGhlRecord(restored, replacedFile, 5)).toMatchObject({ jobs: 1 });
    // Nothing goes meanwhile: the job is over until the lead opts out.
    expect(restored.prepare('SELECT state FROM sync_jobs').pluck().all()).toEqual(['cancelled']);
    // As an edit marks it (leads:setDoNotContact): the queue first, then the lead's row with what it returned.
    const status = new JobQueue(restored).afterEdit({ id: 1, companyId: 1, batchId: null, status: 'new' } as never, true, 10);
    restored.prepare(`UPDATE leads SET do_not_contact = 1, status = ?`).run(status);
    expect(restored.prepare('SELECT state, send_gate AS gate FROM sync_jobs').all()).toEqual([{ state: 'queued', gate: 'free' }]);
    restored.close();
  });

  // Issue #11: an import's queued lead has no job until the sync writes it. Backed up before that, sent after it (its
  // upsert's answer lost), restored: its job came back 'cancelled', and the lead stayed 'queued' with no send, ever.
  it('a lead the backup had queued with its job still to write, sent after it: its job is queued, and it goes', () => {
    const { replacedFile, restored } = replacedAndRestored(`UPDATE sync_jobs SET upsert_sent_at = 1234, state = 'failed'`);
    restored.prepare(`DELETE FROM sync_jobs`).run();
    expect(carryOverGhlRecord(restored, replacedFile, 5)).toMatchObject({ jobs: 1 });
    expect(restored.prepare('SELECT state, upsert_sent_at AS at FROM sync_jobs').all()).toEqual([{ state: 'queued', at: 1234 }]);
    restored.close();
  });

  it('from a file an older version left, without upsert_sent_at: the rest is carried all the same', () => {
    const replacedFile = join(tempDir(), 'replaced.sqlite');
    const replaced = openDatabase(replacedFile, { migrationsDir: migrationsBefore('_upsert_sent_at', tempDir()) }).$client;
    seed(replaced);
    replaced.prepare(`INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at) VALUES (1, 'enrol-tag', 'roof', 'done', 'c1', 2)`).run();
    replaced.prepare(`UPDATE leads SET ghl_contact_id = 'c1'`).run();
    replaced.close();
    const restored = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    seed(restored);
    expect(carryOverGhlRecord(restored, replacedFile, 5)).toEqual({ leads: 1, creates: 1, jobs: 0 });
    expect(restored.prepare('SELECT ghl_contact_id FROM leads').pluck().get()).toBe('c1');
    restored.close();
  });

  // Deleted after it reached GHL, the lead is in neither the replaced file's leads nor its ledger: the record the trigger
  // left as it went is carried instead. A lead deleted before it reached GHL leaves none.
  it('carries the GHL record of a lead the replaced file deleted after it went; one never sent leaves no record', () => {
    const replacedFile = join(tempDir(), 'replaced.sqlite');
    const replaced = openDatabase(replacedFile).$client;
    seed(replaced);
    replaced.prepare(`INSERT INTO leads (company_id, phone, country, status, created_at, updated_at) VALUES (1, '+15125550101', 'US', 'queued', 1, 1)`).run();
    replaced.prepare(`UPDATE leads SET ghl_contact_id = 'c1', enrolled_at = 1000, status = 'synced' WHERE id = 1`).run();
    replaced.prepare(`INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at, resolved_at) VALUES (1, 'enrol-tag', 'roof', 'done', 'c1', 900, 1000)`).run();
    replaced.prepare(`DELETE FROM leads`).run();
    expect(replaced.prepare('SELECT lead_id AS id, ghl_contact_id AS contact FROM removed_leads_in_ghl').all()).toEqual([{ id: 1, contact: 'c1' }]);
    expect(replaced.prepare('SELECT count(*) FROM ghl_creates').pluck().get()).toBe(0);
    replaced.close();
    const restored = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    seed(restored);
    expect(carryOverGhlRecord(restored, replacedFile, 5)).toMatchObject({ leads: 1, creates: 1 });
    expect(restored.prepare('SELECT ghl_contact_id AS contact, enrolled_at AS enrolledAt FROM leads').get()).toEqual({ contact: 'c1', enrolledAt: 1000 });
    expect(restored.prepare('SELECT kind, state FROM ghl_creates').all()).toEqual([{ kind: 'enrol-tag', state: 'done' }]);
    // Another lineage's lead under the same id (a restore rolls ids back: undoing one meets them), phone-only as Ann was,
    // with another number, takes nothing of hers: neither has an email, and that made them the same lead.
    restored.prepare(`UPDATE leads SET phone = '+15125550199', created_at = 2, ghl_contact_id = NULL, enrolled_at = NULL`).run();
    restored.prepare(`DELETE FROM ghl_creates`).run();
    expect(carryOverGhlRecord(restored, replacedFile, 6)).toMatchObject({ leads: 0, creates: 0 });
    restored.close();
  });

  // The office restored this morning's backup at 14:00 to undo a file imported at 09:00, of which the day's cap had
  // gone out by 13:00. Those leads are not in the backup, so nothing of theirs was carried, and the day's count began
  // again at 0: another cap's worth of older leads was texted the same day on a number allowed about 100. Texts that
  // went count, whoever's they were: the replaced file's enrolment log (and its enrolments GHL never answered) carry.
  // A review: a lead of another lineage under an id the restored file gives another lead (a restore rolled the ids back,
  // and this one undoes it) was dropped, and its customer, added again, noted and enrolled a second time.
  it('keeps what went of a lead the backup lacks under a fresh id when the restored file gives its id to another lead', () => {
    const replacedFile = join(tempDir(), 'replaced.sqlite');
    const replaced = openDatabase(replacedFile).$client;
    seed(replaced);
    replaced.prepare(`INSERT INTO leads (company_id, phone, country, status, ghl_contact_id, enrolled_at, created_at, updated_at) VALUES (1, '+15125550122', 'US', 'synced', 'c2', 50, 7, 7)`).run();
    replaced.prepare(`INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at) VALUES (2, 'enrol-tag', 'roof', 'done', 'c2', 50)`).run();
    replaced.close();
    const restored = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    seed(restored);
    // Another lineage's lead 2: another customer, never sent.
    restored.prepare(`INSERT INTO leads (company_id, phone, country, status, created_at, updated_at) VALUES (1, '+15125550133', 'US', 'queued', 9, 9)`).run();
    carryOverGhlRecord(restored, replacedFile, 100);
    const kept = restored.prepare(`SELECT lead_id AS leadId, ghl_contact_id AS contact FROM removed_leads_in_ghl`).all() as Array<{ leadId: number; contact: string }>;
    expect(kept).toEqual([{ leadId: 3, contact: 'c2' }]);
    expect(restored.prepare(`SELECT lead_id AS leadId, contact_id AS contact, state FROM removed_lead_creates`).all()).toEqual([{ leadId: 3, contact: 'c2', state: 'done' }]);
    // No new lead takes that id, and twice changes nothing.
    expect(restored.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'leads'`).pluck().get()).toBe(3);
    carryOverGhlRecord(restored, replacedFile, 200);
    expect(restored.prepare(`SELECT count(*) FROM removed_leads_in_ghl`).pluck().get()).toBe(1);
    restored.close();
  });

  it('keeps the day’s count of texts: enrolments of leads the backup does not have still take their places under the caps', () => {
    const now = Date.UTC(2026, 11, 9, 20, 0);
    const replacedFile = join(tempDir(), 'replaced.sqlite');
    const replaced = openDatabase(replacedFile).$client;
    seed(replaced);
    replaced.prepare(`UPDATE companies SET daily_cap = 3, send_days = 'mon,tue,wed,thu,fri,sat,sun', send_window_start = '08:00', send_window_end = '21:00'`).run();
    // Imported after the backup: two enrolled today (one of them at the same minute as the carried lead's), one whose enrolment GHL never answered.
    for (const phone of ['+15125550101', '+15125550102', '+15125550103']) {
      replaced.prepare(`INSERT INTO leads (company_id, phone, country, status, created_at, updated_at) VALUES (1, ?, 'US', 'queued', 1, 1)`).run(phone);
    }
    replaced.prepare(`UPDATE leads SET enrolled_at = ?, status = 'synced' WHERE id IN (1, 2)`).run(now - 3_600_000);
    replaced.prepare(`UPDATE leads SET enrolled_at = ?, status = 'synced' WHERE id = 3`).run(now - 1_800_000);
    replaced.prepare(`INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at) VALUES (4, 'enrol-tag', 'roof', 'pending', 'c4', ?)`).run(now - 600_000);
    replaced.close();
    const restored = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    seed(restored);
    restored.prepare(`UPDATE companies SET daily_cap = 3, send_days = 'mon,tue,wed,thu,fri,sat,sun', send_window_start = '08:00', send_window_end = '21:00'`).run();
    const gate = new ClaimGate(restored);
    expect(gate.opening(1, now).capLeft).toBe(3);
    carryOverGhlRecord(restored, replacedFile, now);
    // Four texts went today (lead 1, carried; leads 2 and 3, not in the backup; lead 4's unanswered enrolment): none is left.
    expect(gate.opening(1, now).capLeft).toBe(0);
    // Three in the log; lead 4's with what a deleted lead leaves (removed_lead_creates), counted from there.
    expect(restored.prepare('SELECT count(*) FROM enrolment_log').pluck().get()).toBe(3);
    expect(restored.prepare(`SELECT lead_id AS leadId, state FROM removed_lead_creates`).all()).toEqual([{ leadId: 4, state: 'pending' }]);
    // Twice changes nothing.
    carryOverGhlRecord(restored, replacedFile, now);
    expect(restored.prepare('SELECT count(*) FROM enrolment_log').pluck().get()).toBe(3);
    expect(gate.opening(1, now).capLeft).toBe(0);
    restored.close();
  });
});
