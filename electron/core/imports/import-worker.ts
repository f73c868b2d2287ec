/**
 * Worker-thread entry (node:worker_threads): runs one import or preview on its own SQLite
 * connection, so parsing, validation and inserts never block the main process.
 * Bundled as `import-worker` beside the main bundle; from source it runs through tsx.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { ImportFileError } from '../../import/import-file-error';
import { runImport } from './run-import';
import { runPreview } from './run-preview';
import type { ParentMessage, WorkerJob, WorkerMessage } from './worker-protocol';

function openConnection(path: string, readonly: boolean): Database.Database {
  const client = new Database(path, { readonly, fileMustExist: true });
  client.pragma('busy_timeout = 10000');
  client.pragma('foreign_keys = ON');
  if (!readonly) client.pragma('synchronous = NORMAL');
  // 8 MB of page cache: enough for the unique indexes' upper levels; 32 MB pushed a 1M-row import past 300 MB RSS.
  client.pragma('cache_size = -8000');
  return client;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('import-worker must run in a worker thread');
  const job = workerData as WorkerJob;
  const controller = new AbortController();
  port.on('message', (message: ParentMessage) => {
    if (message.type === 'cancel') controller.abort();
  });
  const send = (message: WorkerMessage) => port.postMessage(message);
  const hooks = { signal: controller.signal, onProgress: (progress: Omit<Extract<WorkerMessage, { type: 'progress' }>, 'type'>) => send({ type: 'progress', ...progress }) };
  const client = openConnection(job.databasePath, job.kind === 'preview');
  try {
    const result = job.kind === 'import' ? await runImport(client, job, hooks) : await runPreview(client, job, hooks);
    send({ type: 'done', result });
  } catch (error) {
    const code = error instanceof ImportFileError ? 'bad-file' : controller.signal.aborted ? 'cancelled' : 'internal';
    send({ type: 'failed', error: { code, message: error instanceof Error ? error.message : String(error) } });
  } finally {
    client.close();
    port.close();
  }
}

void main();
