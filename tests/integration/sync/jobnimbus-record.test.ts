/**
 * Issue #14's "done when", for notes and tags: a JobNimbus-shaped export imported and synced to the
 * simulator arrives whole — company, address line 2, the old tags beside the campaign tag, and exactly
 * one note per contact with the description, the extra phones and the old status, job type and date.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import type { InspectResult } from '../../../shared/ipc/imports';
import { useBackends } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, startSim, SYNC_CLOCK } from './world';

const fixture = join(__dirname, '../../fixtures/import/jobnimbus-export.csv');

describe('a JobNimbus export, imported and synced', () => {
  const { open } = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('reaches GHL with company, address line 2, old tags and one note per contact', async () => {
    sim = await startSim({ latencyMs: 1 });
    const backend = open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const inspected = await backend.dispatch('imports:inspect', { path: fixture, companyId });
    if (!inspected.ok) throw new Error(inspected.error.message);
    const inspect = inspected.value as InspectResult;
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const started = await backend.dispatch('imports:start', { path: fixture, companyId, options, mapping: inspect.mapping, tag: inspect.defaultTag });
    if (!started.ok) throw new Error(started.error.message);
    await backend.ctx.imports.finished((started.value as { batchId: number }).batchId);

    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();

    const contacts = sim.contacts(LOCATIONS[0].id);
    expect(contacts).toHaveLength(2);
    const byEmail = (email: string) => contacts.find((c) => c.email === email)!;
    const eve = byEmail('eve.adams@roofmail.net');
    const frank = byEmail('frank@roofmail.net');
    expect(eve).toMatchObject({ companyName: 'Oak Street HOA', address1: '100 Oak St, Apt 4B' });
    const campaignTag = inspect.defaultTag!.toLowerCase();
    expect([...eve.tags].sort()).toEqual(['2019', campaignTag, 'storm', 'vip'].sort());
    expect([...frank.tags].sort()).toEqual([campaignTag, 'repeat'].sort());

    const [eveNote, ...moreEve] = sim.notes(eve.id);
    expect(moreEve).toEqual([]);
    expect(eveNote!.body).toMatch(/^gate code 4411 prefers texts\nHome Phone: \+15125550201\n\nOld CRM status: Lost Estimate\nJob type: Roof replacement\nLead since: March 14, 2019\n\nImported by Roofing Lead Manager \(lead #\d+\)$/);
    const [frankNote, ...moreFrank] = sim.notes(frank.id);
    expect(moreFrank).toEqual([]);
    expect(frankNote!.body).toContain('Work Phone: +15125550302');
    expect(frankNote!.body).toContain('Old CRM status: Closed Won\nJob type: Repair\nLead since: June 2, 2021');
    expect(sim.duplicates()).toEqual([]);
  });
});
