import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { fullJitterMs } from '../../../electron/lib/backoff';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { acquireRunnerLock, RUNNER_LOCK_KEY } from '../../../electron/core/runner-lock';
import { placeAllLeads } from '../../helpers/jobs';
import { openSchedulesAt } from '../../helpers/schedule';
import { useTempDirs } from '../../helpers/temp-dir';
import { queueLeads } from '../../integration/sync/world';

function setup(tempDir: () => string, leads = 5) {
  const db = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
  const now = Date.now();
  db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://127.0.0.1:1', ?, ?)`).run(now, now);
  queueLeads(db, 1, leads);
  placeAllLeads(db);
  // Not about pacing: the schedule holds nothing back at the real time these claims use.
  openSchedulesAt(db);
  return { db, store: new JobQueue(db) };
}

const jobState = (db: Database.Database, id: number) =>
  db.prepare(`SELECT state, attempts, lease_owner AS leaseOwner, last_error_code AS code FROM sync_jobs WHERE id = ?`).get(id);

describe('JobQueue: the sync worker side', () => {
  const tempDir = useTempDirs();

  // Found in review: the claim marked a lead whose phone the list holds, and stopped there; its email is the same
  // customer's, and another company's lead with it, enrolled before, went on being texted by that company's workflow.
  it('marks at the claim a lead the list holds, and the leads elsewhere with its other phone or email', () => {
    const { db, store } = setup(tempDir, 1);
    const now = Date.now();
    db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('B', 'locB', 'http://127.0.0.1:1', ?, ?)`).run(now, now);
    const alpha = db.prepare(`SELECT id, phone, email_key AS emailKey FROM leads WHERE company_id = 1`).get() as { id: number; phone: string; emailKey: string };
    const bravo = Number(
      db.prepare(`INSERT INTO leads (company_id, phone, email, email_key, status, ghl_contact_id, enrolled_at, created_at, updated_at) VALUES (2, '+15125559999', ?, ?, 'synced', 'cB', 1, ?, ?)`)
        .run(alpha.emailKey, alpha.emailKey, now, now).lastInsertRowid,
    );
    // Listed by a path that marks no lead (a number added while the lead waited, say).
    db.prepare(`INSERT INTO opt_outs (kind, value, source, created_at) VALUES ('phone', ?, 'office', ?)`).run(alpha.phone, now);
    expect(store.claim(1, 'r', 10, now, 60_000)).toEqual([]);
    const lead = db.prepare<[number], { status: string; dnc: number }>('SELECT status, do_not_contact AS dnc FROM leads WHERE id = ?');
    expect(lead.get(alpha.id)).toEqual({ status: 'do-not-contact', dnc: 1 });
    expect(lead.get(bravo)).toEqual({ status: 'do-not-contact', dnc: 1 });
  });

  it('claims due jobs atomically with a lease, oldest first, and marks leads syncing', () => {
    const { db, store } = setup(tempDir);
    const claimed = store.claim(1, 'runner-1', 3, Date.now(), 60_000);
    expect(claimed.map((j) => j.jobId)).toEqual([1, 2, 3]);
    expect(claimed[0]?.leaseOwner).toBe('runner-1#1');
    expect(claimed[0]?.lead.email).toBe('lead0-c1@example.com');
    expect(store.claim(1, 'runner-1', 10, Date.now(), 60_000).map((j) => j.jobId)).toEqual([4, 5]);
    expect(store.claim(1, 'runner-1', 10, Date.now(), 60_000)).toEqual([]);
    expect(db.prepare(`SELECT count(*) AS n FROM leads WHERE status = 'syncing'`).get()).toEqual({ n: 5 });
  });

  it('completes, retries with attempts, fails, and releases without using an attempt', () => {
    const { db, store } = setup(tempDir, 4);
    const [a, b, c, d] = store.claim(1, 'r', 4, Date.now(), 60_000);
    store.recordUpsert(a!, 'contact-a', true, false, Date.now());
    store.completeSynced([a!], Date.now());
    store.retryLater(b!, 1, Date.now() + 10_000, 'upsert:transient', 'HTTP 503', Date.now());
    store.fail(c!, 1, 'upsert:permanent', 'phone is invalid', Date.now());
    store.release([d!], Date.now(), Date.now(), 'upsert:offline', 'no network');
    expect(jobState(db, a!.jobId)).toMatchObject({ state: 'succeeded', leaseOwner: null });
    expect(jobState(db, b!.jobId)).toMatchObject({ state: 'queued', attempts: 1, code: 'upsert:transient' });
    expect(jobState(db, c!.jobId)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(jobState(db, d!.jobId)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(db.prepare(`SELECT status, ghl_contact_id AS contact, last_error AS err FROM leads ORDER BY id`).all()).toEqual([
      { status: 'synced', contact: 'contact-a', err: null },
      { status: 'queued', contact: null, err: null },
      { status: 'failed', contact: null, err: 'phone is invalid' },
      { status: 'queued', contact: null, err: null },
    ]);
    // A job scheduled for later is not due.
    expect(store.claim(1, 'r', 10, Date.now(), 60_000).map((j) => j.jobId)).toEqual([d!.jobId]);
  });

  it('a stale claim cannot complete a job the lead code reset meanwhile', () => {
    const { db, store } = setup(tempDir, 1);
    const [job] = store.claim(1, 'r', 1, Date.now(), 60_000);
    // The lead was edited meanwhile: its job is reset to queued, the lease cleared.
    store.enqueue(1, job!.leadId, Date.now());
    store.claim(1, 'r', 1, Date.now(), 60_000);
    store.completeSynced([job!], Date.now());
    expect(jobState(db, job!.jobId)).toMatchObject({ state: 'running' });
  });

  it('requeues a dead runner’s jobs and expired leases; keeps the first isNew answer', () => {
    const { db, store } = setup(tempDir, 3);
    const [a] = store.claim(1, 'dead', 1, Date.now(), 60_000);
    store.claim(1, 'alive', 1, Date.now(), 60_000);
    expect(store.requeueOrphans('alive', Date.now())).toBe(1);
    expect(jobState(db, a!.jobId)).toMatchObject({ state: 'queued', leaseOwner: null });
    store.claim(1, 'alive', 5, Date.now(), -1_000);
    expect(store.requeueExpired(Date.now())).toBeGreaterThan(0);
    const [again] = store.claim(1, 'alive', 1, Date.now(), 60_000);
    store.recordUpsert(again!, 'c1', true, false, Date.now());
    store.recordUpsert(again!, 'c1', false, false, Date.now());
    expect(db.prepare(`SELECT ghl_is_new AS isNew FROM leads WHERE id = ?`).get(again!.leadId)).toEqual({ isNew: 1 });
  });

  it('a DND contact ends its job as succeeded with lead status dnd', () => {
    const { db, store } = setup(tempDir, 1);
    const [job] = store.claim(1, 'r', 1, Date.now(), 60_000);
    store.recordUpsert(job!, 'c-dnd', false, true, Date.now());
    expect(jobState(db, job!.jobId)).toMatchObject({ state: 'succeeded' });
    expect(db.prepare(`SELECT status FROM leads`).get()).toEqual({ status: 'dnd' });
  });
});

describe('backoff', () => {
  it('is full jitter, capped', () => {
    expect(fullJitterMs(1, 1_000, 60_000, () => 0.999)).toBe(999);
    expect(fullJitterMs(4, 1_000, 60_000, () => 0.5)).toBe(4_000);
    expect(fullJitterMs(20, 1_000, 60_000, () => 0.5)).toBe(30_000);
    expect(fullJitterMs(3, 1_000, 60_000, () => 0)).toBe(0);
  });
});

describe('runner lock', () => {
  const tempDir = useTempDirs();

  // A beat waited the connection's busy timeout (10 s) on the app's main thread, every 5 s, while another program held
  // the write lock: the window stopped answering (seen while sending could not save).
  it('a heartbeat waits at most a second for another program\'s write lock, and skips', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const db = openDatabase(file).$client;
    const lock = acquireRunnerLock(db, { processLabel: 'the desktop app' });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      lock.setPaused(true);
      expect(performance.now() - started).toBeLessThan(2_500);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      lock.release();
      db.close();
    }
  });

  it('refuses a second runner and names the holder; takes over from a dead one', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const db = openDatabase(file).$client;
    const first = acquireRunnerLock(db, { processLabel: 'the desktop app' });
    const other = new Database(file);
    try {
      expect(() => acquireRunnerLock(other, { processLabel: 'the command line (rlm sync)' })).toThrow(
        `Sync is already running in the desktop app (pid ${process.pid}).`,
      );
      // Paused there, nothing is sent: "already running" read, in a cron job's log, as leads going out.
      first.setPaused(true);
      expect(() => acquireRunnerLock(other, { processLabel: 'the command line (rlm sync)' })).toThrow(
        `Sending is paused in the desktop app (pid ${process.pid}): nothing is being sent. Resume it there, or quit it to send from here.`,
      );
      first.release();
      const second = acquireRunnerLock(other, { processLabel: 'cli' });
      second.release();
      // A holder whose process is gone (pid far above pid_max) is taken over.
      db.prepare(`INSERT INTO app_meta (key, value) VALUES (?, ?)`).run(
        RUNNER_LOCK_KEY,
        JSON.stringify({ owner: 'x', pid: 99_999_999, host: 'h', process: 'ghost', heartbeatAt: Date.now() }),
      );
      const host = (JSON.parse((db.prepare(`SELECT value FROM app_meta WHERE key = ?`).get(RUNNER_LOCK_KEY) as { value: string }).value) as { host: string }).host;
      expect(host).toBe('h');
      db.prepare(`UPDATE app_meta SET value = json_set(value, '$.host', ?) WHERE key = ?`).run(hostname(), RUNNER_LOCK_KEY);
      const third = acquireRunnerLock(other, { processLabel: 'cli' });
      third.release();
    } finally {
      other.close();
      db.close();
    }
  });

  it('a runner whose lock was taken over (its heartbeat looked stale) is told to stop', async () => {
    const file = join(tempDir(), 'leads.sqlite');
    const db = openDatabase(file).$client;
    let lost = 0;
    const lock = acquireRunnerLock(db, { processLabel: 'the desktop app', heartbeatMs: 20, onLost: () => lost++ });
    try {
      // Another runner decided we were dead and wrote itself in.
      db.prepare(`UPDATE app_meta SET value = json_set(value, '$.owner', 'someone-else') WHERE key = ?`).run(RUNNER_LOCK_KEY);
      await new Promise((r) => setTimeout(r, 120));
      expect(lost).toBe(1);
    } finally {
      lock.release();
      db.close();
    }
  });
});
