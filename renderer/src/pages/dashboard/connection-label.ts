import type { z } from 'zod';
import type { connectivitySchema } from '../../../../shared/ipc/sync';

type Connectivity = z.infer<typeof connectivitySchema>;

/** The "Sending to GHL" card's word on the connection, from the last call's answer and whether anything sends. */
export function connectionLabel(connectivity: Connectivity | null | undefined, runner: { state: string; heldBy: unknown }): string {
  if (connectivity?.state === 'online') return 'Online';
  if (connectivity?.state === 'offline') return 'Offline';
  if ((connectivity?.lastState === undefined || connectivity.lastState === 'unknown') && !connectivity?.lastSuccessAt) return 'Connection not checked yet';
  // Sending runs (here or in another program) but has not called GHL since it started: "no sync runs" read as "nothing
  // is sending" while five leads went 15 seconds later (a review).
  if (runner.state === 'paused') return 'Connection not checked: sending is paused';
  return runner.state !== 'stopped' || runner.heldBy ? 'Connection not checked since sending started' : 'Connection not checked now: no sync runs';
}
