/**
 * Entry of the sync worker thread: its own SQLite connection, the runner, and the message bridge
 * to the main thread. Keys come from main on request (main owns the keychain session).
 */
import { openConnection } from '../../db/connection';
import { parentPort, workerData } from 'node:worker_threads';
import { createGhlTransportFactory } from './ghl-transport';
import { JobQueue } from '../core/jobs/job-queue';
import { SyncStore } from './sync-store';
import { SyncRunner } from './runner';
import { CreateLedger } from './create-once';
import type { FromWorker, ToWorker, WorkerStartData } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('worker-entry must run in a worker thread');
const send = (message: FromWorker) => port.postMessage(message);

const data = workerData as WorkerStartData;
const db = openConnection(data.dbFile);
const store = new SyncStore(db);
const jobs = new JobQueue(db);
let nextRequestId = 1;
const waitingTokens = new Map<number, (token: string | null) => void>();

const runner = new SyncRunner({
  jobs,
  store,
  ledger: new CreateLedger(db),
  config: data.config,
  owner: data.owner,
  companyIds: data.companyIds,
  createTransport: createGhlTransportFactory({ config: data.config, recordAttempts: (rows) => store.recordAttempts(rows) }),
  host: {
    getToken: (companyId) =>
      new Promise((resolve) => {
        const requestId = nextRequestId++;
        waitingTokens.set(requestId, resolve);
        send({ type: 'token-request', requestId, companyId });
      }),
    onProgress: (progress) => send({ type: 'progress', progress }),
    onConnectivity: (snapshot) => send({ type: 'connectivity', snapshot }),
    onIdle: (progress) => send({ type: 'idle', progress }),
    onWarning: (message) => send({ type: 'warning', message }),
  },
});

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'pause':
      return runner.pause();
    case 'resume':
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
      void runner
        .stop()
        .then(() => {
          db.close();
          send({ type: 'stopped' });
        })
        .catch((error: unknown) => send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) }));
  }
});

try {
  runner.start();
} catch (error) {
  send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
}
