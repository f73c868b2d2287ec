/**
 * A small file kept in the data folder so that, when the disk fills during an import, there is room to
 * record what happened: the import deletes it, then writes the batch's end ("the disk is full; N rows
 * kept") instead of failing a second time on that very write. It comes back at the next import.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

const RESERVE_BYTES = 1024 * 1024;
const reservePath = (dataDir: string) => join(dataDir, '.disk-reserve');

/**
 * Best effort: on a disk too full for it, what was kept stays. Written whole beside it and renamed over it: written
 * in place on a nearly full disk, a short file stayed, and counted as there at every import after (it was made
 * only when missing).
 */
export function ensureDiskReserve(dataDir: string): void {
  const path = reservePath(dataDir);
  try {
    if (statSync(path).size >= RESERVE_BYTES) return;
  } catch {
    // none yet
  }
  // Named per thread: the app's import and an `rlm import` may both make it at once.
  const partial = `${path}.${process.pid}-${threadId}.partial`;
  try {
    // Random, not zeros: a compressing file system (btrfs, ZFS, NTFS) stores zeros in next to nothing.
    writeFileSync(partial, randomBytes(RESERVE_BYTES));
    renameSync(partial, path);
  } catch {
    rmSync(partial, { force: true });
  }
}

export function releaseDiskReserve(dataDir: string): void {
  rmSync(reservePath(dataDir), { force: true });
}
