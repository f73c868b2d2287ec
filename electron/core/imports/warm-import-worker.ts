/**
 * An import worker started before its job is known, so that its start-up overlaps with the caller's own.
 * A thread takes ~100 ms to load its code, and its parse thread ~125 ms more; started together with the
 * import, they were ~0.3 s of every `rlm import` before the first row was written. `rlm import` starts one
 * before it loads the backend (~0.2 s) and reads the file's header; the warm worker starts its parse thread
 * at once, and both wait for the job (ParentMessage 'start').
 *
 * At most one waits, per process. The next import takes it (worker-launcher.ts); sniffs and previews never
 * do. One nobody takes is ended by discardWarmImportWorker(), and never keeps a process alive meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { workerLocation } from '../workers/worker-location';

interface WarmWorker {
  worker: Worker;
  href: string;
  isGone: boolean;
}

let waiting: WarmWorker | null = null;

/** Starts the import worker (and its parse thread) the next import will use, unless one is waiting already; returns the one waiting. */
export function warmUpImportWorker(): Worker {
  if (waiting && !waiting.isGone) return waiting.worker;
  const url = workerLocation('import-worker');
  const warm: WarmWorker = { worker: new Worker(url, { workerData: null }), href: url.href, isGone: false };
  // Until an import takes it, a failure only means the import starts a worker of its own.
  const gone = () => (warm.isGone = true);
  warm.worker.on('error', gone).on('exit', gone);
  warm.worker.unref();
  waiting = warm;
  return warm.worker;
}

/** The waiting worker, if it runs the code at `url`; the caller attaches its listeners and posts the job. */
export function takeWarmImportWorker(url: URL): Worker | null {
  const warm = waiting;
  if (!warm || warm.isGone || warm.href !== url.href) return null;
  waiting = null;
  // Events come between turns of the event loop, not while this runs: none is lost between here and the caller's listeners.
  warm.worker.removeAllListeners('error').removeAllListeners('exit');
  warm.worker.ref();
  return warm.worker;
}

/** Whether a started worker waits for an import (tests: it must not hold its process open). */
export function warmImportWorkerIsWaiting(): boolean {
  return waiting !== null && !waiting.isGone;
}

/** Ends a warm worker no import took (the command failed before importing, or only looked at the file). */
export async function discardWarmImportWorker(): Promise<void> {
  const warm = waiting;
  waiting = null;
  if (warm && !warm.isGone) await warm.worker.terminate();
}
