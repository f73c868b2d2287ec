/**
 * `rlm sync` in a terminal that closes (SIGHUP): it stopped by the signal's default, without stopping its runner or
 * giving back the runner lock, as `npm run demo` and `npm run web` did (a review). It now stops as at Ctrl-C: exit
 * 130, its lock given back at once, so the app or the next `rlm sync` need not wait for it to go stale.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useNodeProcesses } from '../../helpers/node-process';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';
import { fastConfig } from '../sync/world';

describe('rlm sync when its terminal closes', () => {
  const tempDir = useTempDirs();
  const start = useNodeProcesses();

  it.each(['SIGHUP', 'SIGTERM'] as const)('%s: stops as at Ctrl-C (exit 130) and gives back the runner lock', async (signal) => {
    const dir = tempDir();
    expect((await rlm(dir, ['company', 'add', '--name', 'Acme Roofing', '--location-id', 'locAcmeHangup1', '--json'])).code).toBe(0);
    const sync = start('rlm.mjs', ['--data-dir', dir, 'sync'], { ...process.env, RLM_SYNC_TUNING: JSON.stringify(fastConfig) });
    const db = new Database(join(dir, 'leads.sqlite'), { readonly: true });
    try {
      const lock = db.prepare<[], string>(`SELECT value FROM app_meta WHERE key = 'sync.runner-lock'`).pluck();
      const until = Date.now() + 20_000;
      while (!lock.get() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lock.get(), 'rlm sync took the runner lock').toBeTruthy();
      await expect(sync.stop(signal)).resolves.toBe(130);
      expect(lock.get() ?? null).toBeNull();
    } finally {
      db.close();
    }
  });
});
