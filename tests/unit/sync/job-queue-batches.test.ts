import Database from 'better-sqlite3';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import { placeAllLeads } from '../../helpers/jobs';
import { openSchedulesAt } from '../../helpers/schedule';
import { useTempDirs } from '../../helpers/temp-dir';

const lead = (n: number): LeadDraft => ({
  firstName: `L${n}`, lastName: null, phone: `+1512${String(2_000_000 + n)}`, phoneRaw: null, phoneExt: null, email: null, emailKey: null,
  address1: null, city: null, state: null, postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null,
  doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [],
});

/** Stops a chunked write after `chunks` chunks, as a quit or crash would. */
const stopAfter = (chunks: number) => {
  let seen = 0;
  return { pause: () => (++seen >= chunks ? Promise.reject(new Error('stopped')) : Promise.resolve()) };
};

describe('JobQueue: long writes in chunks, and writes that fail', () => {
  const tempDir = useTempDirs();
  const opened: Database.Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  function setup(count: number, queueSync: boolean) {
    const file = join(tempDir(), 'leads.sqlite');
    const db = openDatabase(file).$client;
    opened.push(db);
    const now = Date.now();
    for (const name of ['A', 'B']) {
      db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES (?, ?, 'http://127.0.0.1:1', ?, ?)`).run(name, `loc${name}`, now, now);
    }
    const batchId = Number(
      db.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (1, 'f.csv', 'completed', ?, ?)`).run(queueSync ? 1 : 0, now)
        .lastInsertRowid,
    );
    const writer = new LeadWriter(db, { companyId: 1, batchId, onDuplicate: 'skip', queueSync, tag: null });
    for (let start = 0; start < count; start += 1_000) writer.writeChunk(Array.from({ length: Math.min(1_000, count - start) }, (_, i) => lead(start + i)));
    placeAllLeads(db);
    // Not about pacing: the schedule holds nothing back at the real time these claims use.
    openSchedulesAt(db);
    const statusCounts = () => Object.fromEntries((db.prepare(`SELECT status, count(*) AS n FROM leads GROUP BY status`).all() as Array<{ status: string; n: number }>).map((r) => [r.status, r.n]));
    const jobCounts = () => Object.fromEntries((db.prepare(`SELECT state, count(*) AS n FROM sync_jobs GROUP BY state`).all() as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
    // Every queued lead has its queued job, and no held-back lead has one.
    const consistent = () =>
      db.prepare(`SELECT count(*) AS n FROM leads l LEFT JOIN sync_jobs j ON j.lead_id = l.id
                  WHERE (l.status = 'queued' AND (j.state IS NOT 'queued')) OR (l.status = 'new' AND j.state IN ('queued', 'running'))`).get();
    return { file, db, jobs: new JobQueue(db), batchId, statusCounts, jobCounts, consistent };
  }

  it('queues a held-back batch in chunks; stopped halfway it is consistent, and a second run queues the rest', async () => {
    const { jobs, batchId, statusCounts, jobCounts, consistent } = setup(3_000, false);
    expect(jobs.countHeldBack(1, batchId)).toBe(3_000);
    const progress: number[] = [];
    await expect(jobs.queueHeldBack(1, batchId, Date.now, { ...stopAfter(1), onChunk: (p) => progress.push(p.done) })).rejects.toThrow('stopped');
    expect(progress).toHaveLength(1);
    const first = progress[0]!;
    expect(first).toBeGreaterThan(0);
    expect(statusCounts()).toEqual({ new: 3_000 - first, queued: first });
    expect(consistent()).toEqual({ n: 0 });
    await expect(jobs.queueHeldBack(1, batchId)).resolves.toBe(3_000 - first);
    expect(statusCounts()).toEqual({ queued: 3_000 });
    expect(jobCounts()).toEqual({ queued: 3_000 });
    expect(jobs.countHeldBack(1, batchId)).toBe(0);
  });

  it('undoes a batch in chunks, keeping leads already in GHL; stopped halfway, a second run removes the rest', async () => {
    const { db, jobs, batchId, statusCounts, jobCounts } = setup(2_500, true);
    // The first 10 leads reach GHL before the undo.
    const claimed = jobs.claim(1, 'runner', 10, Date.now(), 60_000);
    jobs.completeSynced(claimed, Date.now());
    let first = 0;
    await expect(jobs.undoBatch(batchId, { ...stopAfter(1), onChunk: (p) => (first = p.done) })).rejects.toThrow('stopped');
    // The first chunk covered `first` leads, the 10 sent ones among them (kept).
    expect(statusCounts()).toEqual({ synced: 10, queued: 2_500 - first });
    expect(jobCounts()).toEqual({ succeeded: 10, queued: 2_500 - first });
    const result = await jobs.undoBatch(batchId);
    expect(result).toMatchObject({ removedLeads: 2_490 - first + 10, removedJobs: 2_490 - first + 10 });
    // The kept leads are the whole batch's, listed again by the run that finished.
    expect(result.keptSyncedLeads.map((l) => l.id)).toEqual(claimed.map((j) => j.leadId));
    expect(statusCounts()).toEqual({ synced: 10 });
    expect(db.prepare(`SELECT count(*) AS n FROM leads WHERE batch_id = ?`).get(batchId)).toEqual({ n: 10 });
  });

  // Undo removed a lead whose upsert answer was lost (no contact id, its job queued for a retry) as if GHL
  // never had it, and left the job of a kept lead waiting for its enrolment queued: that customer was texted
  // after the office undid the import.
  it('undo keeps a lead GHL may have without an answer, and stops sending every lead it keeps that is not in the campaign', async () => {
    const { db, jobs, batchId } = setup(5, true);
    const now = Date.now();
    const [created, unanswered, enrolled] = jobs.claim(1, 'runner', 3, now, 60_000);
    jobs.markUpsertSent(created!, now);
    jobs.recordUpsert(created!, 'cCreated', true, false, now);
    jobs.markUpsertSent(unanswered!, now);
    jobs.release([created!, unanswered!], now, now); // the enrolment's window closed; the upsert's answer was lost
    db.prepare(`UPDATE leads SET ghl_contact_id = 'cEnrolled' WHERE id = ?`).run(enrolled!.leadId);
    jobs.completeSynced([enrolled!], now, { alsoInTx: () => {} });
    jobs.enqueue(1, enrolled!.leadId, now); // an edit's re-send: a contact update, texts nobody

    expect(await jobs.batches.undoPlan(batchId)).toEqual({ appOnly: 2, createdInGhl: 1, sharedInGhl: 0, optedOutInGhl: 0, existedInGhl: 1, sendingNow: 0, mayBeInGhl: 1 });
    const result = await jobs.undoBatch(batchId);
    expect(result).toMatchObject({ removedLeads: 2, stoppedLeads: 2 });
    expect(result.keptSyncedLeads.map((lead) => lead.id)).toEqual([created!.leadId, unanswered!.leadId, enrolled!.leadId]);
    const rows = db.prepare(`SELECT l.id, l.status, j.state FROM leads l JOIN sync_jobs j ON j.lead_id = l.id ORDER BY l.id`).all();
    expect(rows).toEqual([
      { id: created!.leadId, status: 'new', state: 'cancelled' },
      { id: unanswered!.leadId, status: 'new', state: 'cancelled' },
      { id: enrolled!.leadId, status: 'synced', state: 'queued' },
    ]);
    expect(jobs.claim(1, 'runner', 10, now, 60_000).map((job) => job.leadId)).toEqual([enrolled!.leadId]);
  });

  // Undo's "shared contact" check read only where the other leads point now: a lead enrolled on this import's contact
  // and since upserted to another (an edit, a new phone) no longer pointed to it, so undo deleted in GHL the contact
  // that lead's campaign runs on. What GHL holds for another lead (its enrolment, note, tag) counts too.
  it('undo keeps a contact created by the import that another lead was enrolled on, though that lead points elsewhere now', async () => {
    const { db, jobs, batchId } = setup(2, true);
    const now = Date.now();
    const [created, other] = jobs.claim(1, 'runner', 2, now, 60_000);
    jobs.markUpsertSent(created!, now);
    jobs.recordUpsert(created!, 'cCreated', true, false, now);
    jobs.release([created!], now, now);
    // A lead of another import, enrolled on that contact, then moved to another one.
    const sibling = Number(
      db.prepare(`INSERT INTO leads (company_id, phone, status, ghl_contact_id, enrolled_at, created_at, updated_at) VALUES (1, '+15125550199', 'synced', 'cMoved', ?, ?, ?)`)
        .run(now, now, now).lastInsertRowid,
    );
    db.prepare(`INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at) VALUES (?, 'enrol-workflow', 'wf1', 'done', 'cCreated', ?)`).run(sibling, now);
    jobs.release([other!], now, now);
    expect(await jobs.batches.undoPlan(batchId)).toMatchObject({ createdInGhl: 0, sharedInGhl: 1 });
  });

  it('retries failed jobs and cancels a batch in chunks, with the lead statuses that go with them', async () => {
    const { jobs, batchId, statusCounts, jobCounts, consistent } = setup(1_500, true);
    for (;;) {
      const claimed = jobs.claim(1, 'runner', 500, Date.now(), 60_000);
      if (claimed.length === 0) break;
      for (const job of claimed) jobs.fail(job, 1, 'upsert:permanent', 'no', Date.now());
    }
    expect(statusCounts()).toEqual({ failed: 1_500 });
    let first = 0;
    await expect(jobs.retryFailed({ scope: 'all' }, Date.now, { ...stopAfter(1), onChunk: (p) => (first = p.done) })).rejects.toThrow('stopped');
    expect(jobCounts()).toEqual({ queued: first, failed: 1_500 - first });
    expect(consistent()).toEqual({ n: 0 });
    await expect(jobs.retryFailed({ scope: 'all', companyId: 1 })).resolves.toBe(1_500 - first);
    expect(statusCounts()).toEqual({ queued: 1_500 });
    await expect(jobs.cancelBatch(batchId)).resolves.toBe(1_500);
    expect(statusCounts()).toEqual({ new: 1_500 });
    expect(jobCounts()).toEqual({ cancelled: 1_500 });
    // Cancelled leads are held back: the batch can be sent again.
    await expect(jobs.queueHeldBack(1, batchId)).resolves.toBe(1_500);
    expect(jobCounts()).toEqual({ queued: 1_500 });
  });

  it('lane recovery: releases every job one company holds under a runner, and nothing else', () => {
    const { db, jobs, statusCounts } = setup(6, true);
    const other = db.prepare(`INSERT INTO leads (company_id, phone, status, time_zone_source, created_at, updated_at) VALUES (2, '+15129999999', 'queued', 'company', 0, 0)`).run();
    jobs.enqueue(2, Number(other.lastInsertRowid), Date.now());
    jobs.claim(1, 'runner', 2, Date.now(), 60_000);
    jobs.claim(1, 'runner', 2, Date.now(), 60_000);
    jobs.claim(2, 'runner', 1, Date.now(), 60_000);
    expect(statusCounts()).toEqual({ syncing: 5, queued: 2 });
    expect(jobs.releaseLane('runner', 1, Date.now())).toBe(4);
    expect(statusCounts()).toEqual({ syncing: 1, queued: 6 });
    expect(db.prepare(`SELECT company_id AS companyId, state FROM sync_jobs WHERE state = 'running'`).all()).toEqual([{ companyId: 2, state: 'running' }]);
    expect(jobs.releaseLane('someone-else', 2, Date.now())).toBe(0);
  });

  it('a chunked write waits for a lock another connection holds in the event loop, not by sleeping the thread', async () => {
    const { file, jobs, batchId, statusCounts } = setup(2_000, false);
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    // Released by a timer of this same thread: a wait in SQLite's busy handler would never let it fire.
    setTimeout(() => {
      holder.exec('ROLLBACK');
      holder.close();
    }, 300);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const queued = await jobs.queueHeldBack(1, batchId);
    delay.disable();
    expect(queued).toBe(2_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(delay.max / 1e6).toBeLessThan(100);
    expect(statusCounts()).toEqual({ queued: 2_000 });
  });

  it('a write that meets a held lock (SQLITE_BUSY) changes nothing and works once the lock is free', async () => {
    const { file, db, jobs, batchId, statusCounts, jobCounts } = setup(10, true);
    jobs.completeSynced(jobs.claim(1, 'runner', 9, Date.now(), 60_000), Date.now());
    const [job] = jobs.claim(1, 'runner', 1, Date.now(), 60_000);
    db.pragma('busy_timeout = 20');
    const before = { leads: statusCounts(), jobs: jobCounts() };
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const busy = expect.objectContaining({ code: 'SQLITE_BUSY' });
      expect(() => jobs.claim(1, 'runner', 5, Date.now(), 60_000)).toThrow(busy);
      expect(() => jobs.completeSynced([job!], Date.now())).toThrow(busy);
      expect(() => jobs.releaseLane('runner', 1, Date.now())).toThrow(busy);
      await expect(jobs.cancelBatch(batchId)).rejects.toThrow(busy);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect({ leads: statusCounts(), jobs: jobCounts() }).toEqual(before);
    // The claim the failed writes were about still holds, and completes.
    expect(jobs.owns(job!)).toBe(true);
    expect(jobs.completeSynced([job!], Date.now())).toBe(1);
    expect(statusCounts()).toEqual({ synced: 10 });
  });
});
