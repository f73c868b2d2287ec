import { hostname } from 'node:os';
import { isProcessAlive } from '../../lib/process-alive';

/**
 * Who runs an import batch: app_meta `import-owner:<batchId>` holds the process and its last sign of life. A
 * batch is only "interrupted" when its owner is gone, so the desktop app leaves alone the batch `rlm import`
 * runs, and a staged restore waits for it.
 *
 * The pid alone was not enough: after a crash the system can give that pid to an unrelated program, and the
 * batch stayed "running" as long as that program ran (and a staged restore waited for it). The import writes a
 * heartbeat with every chunk it commits (run-import.ts); one older than OWNER_STALE_MS ends the claim.
 * Kept free of drizzle and zod: the import worker thread loads it.
 */
export const IMPORT_OWNER_PREFIX = 'import-owner:';

export const importOwnerKey = (batchId: number): string => `${IMPORT_OWNER_PREFIX}${batchId}`;

/**
 * Far longer than any wait between two chunks (a chunk holds the write lock ~40 ms; the first one waits for
 * the file's first rows), short enough that a batch left by a crash does not look alive for long.
 */
export const IMPORT_OWNER_STALE_MS = 10 * 60_000;

interface ImportOwner {
  pid: number;
  host: string;
  heartbeatAt: number;
}

/** This process as a batch's owner, alive at `now`. */
export function importOwnerValue(now: number = Date.now()): string {
  return JSON.stringify({ pid: process.pid, host: hostname(), heartbeatAt: now } satisfies ImportOwner);
}

function parseOwner(value: string): Partial<ImportOwner> {
  // Before the heartbeat the value was the bare pid (a batch started by an older version).
  if (/^\d+$/.test(value)) return { pid: Number(value) };
  try {
    return JSON.parse(value) as Partial<ImportOwner>;
  } catch {
    return {};
  }
}

/** A batch's owner is another process still alive, with a recent heartbeat: its import runs on. */
export function isLiveImportOwner(value: string | undefined, now: number = Date.now()): boolean {
  if (value === undefined) return false;
  const owner = parseOwner(value);
  if (typeof owner.heartbeatAt === 'number' && now - owner.heartbeatAt > IMPORT_OWNER_STALE_MS) return false;
  // A process on another computer (a shared folder) cannot be asked; its fresh heartbeat speaks for it.
  if (owner.host !== undefined && owner.host !== hostname()) return typeof owner.heartbeatAt === 'number';
  const pid = owner.pid;
  return typeof pid === 'number' && Number.isInteger(pid) && pid !== process.pid && isProcessAlive(pid);
}
