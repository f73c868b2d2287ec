/**
 * Sending that cannot save: every write of the sync fails (here another program holds the database's write lock
 * past the sync's busy timeout; a full disk fails the same way). The runner only logged it: the dashboard said
 * "Sending" and `rlm sync --until-idle` waited for ever (a review). Now it gives up with the cause, exit 1.
 * A real `rlm` process, the real keychain and the GHL simulator on a real port.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useNodeProcesses } from '../../helpers/node-process';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';
import { fastConfig, LOCATIONS, startSim } from '../sync/world';

describe('rlm sync --until-idle when sending cannot save', { timeout: 90_000 }, () => {
  const tempDir = useTempDirs();
  const start = useNodeProcesses();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('gives up with the cause (db-busy, exit 1) instead of waiting for ever, and says the leads still wait', async () => {
    // Slow enough that the lock is taken while most leads still wait.
    sim = await startSim({ latencyMs: 150 });
    const dir = tempDir();
    const loc = LOCATIONS[0];
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', sim.url, '--json'])).code).toBe(0);
    expect((await rlm(dir, ['company', 'set-key', '--company', loc.name, '--json'], `${loc.token}\n`)).code).toBe(0);
    const file = join(dir, 'leads.csv');
    writeFileSync(file, `Name,Mobile\n${Array.from({ length: 40 }, (_, i) => `Lead ${i},(512) 555-01${String(10 + i)}`).join('\n')}\n`);
    expect((await rlm(dir, ['import', file, '--company', loc.name, '--json'])).code).toBe(0);

    const tuning = { ...fastConfig, busyTimeoutMs: 200, storageGiveUpMs: 1_500 };
    const sync = start('rlm.mjs', ['--data-dir', dir, 'sync', '--until-idle', '--timeout', '60', '--json'], { ...process.env, RLM_SYNC_TUNING: JSON.stringify(tuning) });
    const until = Date.now() + 30_000;
    while (sim.contacts(loc.id).length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sim.contacts(loc.id).length, 'the sync began sending').toBeGreaterThan(0);

    // Another program takes the write lock and keeps it: every write of the sync fails from now on.
    const other = new Database(join(dir, 'leads.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const [errorLine] = await sync.waitFor(/\{"error".*\}/, 30_000);
      const { error } = JSON.parse(errorLine) as { error: { code: string; message: string } };
      expect(error.code).toBe('db-busy');
      expect(error.message).toMatch(/^Nothing is being sent: another program keeps the database busy for more than 10 seconds at a time/);
      expect(error.message).toMatch(/Leads still wait: run rlm sync again once it is fixed\.$/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await expect(sync.stop('SIGCONT')).resolves.toBe(1);
    expect(sim.contacts(loc.id).length).toBeLessThan(40);
  });
});
