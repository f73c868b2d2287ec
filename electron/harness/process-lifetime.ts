/** The lifetime of a long-running command (`npm run web`, `npm run demo`): started by `main`, stopped by a signal. */

interface Closable {
  close(): Promise<void>;
}

/** On Ctrl-C or SIGTERM: closes each in order (the harness before the backend it serves), then exits. */
export function stopOnSignals(...closables: Closable[]): void {
  const stop = async () => {
    for (const closable of closables) await closable.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** Runs the command; a failure is printed as its message alone and exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
