/**
 * Worker-thread entry (node:worker_threads): runs one import or preview on its own SQLite
 * connection, so parsing, validation and inserts never block the main process.
 * Built as the entry `import-worker` (out/main/ by electron-vite, out/node/ by scripts/build-node.ts); see core/workers/worker-location.ts.
 */
import { openConnection } from '../../../db/connection';
import { parentPort, workerData } from 'node:worker_threads';
import { ImportFileError } from '../../parsing/import-file-error';
import { prestartParseThread } from './parsed-chunks';
import { runImport } from './run-import';
import type { ParentMessage, WorkerJob, WorkerMessage } from './worker-protocol';

// 8 MB of page cache: enough for the unique indexes' upper levels; 32 MB pushed a 1M-row import past 300 MB RSS.
const IMPORT_CACHE_KIB = 8000;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('import-worker must run in a worker thread');
  // Started warm (warm-import-worker.ts: workerData null), the job comes as the first message; meanwhile the
  // parse thread loads its code too. Only imports are given to a warm worker.
  const idleParse = workerData === null ? prestartParseThread() : null;
  const controller = new AbortController();
  const started = Promise.withResolvers<WorkerJob>();
  port.on('message', (message: ParentMessage) => {
    if (message.type === 'start') started.resolve(message.job);
    else if (message.type === 'cancel') controller.abort();
  });
  const job = (workerData as WorkerJob | null) ?? (await started.promise);
  if (job.kind !== 'import') void idleParse?.worker.terminate();
  const send = (message: WorkerMessage) => port.postMessage(message);
  const hooks = { signal: controller.signal, onProgress: (progress: Omit<Extract<WorkerMessage, { type: 'progress' }>, 'type'>) => send({ type: 'progress', ...progress }) };
  if (job.kind === 'sniff') {
    try {
      const { sniffAnyFile } = await import('../../parsing/row-source');
      send({ type: 'done', result: await sniffAnyFile(job.path, { sheet: job.sheet, hasHeader: job.hasHeader }) });
    } catch (error) {
      send({ type: 'failed', error: { code: error instanceof ImportFileError ? 'bad-file' : 'internal', message: error instanceof Error ? error.message : String(error) } });
    } finally {
      port.close();
    }
    return;
  }
  const client = openConnection(job.databasePath, { readonly: job.kind === 'preview', cacheKiB: IMPORT_CACHE_KIB });
  try {
    const result = job.kind === 'import' ? await runImport(client, job, hooks, idleParse) : await (await import('./run-preview')).runPreview(client, job, hooks);
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
