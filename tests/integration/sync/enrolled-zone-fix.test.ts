/**
 * A lead enrolled while a placement rule was wrong kept the wrong `timezone` on its GHL contact, and GHL times the
 * campaign's later steps by it: a Texas lead with a New York ZIP, placed on New York's clock before migration 0049,
 * could get a follow-up at 07:00 in Dallas. Migration 0050 places enrolled leads again; the sync sends a contact whose
 * zone changed once more (an upsert: never a second enrolment), and leaves the others alone.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { forgetMigrationsFrom } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';
import { LOCATIONS, addCompany, assertOneContactAndOneTagPerLead, startSim, syncUntilIdle, SYNC_CLOCK } from './world';

describe('leads enrolled under an old placement rule', () => {
  const backends = useBackends();
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('get their GHL contact sent again with the new zone after the upgrade, enrolled once; the others are not sent again', async () => {
    sim = await startSim({ latencyMs: 2 });
    const dir = tempDir();
    // One keychain for both starts, as on one computer.
    const options = { ...SYNC_CLOCK, secrets: new OsKeychain(`rlm-test-${randomUUID()}`) };
    const backend = backends.open(dir, options);
    const companyId = await addCompany(backend, sim, 0);
    const create = async (lead: Record<string, unknown>) => {
      const created = await backend.call('leads:create', { companyId, ...lead });
      if (!created.ok) throw new Error(created.error.message);
      return created.value.id;
    };
    // A Dallas mobile and a Texas row with a New York ZIP: today placed on Dallas's clock (the phone breaks the tie).
    const texan = await create({ firstName: 'Tex', phone: '(214) 555-0142', state: 'TX', postalCode: '10001', email: 'tex@roofmail.net' });
    // Placed the same way by every rule: Beverly Hills.
    const steady = await create({ firstName: 'Bev', phone: '(212) 555-0143', postalCode: '90210', email: 'bev@roofmail.net' });
    await syncUntilIdle(backend);
    const contact = (email: string) => sim!.contacts(LOCATIONS[0].id).find((c) => c.email === email)!;
    expect(contact('tex@roofmail.net').timezone).toBe('America/Chicago');

    // As the app before 0049 left it: the Texan placed on New York's clock as sure, and enrolled with that zone.
    const db = backend.ctx.db.$client;
    db.prepare(`UPDATE leads SET time_zone = 'America/New_York', time_zone_source = 'zip', rule_state = 'NY' WHERE id = ?`).run(texan);
    contact('tex@roofmail.net').timezone = 'America/New_York';
    // The upgrade: the next start runs migration 0050 (the database forgets it had run).
    forgetMigrationsFrom(db, '_place_enrolled_leads_again');
    await backend.close();
    const writesBefore = { texan: sim.writes(contact('tex@roofmail.net').id).length, steady: sim.writes(contact('bev@roofmail.net').id).length };

    const upgraded = backends.open(dir, options);
    const lead = (id: number) =>
      upgraded.ctx.db.$client.prepare('SELECT status, time_zone AS timeZone, time_zone_source AS source FROM leads WHERE id = ?').get(id);
    expect(lead(texan)).toEqual({ status: 'synced', timeZone: 'America/New_York', source: null });
    await syncUntilIdle(upgraded);

    expect(lead(texan)).toMatchObject({ status: 'synced', timeZone: 'America/Chicago' });
    expect(contact('tex@roofmail.net').timezone).toBe('America/Chicago');
    expect(sim.writes(contact('tex@roofmail.net').id).length).toBe(writesBefore.texan + 1);
    expect(sim.writes(contact('tex@roofmail.net').id).at(-1)?.body).toMatchObject({ timezone: 'America/Chicago' });
    // Placed again too, on the same clock: nothing to tell GHL.
    expect(lead(steady)).toMatchObject({ status: 'synced', timeZone: 'America/Los_Angeles' });
    expect(sim.writes(contact('bev@roofmail.net').id).length).toBe(writesBefore.steady);
    // Enrolled once each, before and after.
    expect(assertOneContactAndOneTagPerLead(sim, LOCATIONS[0].id, 2)).toEqual([]);
    expect(sim.duplicates()).toEqual([]);
  });
});
