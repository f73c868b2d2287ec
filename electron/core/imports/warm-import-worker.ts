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
import { IdleThread } from '../workers/idle-thread';
import { workerLocation } from '../workers/worker-location';

let waiting: { thread: IdleThread; href: string } | null = null;

/** Starts the import worker (and its parse thread) the next import will use, unless one is waiting already; returns the one waiting. */
export function warmUpImportWorker(): Worker {
  if (waiting && !waiting.thread.isGone()) return waiting.thread.worker;
  const url = workerLocation('import-worker');
  const thread = new IdleThread(new Worker(url, { workerData: null }));
  thread.worker.unref();
  waiting = { thread, href: url.href };
  return thread.worker;
}

/** The waiting worker, if it runs the code at `url`; the caller attaches its listeners and posts the job. */
export function takeWarmImportWorker(url: URL): Worker | null {
  const warm = waiting;
  if (!warm || warm.thread.isGone() || warm.href !== url.href) return null;
  waiting = null;
  const worker = warm.thread.adopt();
  worker.ref();
  return worker;
}

/** Whether a started worker waits for an import (tests: it must not hold its process open). */
export function warmImportWorkerIsWaiting(): boolean {
  return waiting !== null && !waiting.thread.isGone();
}

/** Ends a warm worker no import took (the command failed before importing, or only looked at the file). */
export async function discardWarmImportWorker(): Promise<void> {
  const warm = waiting;
  waiting = null;
  if (warm && !warm.thread.isGone()) await warm.thread.worker.terminate();
}
