/**
 * The data folder holds every customer's name, phone and notes: created by the app, it is the user's alone
 * (0700), not readable by the machine's other accounts as the default umask left it (0755). A folder that
 * already exists keeps the mode its owner gave it.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../electron/core/data-dir';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('is created for the user alone, and an existing one keeps its mode', () => {
    const root = mkdtempSync(join(tmpdir(), 'rlm-data-dir-'));
    made.push(root);
    const fresh = resolveDataDir(join(root, 'a', 'Roofing Lead Manager'));
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const shared = join(root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o750);
    expect(statSync(resolveDataDir(shared)).mode & 0o777).toBe(0o750);
  });
});
