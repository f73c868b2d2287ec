/** The lifetime of a long-running command (`npm run web`, `npm run demo`): started by `main`, stopped by a signal. */
import { rmSync } from 'node:fs';

interface Closable {
  close(): Promise<void>;
}

/**
 * On Ctrl-C, SIGTERM or SIGHUP (the terminal window closed): closes each in order (the harness before the backend it
 * serves), then exits. SIGHUP's default killed the process without closing its database or removing the demo's key.
 * A second signal while closing does not close twice.
 */
export function stopOnSignals(...closables: Closable[]): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const closable of closables) await closable.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
}

/** Runs the command; a failure is printed as its message alone and exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

/**
 * Deletes a folder this process made for itself when the process ends, however it ends: a signal
 * (stopOnSignals exits after closing), a failure (runMain exits 1) or a normal end. 'exit' runs
 * synchronously after the backend closed, so nothing is writing into it any more.
 */
export function removeOnExit(folder: string): void {
  process.once('exit', () => {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // Nothing more can be done while exiting; the OS cleans its temporary folder eventually.
    }
  });
}
