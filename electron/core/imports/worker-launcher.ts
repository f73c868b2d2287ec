import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import { workerLocation } from '../workers/worker-location';
import type { ErrorCode } from '../../../shared/ipc/result';
import { errorCodes } from '../../../shared/ipc/result';
import { takeWarmImportWorker } from './warm-import-worker';
import type { ParentMessage, ProgressMessage, WorkerJob, WorkerMessage } from './worker-protocol';

export interface RunningWorker<T> {
  cancel(): void;
  /** Settles with the job's result; rejects with an AppError if the worker failed or died. */
  done: Promise<T>;
}

const asErrorCode = (code: string): ErrorCode => ((errorCodes as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal');

/**
 * Where the import worker's code is. Callers resolve it before they record anything (a batch row):
 * a source run before `npm run build` throws here.
 */
export const importWorkerLocation = (): URL => workerLocation('import-worker');

export function launchWorker<T>(
  job: WorkerJob,
  onProgress: (progress: ProgressMessage) => void = () => {},
  url: URL = importWorkerLocation(),
): RunningWorker<T> {
  // An import takes the worker started ahead for it, if there is one (warm-import-worker.ts).
  const warm = job.kind === 'import' ? takeWarmImportWorker(url) : null;
  const worker = warm ?? new Worker(url, { workerData: job });
  let settled = false;
  const done = new Promise<T>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.result as T);
      } else {
        settled = true;
        reject(new AppError(asErrorCode(message.error.code), message.error.message));
      }
    });
    worker.on('error', (error) => {
      if (!settled) reject(new AppError('internal', `The import stopped unexpectedly: ${error.message}`));
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new AppError('internal', `The import stopped unexpectedly (worker exit code ${code}).`));
      settled = true;
    });
  });
  // After the listeners: a warm worker may answer as soon as it has its job.
  if (warm) warm.postMessage({ type: 'start', job } satisfies ParentMessage);
  return { cancel: () => worker.postMessage({ type: 'cancel' } satisfies ParentMessage), done };
}
