/**
 * Entry of the sync worker thread: its own SQLite connection, the runner, and the message bridge
 * to the main thread. Keys come from main on request (main owns the keychain session).
 */
import { openConnection } from '../../db/connection';
import { parentPort, workerData } from 'node:worker_threads';
import { RateLimiterRegistry } from '../ghl/rate-limiter';
import { createGhlTransportFactory } from './ghl-transport';
import { JobQueue } from '../core/jobs/job-queue';
import { JOBS_PER_WRITE } from '../core/jobs/queued-without-jobs';
import { LeadPlacement } from '../core/leads/lead-placement';
import { loadZipDirectory, type ZipDirectory } from '../pacing/zip-directory';
import { SyncStore } from './sync-store';
import { SyncRunner } from './runner';
import { CreateLedger } from './create-once';
import type { FromWorker, ToWorker, WorkerStartData } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('worker-entry must run in a worker thread');
const send = (message: FromWorker) => port.postMessage(message);

const data = workerData as WorkerStartData;
const db = openConnection(data.dbFile);
db.pragma(`busy_timeout = ${data.config.busyTimeoutMs}`);
const store = new SyncStore(db);
const jobs = new JobQueue(db);
const now = () => Date.now() + data.clockOffsetMs;
let nextRequestId = 1;
/** The last pause or resume taken (ToWorker): each report says it. */
let controlSeq = 0;
const waitingTokens = new Map<number, (token: string | null) => void>();

const runner = new SyncRunner({
  jobs,
  store,
  ledger: new CreateLedger(db),
  config: data.config,
  owner: data.owner,
  companyIds: data.companyIds,
  now,
  // The rate limiters read the runner's clock too: a daily-limit reset on another clock was already past
  // for the runner, which lifted the pause at once.
  createTransport: createGhlTransportFactory({ config: data.config, recordAttempts: (rows) => store.recordAttempts(rows), rateLimiters: new RateLimiterRegistry({ now }) }),
  host: {
    getToken: (companyId) =>
      new Promise((resolve) => {
        const requestId = nextRequestId++;
        waitingTokens.set(requestId, resolve);
        send({ type: 'token-request', requestId, companyId });
      }),
    onProgress: (progress) => send({ type: 'progress', progress, controlSeq }),
    onConnectivity: (snapshot) => send({ type: 'connectivity', snapshot }),
    onIdle: (progress) => send({ type: 'idle', progress, controlSeq }),
    onWarning: (message) => send({ type: 'warning', message }),
  },
});

if (data.startsPaused) runner.pause();

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'pause':
      controlSeq = message.controlSeq;
      return runner.pause();
    case 'resume':
      controlSeq = message.controlSeq;
      return runner.resume();
    case 'poke':
      return runner.poke();
    case 'key-changed':
      return runner.keyChanged(message.companyId);
    case 'token': {
      const resolve = waitingTokens.get(message.requestId);
      waitingTokens.delete(message.requestId);
      return resolve?.(message.token);
    }
    case 'stop':
      isStopping = true;
      clearInterval(placementTimer);
      void runner
        .stop()
        .then(() => {
          db.close();
          send({ type: 'stopped' });
        })
        .catch((error: unknown) => send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) }));
  }
});

// Leads are placed in their own time zone here, off the main thread: the ZIP tables cost ~90 MB and
// ~0.2 s to load, so they load only when a lead needs placing, and the app's UI never waits for them.
const placement = new LeadPlacement(db);
// An import's queued leads get their jobs here, after their placing (JobQueue.writeQueuedJobs), so those are born placed.
const queue = new JobQueue(db);
const hasUnplaced = db.prepare<[], { one: number }>('SELECT 1 AS one FROM leads WHERE time_zone_source IS NULL LIMIT 1');
let zips: ZipDirectory | null = null;
let isStopping = false;
async function placeLeads(): Promise<void> {
  if (isStopping || (!hasUnplaced.get() && !queue.hasQueuedWithoutJobs())) return;
  // Without the ZIP tables (a broken install) leads are still placed by phone or company: they must
  // not wait forever for a zone.
  zips ??= await loadZipDirectory().catch((error: unknown) => {
    send({ type: 'warning', message: `The ZIP code tables did not load; leads are placed by phone or company: ${error instanceof Error ? error.message : String(error)}` });
    return { lookup: () => null } satisfies ZipDirectory;
  });
  if (isStopping) return;
  const startedAt = performance.now();
  // Short write transactions, at most ~25 ms of them per turn, so the lanes' own writes never wait long.
  let placed = 0;
  do {
    const chunk = placement.placeChunk(zips, 500) + queue.writeQueuedJobs(JOBS_PER_WRITE);
    if (chunk === 0) break;
    placed += chunk;
  } while (performance.now() - startedAt < 25);
  // Placed leads may go now: a runner asleep until the next send time looks again (this connection's
  // own writes do not move the data version it watches).
  if (placed > 0) runner.poke();
}
let isPlacing = false;
const placementTimer = setInterval(() => {
  if (isPlacing) return;
  isPlacing = true;
  placeLeads()
    .catch((error: unknown) => send({ type: 'warning', message: `Placing leads in their time zone: ${error instanceof Error ? error.message : String(error)}` }))
    .finally(() => (isPlacing = false));
}, Math.max(50, data.config.pollMs));
placementTimer.unref();

// The leads waiting now are placed before the first claim, so they reach GHL with their zone.
void placeLeads()
  .catch((error: unknown) => send({ type: 'warning', message: `Placing leads in their time zone: ${error instanceof Error ? error.message : String(error)}` }))
  .finally(() => {
    if (isStopping) return;
    try {
      runner.start();
    } catch (error) {
      send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
    }
  });
