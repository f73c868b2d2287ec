/**
 * `rlm company set-key` takes the GHL location's time zone before it exits, as README promises ("when the
 * key is saved or tested"): the app asks in the background, and the CLI used to exit first, so plans and
 * the daily count kept this computer's zone until a `company test`. Real process, the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';
import { LOCATIONS, startSim } from '../sync/world';

describe('rlm company set-key', () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('adopts the location’s time zone before it exits, and says so', async () => {
    sim = await startSim();
    sim.setTimezone(LOCATIONS[0].id, 'America/Phoenix');
    const dir = tempDir();
    const loc = LOCATIONS[0];
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', sim.url, '--json'])).code).toBe(0);
    const saved = await rlm(dir, ['company', 'set-key', '--company', loc.name], `${loc.token}\n`);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('Time zone America/Phoenix, from your GHL location.');
    const [company] = JSON.parse((await rlm(dir, ['company', 'list', '--json'])).stdout) as Array<{ schedule: { timeZone: string }; timeZoneSource: string }>;
    expect(company).toMatchObject({ schedule: { timeZone: 'America/Phoenix' }, timeZoneSource: 'ghl' });
  });

  // A new GHL address drops the saved key (a key is sent only where it was saved for), and `company set` said
  // nothing of it: the next `rlm sync` found "no GHL API key is saved".
  it('says so when a new GHL address removed the saved key', async () => {
    sim = await startSim();
    const dir = tempDir();
    const loc = LOCATIONS[0];
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', sim.url, '--json'])).code).toBe(0);
    expect((await rlm(dir, ['company', 'set-key', '--company', loc.name], `${loc.token}\n`)).code).toBe(0);
    const moved = await rlm(dir, ['company', 'set', '--company', loc.name, '--ghl-url', 'http://127.0.0.1:9']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain('the API key was removed from the keychain');
    expect(moved.stdout).toContain('rlm company set-key --company 1');
    const renamed = await rlm(dir, ['company', 'set', '--company', loc.name, '--name', 'Alpha Roofing LLC']);
    expect(renamed.stdout).not.toContain('API key was removed');
  });
});
