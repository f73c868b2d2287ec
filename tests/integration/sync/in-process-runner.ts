/**
 * A SyncRunner in the test's own thread, on its own SQLite connection to a real data dir: for cases
 * that need to reach inside (a short busy timeout, a JobQueue whose write fails once). Everything
 * else — the simulator on a real port, the GHL transport, the lane — is the real thing.
 */
import { openConnection } from '../../../db/connection';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { resolveSyncConfig, type SyncConfig } from '../../../electron/sync/config';
import { CreateLedger } from '../../../electron/sync/create-once';
import { createGhlTransportFactory } from '../../../electron/sync/ghl-transport';
import { SyncRunner } from '../../../electron/sync/runner';
import { SyncStore } from '../../../electron/sync/sync-store';
import type Database from 'better-sqlite3';
import { placeAllLeads } from '../../helpers/jobs';
import { syncClock } from './world';

export interface InProcessRunner {
  runner: SyncRunner;
  db: Database.Database;
  warnings: string[];
  /** Resolves true at the first idle report, false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

export function startInProcessRunner(
  dbFile: string,
  options: { token: string; config: Partial<SyncConfig>; busyTimeoutMs?: number; jobs?: (db: Database.Database) => JobQueue; now?: () => number },
): InProcessRunner {
  const db = openConnection(dbFile);
  // The worker thread places leads in their time zone before any claim; this runner has no such pass.
  placeAllLeads(db);
  if (options.busyTimeoutMs !== undefined) db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  const store = new SyncStore(db);
  const config = resolveSyncConfig(options.config);
  const warnings: string[] = [];
  let isIdle = false;
  const runner = new SyncRunner({
    jobs: options.jobs?.(db) ?? new JobQueue(db),
    store,
    ledger: new CreateLedger(db),
    config,
    owner: `test-${process.pid}`,
    companyIds: null,
    now: options.now ?? syncClock,
    createTransport: createGhlTransportFactory({ config, recordAttempts: (rows) => store.recordAttempts(rows) }),
    host: {
      getToken: async () => options.token,
      onProgress: () => {},
      onConnectivity: () => {},
      onIdle: () => {
        isIdle = true;
      },
      onWarning: (message) => warnings.push(message),
    },
  });
  runner.start();
  return {
    runner,
    db,
    warnings,
    async idle(timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (!isIdle && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      return isIdle;
    },
    async stop() {
      await runner.stop();
      db.close();
    },
  };
}
