import type { Worker } from 'node:worker_threads';

/**
 * A worker thread started before its job is known (its code loads meanwhile): whether it died while it
 * waited, and its handover to the code that gives it the job. Until then an 'error' of its own must not be
 * an unhandled event, and only means a new thread is started instead.
 */
export class IdleThread {
  private hasGone = false;

  constructor(readonly worker: Worker) {
    const gone = () => (this.hasGone = true);
    worker.on('error', gone).on('exit', gone);
  }

  isGone(): boolean {
    return this.hasGone;
  }

  /** The thread, whose 'error' and 'exit' are the caller's from now on. Events come between turns of the event loop: none is lost between here and the caller's listeners. */
  adopt(): Worker {
    return this.worker.removeAllListeners('error').removeAllListeners('exit');
  }
}
