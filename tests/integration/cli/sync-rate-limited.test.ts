/**
 * `rlm sync --until-idle --timeout` while GoHighLevel turns every call away with "Too Many Requests" (another app
 * using the location's limit) and asks for two minutes' wait: the run stopped only when its thread was terminated,
 * 15 s past its timeout (the call's wait for its turn went on), and said only "Stopped at the timeout". Real `rlm`
 * processes, the real keychain and the GHL simulator on a real port.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';
import { LOCATIONS, startSim } from '../sync/world';

describe('rlm sync while GHL answers every call with a 429', { timeout: 120_000 }, () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('stops at its timeout, drops the calls still waiting unsent, and names the rate limit', async () => {
    sim = await startSim();
    const dir = tempDir();
    const loc = LOCATIONS[0];
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', sim.url, '--json'])).code).toBe(0);
    expect((await rlm(dir, ['company', 'set-key', '--company', loc.name, '--json'], `${loc.token}\n`)).code).toBe(0);
    for (let i = 0; i < 3; i++) {
      const added = await rlm(dir, ['lead', 'add', '--company', loc.name, '--first-name', `Lead${i}`, '--phone', `(512) 555-01${String(10 + i)}`, '--json']);
      expect(added.code, added.stderr).toBe(0);
    }
    // Every call the sync makes, with a Retry-After of two minutes (under ten: no pause of the company).
    sim.addFaultRule({ route: /^POST /, kind: '429', probability: 1, retryAfterSec: 120 });
    const started = Date.now();
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '5', '--json']);
    // Start-up and the stop's own end: the old code took 20 s (the thread terminated 15 s after the stop).
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(run.code, run.stderr).toBe(4);
    // GHL answered (with 429s): the connection works, though no call of the run ended (it said "unknown").
    expect(JSON.parse(run.stdout)).toMatchObject({ synced: 0, failed: 0, pending: 3, connectivity: 'online' });
    // Dropped unsent: no lead used a try, none failed.
    const db = new Database(join(dir, 'leads.sqlite'));
    try {
      expect(db.prepare('SELECT max(attempts) AS n, count(*) FILTER (WHERE state = ?) AS failed FROM sync_jobs').get('failed')).toEqual({ n: 0, failed: 0 });
      // The 429s began a minute and a half ago: a rate limit is named once it has lasted a minute, which this test need not wait for.
      db.prepare(
        `INSERT INTO sync_attempts (job_id, lead_id, company_id, operation, http_status, error_code, message, trace_id, duration_ms, at)
         VALUES (NULL, NULL, 1, 'upsertContact', 429, 'transient', 'Too Many Requests', NULL, 5, ?)`,
      ).run(Date.now() - 90_000);
    } finally {
      db.close();
    }
    const human = await rlm(dir, ['sync', '--until-idle', '--timeout', '5']);
    expect(human.code).toBe(4);
    expect(human.stdout).toMatch(/^Stopped at the timeout while GoHighLevel turned calls away \(too many requests\)/);
    expect(human.stdout).toContain('GoHighLevel asks the app to slow down (too many requests)');
    expect(human.stdout).toContain('No lead fails for a rate limit');
  });
});
