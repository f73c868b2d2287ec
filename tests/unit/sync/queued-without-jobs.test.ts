/**
 * Issue #11: an import writes its leads, and the sync writes their jobs when it places them
 * (electron/core/jobs/queued-without-jobs.ts). Meanwhile those leads are counted as waiting, exactly, whatever
 * happens to them; Stop sending and undo reach them; and the jobs the sync writes keep the import's place in line.
 */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import { batchWaiting } from '../../../electron/core/schedule/batch-waiting';
import { hasUnplacedJobs } from '../../../electron/core/schedule/send-plan';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import { blockOf } from '../../../electron/sync/blocked';
import { SyncQueries } from '../../../electron/sync/sync-queries';
import { writeQueuedJobs } from '../../helpers/jobs';
import { useTempDirs } from '../../helpers/temp-dir';

const lead = (n: number, overrides: Partial<LeadDraft> = {}): LeadDraft => ({
  firstName: `L${n}`, lastName: null, phone: `+1512${String(2_000_000 + n)}`, phoneRaw: null, phoneExt: null, email: null, emailKey: null,
  address1: null, city: null, state: null, postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null,
  doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [], ...overrides,
});

const IMPORTED_AT = Date.UTC(2026, 10, 2, 15, 0);

describe('the jobs of an import’s leads, written by the sync', () => {
  const tempDir = useTempDirs();
  const opened: Database.Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  function imported(count: number, drafts: (n: number) => LeadDraft = (n) => lead(n)) {
    const db = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    opened.push(db);
    db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://127.0.0.1:1', 1, 1)`).run();
    const batchId = Number(
      db.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (1, 'f.csv', 'completed', 1, ?)`).run(IMPORTED_AT).lastInsertRowid,
    );
    const writer = new LeadWriter(db, { companyId: 1, batchId, onDuplicate: 'skip', queueSync: true, tag: null });
    for (let start = 0; start < count; start += 1_000) {
      writer.writeChunk(Array.from({ length: Math.min(1_000, count - start) }, (_, i) => drafts(start + i)), undefined, IMPORTED_AT + start);
    }
    const jobRows = () => (db.prepare('SELECT count(*) AS n FROM sync_jobs').get() as { n: number }).n;
    const queuedLeads = () => (db.prepare(`SELECT count(*) AS n FROM leads WHERE status = 'queued'`).get() as { n: number }).n;
    return { db, batchId, jobs: new JobQueue(db), jobRows, queuedLeads };
  }

  it('writes no job with the leads; counts them as waiting; the sync writes their jobs in short steps, in the import’s order and time', () => {
    const { db, batchId, jobs, jobRows } = imported(2_500);
    expect(jobRows()).toBe(0);
    expect(batchWaiting(db, batchId)).toBe(2_500);
    expect(hasUnplacedJobs(db, 1)).toBe(true);
    expect(jobs.gate.hasWorkNow(1, IMPORTED_AT)).toBe(true);

    expect(jobs.writeQueuedJobs(1_000)).toBe(1_000);
    expect(jobRows()).toBe(1_000);
    // The same count, now partly from the jobs' own counts.
    expect(batchWaiting(db, batchId)).toBe(2_500);
    writeQueuedJobs(db);
    expect(jobRows()).toBe(2_500);
    expect(batchWaiting(db, batchId)).toBe(2_500);
    expect(db.prepare('SELECT count(*) AS n FROM queued_without_jobs').get()).toEqual({ n: 0 });
    // Their place in line is the import's (when it queued its first chunk), not the time the sync got to them.
    expect(db.prepare('SELECT min(next_run_at) AS first, max(next_run_at) AS last FROM sync_jobs').get()).toEqual({ first: IMPORTED_AT, last: IMPORTED_AT });
    expect(db.prepare(`SELECT count(*) AS n FROM leads l JOIN sync_jobs j ON j.lead_id = l.id WHERE j.batch_id = l.batch_id AND j.state = 'queued'`).get()).toEqual({ n: 2_500 });
    expect(jobs.writeQueuedJobs(1_000)).toBe(0);
  });

  it('counts them as queued jobs in the sync’s status (rlm status, rlm sync): a company without a key is blocked by all of them', () => {
    const { db, jobs } = imported(1_200);
    const queuedJobs = () => new SyncQueries(db).counts().companies[0]!.jobs.queued;
    expect(queuedJobs()).toBe(1_200);
    jobs.writeQueuedJobs(500);
    expect(queuedJobs()).toBe(1_200);
    const company = new SyncQueries(db).counts().companies[0]!;
    expect(blockOf(company, false)).toMatchObject({ reason: 'no-key', waiting: 1_200 });
    writeQueuedJobs(db);
    expect(queuedJobs()).toBe(1_200);
  });

  it('keeps the waiting count exact when leads change before the sync writes their jobs', () => {
    const { db, batchId, jobs, jobRows, queuedLeads } = imported(1_000);
    const now = IMPORTED_AT + 60_000;
    const inTx = (fn: () => void) => db.transaction(fn).immediate();
    // An edit writes its lead's job at once (counted once, not twice), keeping the lead's place in line: the import's
    // time, as an edit of a lead whose job waits keeps that job's.
    inTx(() => jobs.enqueue(1, 5, now));
    expect(db.prepare('SELECT next_run_at AS at FROM sync_jobs WHERE lead_id = 5').get()).toEqual({ at: IMPORTED_AT });
    // Made do-not-contact (the opt-out list, a STOP): no longer waiting.
    inTx(() => {
      jobs.cancelPending(6, now);
      db.prepare(`UPDATE leads SET status = 'do-not-contact', do_not_contact = 1 WHERE id = 6`).run();
    });
    // Removed.
    db.prepare('DELETE FROM leads WHERE id = 7').run();
    expect(batchWaiting(db, batchId)).toBe(998);
    expect(queuedLeads()).toBe(998);

    writeQueuedJobs(db);
    expect(jobRows()).toBe(998);
    expect(batchWaiting(db, batchId)).toBe(998);
    expect(db.prepare(`SELECT state FROM sync_jobs WHERE lead_id = 6`).get()).toBeUndefined();
  });

  it('Stop sending before the sync wrote their jobs holds them back; the sync then writes none', async () => {
    const { db, batchId, jobs, jobRows } = imported(1_500);
    // The sync got through part of the import first.
    jobs.writeQueuedJobs(600);
    await expect(jobs.cancelBatch(batchId)).resolves.toBe(1_500);
    expect(db.prepare(`SELECT status, count(*) AS n FROM leads GROUP BY status`).all()).toEqual([{ status: 'new', n: 1_500 }]);
    expect(batchWaiting(db, batchId)).toBe(0);
    writeQueuedJobs(db);
    expect(jobRows()).toBe(600);
    expect(db.prepare(`SELECT count(*) AS n FROM sync_jobs WHERE state <> 'cancelled'`).get()).toEqual({ n: 0 });
  });

  it('undo before the sync wrote their jobs removes the leads and leaves nothing for the sync', async () => {
    const { db, batchId, jobs, jobRows } = imported(1_200);
    const result = await jobs.undoBatch(batchId);
    // Their sends to come are cancelled sends, as their jobs' would have been (the undo report counts them).
    expect(result).toMatchObject({ removedLeads: 1_200, removedJobs: 1_200 });
    expect(db.prepare('SELECT count(*) AS n FROM queued_without_jobs').get()).toEqual({ n: 0 });
    expect(hasUnplacedJobs(db, 1)).toBe(false);
    writeQueuedJobs(db);
    expect(jobRows()).toBe(0);
  });

  it('counts only the queued leads of the import: a row the file marks do-not-contact waits for nothing', () => {
    const { db, batchId, jobRows } = imported(10, (n) => lead(n, { doNotContact: n % 2 === 0 }));
    expect(batchWaiting(db, batchId)).toBe(5);
    writeQueuedJobs(db);
    expect(jobRows()).toBe(5);
    expect(batchWaiting(db, batchId)).toBe(5);
  });
});
