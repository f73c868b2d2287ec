/**
 * A small file kept in the data folder so that, when the disk fills during an import, there is room to
 * record what happened: the import deletes it, then writes the batch's end ("the disk is full; N rows
 * kept") instead of failing a second time on that very write. It comes back at the next import.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RESERVE_BYTES = 1024 * 1024;
const reservePath = (dataDir: string) => join(dataDir, '.disk-reserve');

/** Best effort: on a disk already too full for it, there is nothing to keep. */
export function ensureDiskReserve(dataDir: string): void {
  try {
    writeFileSync(reservePath(dataDir), Buffer.alloc(RESERVE_BYTES), { flag: 'wx' });
  } catch {
    // already there, or no room
  }
}

export function releaseDiskReserve(dataDir: string): void {
  rmSync(reservePath(dataDir), { force: true });
}
