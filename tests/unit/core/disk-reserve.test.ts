import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDiskReserve, releaseDiskReserve } from '../../../electron/core/disk-reserve';

describe('the disk reserve', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlm-reserve-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is a whole megabyte, made again after an import used it', () => {
    const dir = dataDir();
    ensureDiskReserve(dir);
    expect(statSync(join(dir, '.disk-reserve')).size).toBe(1024 * 1024);
    releaseDiskReserve(dir);
    expect(existsSync(join(dir, '.disk-reserve'))).toBe(false);
    ensureDiskReserve(dir);
    expect(statSync(join(dir, '.disk-reserve')).size).toBe(1024 * 1024);
  });

  // Written on a nearly full disk, the file stayed short, and "already there" kept it short for good.
  it('left short by a full disk, is made whole once there is room', () => {
    const dir = dataDir();
    writeFileSync(join(dir, '.disk-reserve'), Buffer.alloc(4096));
    ensureDiskReserve(dir);
    expect(statSync(join(dir, '.disk-reserve')).size).toBe(1024 * 1024);
    expect(readdirSync(dir)).toEqual(['.disk-reserve']);
  });
});
