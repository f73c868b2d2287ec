/**
 * `rlm import --mapping auto` reads the location's custom fields once and maps the columns named like
 * them; without GHL it says so and imports the rest. Real `rlm` processes, the real keychain, the simulator.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { projectRoot } from '../../helpers/node-process';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';
import { LOCATIONS, startSim } from '../sync/world';

const fixture = join(projectRoot, 'tests/fixtures/import/jobnimbus-export.csv');

describe('rlm import with GHL custom fields', { timeout: 120_000 }, () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  async function company(dir: string, url: string): Promise<void> {
    const loc = LOCATIONS[0];
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', url, '--json'])).code).toBe(0);
    expect((await rlm(dir, ['company', 'set-key', '--company', loc.name, '--json'], `${loc.token}\n`)).code).toBe(0);
  }

  it('maps Insurance Company and Claim # to the fields of those names, and the sync sends them', async () => {
    sim = await startSim();
    const dir = tempDir();
    await company(dir, sim.url);
    const imported = await rlm(dir, ['import', fixture, '--company', LOCATIONS[0].name, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    // The custom fields were read: the one note left is the column no field (nor custom field) matches.
    expect(JSON.parse(imported.stdout).warnings).toEqual([expect.stringMatching(/^Not imported, no field matches: Sales Rep Name \(e\.g\. "Sam"\)\./)]);
    const synced = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(synced.code, synced.stderr).toBe(0);
    const idOf = (name: string) => sim!.customFields(LOCATIONS[0].id).find((f) => f.name === name)!.id;
    const eve = sim.contacts(LOCATIONS[0].id).find((c) => c.email === 'eve.adams@roofmail.net')!;
    expect(eve.customFields).toEqual(
      expect.arrayContaining([
        { id: idOf('Insurance Company'), value: 'State Farm' },
        { id: idOf('Claim Number'), value: 'CLM-1001' },
      ]),
    );
    expect(eve.customFields).toHaveLength(2);
  });

  it('offline: warns that the custom fields could not be read and imports the rest', async () => {
    sim = await startSim();
    const dir = tempDir();
    await company(dir, sim.url);
    await sim.setOffline(true);
    const imported = await rlm(dir, ['import', fixture, '--company', LOCATIONS[0].name, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const result = JSON.parse(imported.stdout);
    expect(result).toMatchObject({ imported: 2, rejected: 0 });
    expect(result.warnings).toEqual([
      expect.stringMatching(/^Could not read GHL's custom fields \(.*\)\. You can still import, but a column meant for one of them is left out/),
      expect.stringMatching(/^Not imported, no field matches: .*Insurance Company/),
    ]);
    // Without --json the same words go to stderr (the rows are duplicates by now).
    const human = await rlm(dir, ['import', fixture, '--company', LOCATIONS[0].name]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/Note: Could not read GHL's custom fields/);
  });
});
