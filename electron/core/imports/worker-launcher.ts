import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import type { ErrorCode } from '../../../shared/ipc/result';
import { errorCodes } from '../../../shared/ipc/result';
import type { ProgressMessage, WorkerJob, WorkerMessage } from './worker-protocol';

/**
 * Where the worker code is. Source runs (tests, CLI via tsx) load `import-worker.ts` through tsx's
 * loader; the Electron build bundles it as the `import-worker` entry beside main (out/main/import-worker.cjs).
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // An absolute loader path: `--import tsx` would resolve from the cwd, which the CLI does not control.
    const tsxLoader = pathToFileURL(createRequire(here).resolve('tsx')).href;
    return { url: new URL('./import-worker.ts', here), execArgv: ['--import', tsxLoader] };
  }
  const dir = dirname(fileURLToPath(here));
  const bundled = here.endsWith('.js') ? 'import-worker.js' : 'import-worker.cjs';
  return { url: pathToFileURL(join(dir, bundled)), execArgv: [] };
}

export interface RunningWorker<T> {
  cancel(): void;
  /** Settles with the job's result; rejects with an AppError if the worker failed or died. */
  done: Promise<T>;
}

const asErrorCode = (code: string): ErrorCode => ((errorCodes as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal');

export function launchWorker<T>(job: WorkerJob, onProgress: (progress: ProgressMessage) => void = () => {}): RunningWorker<T> {
  const { url, execArgv } = workerEntry();
  const worker = new Worker(url, { workerData: job, execArgv });
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
  return { cancel: () => worker.postMessage({ type: 'cancel' }), done };
}
