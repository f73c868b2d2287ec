/**
 * `rlm sync` counts a customer's opt-out on its way to GHL apart from the leads still to go: "1 pending" and "1 lead(s)
 * wait for the connection" were said of a STOP whose do-not-disturb GHL had not got yet, with no lead left to text.
 * Real `rlm` processes, the real keychain and the GHL simulator on a real port.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';
import { LOCATIONS, startSim } from '../sync/world';

describe('rlm sync counts opt-outs apart from leads', { timeout: 90_000 }, () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('an opt-out waiting for the connection is no pending lead', async () => {
    sim = await startSim();
    const dir = tempDir();
    const loc = LOCATIONS[0];
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', sim.url, '--json'])).code).toBe(0);
    expect((await rlm(dir, ['company', 'set-key', '--company', loc.name, '--json'], `${loc.token}\n`)).code).toBe(0);
    expect((await rlm(dir, ['lead', 'add', '--company', loc.name, '--first-name', 'Ann', '--phone', '(512) 555-0110', '--json'])).code).toBe(0);
    const sent = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(sent.code, sent.stderr).toBe(0);
    // Ann texts STOP once she is in GHL: her do-not-disturb is to go there, while GHL cannot be reached.
    expect((await rlm(dir, ['optout', 'add', '--phone', '(512) 555-0110', '--reason', 'STOP'])).code).toBe(0);
    await sim.setOffline(true);
    const json = await rlm(dir, ['sync', '--until-idle', '--timeout', '4', '--json']);
    expect(json.code, json.stderr).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({ pending: 0, optOutsPending: 1, connectivity: 'offline' });
    const human = await rlm(dir, ['sync', '--until-idle', '--timeout', '4']);
    expect(human.code).toBe(4);
    expect(human.stdout).toMatch(/0 pending, 1 opt-out to pass to GHL\./);
    expect(human.stdout).toContain('1 opt-out(s) wait for the connection');
    expect(human.stdout).not.toMatch(/1 lead\(s\) wait/);
    // A sync killed while her opt-out was on its way: rlm status names it so, not as a lead being sent.
    const db = new Database(join(dir, 'leads.sqlite'));
    try {
      db.prepare(`UPDATE sync_jobs SET state = 'running', lease_owner = 'dead-runner', lease_expires_at = ? WHERE state = 'queued'`).run(Date.now() + 60_000);
    } finally {
      db.close();
    }
    expect((await rlm(dir, ['status'])).stdout).toMatch(/^1 opt-out\(s\) were being sent by a sync that stopped/m);
  });
});
