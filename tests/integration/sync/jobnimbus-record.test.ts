/**
 * Issue #14's "done when", for notes and tags: a JobNimbus-shaped export imported and synced to the
 * simulator arrives whole — company, address line 2, the old tags beside the campaign tag, and exactly
 * one note per contact with the description, the extra phones and the old status, job type and date —
 * and, once the location's custom fields were read, "Insurance Company" and "Claim #" in its custom fields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import type { InspectResult } from '../../../shared/ipc/imports';
import type { Backend } from '../../../electron/app/backend';
import { customFieldTarget } from '../../../shared/custom-fields';
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

  async function importFixture(backend: Backend, companyId: number): Promise<InspectResult> {
    const inspected = await backend.dispatch('imports:inspect', { path: fixture, companyId });
    if (!inspected.ok) throw new Error(inspected.error.message);
    const inspect = inspected.value as InspectResult;
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const started = await backend.dispatch('imports:start', { path: fixture, companyId, options, mapping: inspect.mapping, tag: inspect.defaultTag });
    if (!started.ok) throw new Error(started.error.message);
    await backend.ctx.imports.finished((started.value as { batchId: number }).batchId);
    return inspect;
  }

  it("maps Insurance Company and Claim # to the location's custom fields by name, and the contact carries their values", async () => {
    sim = await startSim({ latencyMs: 1 });
    const backend = open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const listed = await backend.dispatch('imports:customFields', { companyId });
    if (!listed.ok) throw new Error(listed.error.message);
    const fields = sim.customFields(LOCATIONS[0].id);
    const idOf = (name: string) => fields.find((f) => f.name === name)!.id;

    const inspect = await importFixture(backend, companyId);
    const fieldOf = (header: string) => inspect.mapping.columns.find((c) => c.header === header)?.field;
    expect(fieldOf('Insurance Company')).toBe(customFieldTarget(idOf('Insurance Company')));
    expect(fieldOf('Claim #')).toBe(customFieldTarget(idOf('Claim Number')));
    // A lead field's own name wins over a custom field of the same name: audiences and the note use it.
    expect(fieldOf('Job Type')).toBe('jobType');

    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();

    const contacts = sim.contacts(LOCATIONS[0].id);
    const eve = contacts.find((c) => c.email === 'eve.adams@roofmail.net')!;
    const frank = contacts.find((c) => c.email === 'frank@roofmail.net')!;
    expect([...eve.customFields].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
      { id: idOf('Insurance Company'), value: 'State Farm' },
      { id: idOf('Claim Number'), value: 'CLM-1001' },
    ].sort((a, b) => a.id.localeCompare(b.id)));
    expect(eve).toMatchObject({ companyName: 'Oak Street HOA', address1: '100 Oak St, Apt 4B' });
    expect(sim.notes(eve.id)).toHaveLength(1);
    // Empty cells send nothing (an empty value would clear what GHL holds).
    expect(frank.customFields).toEqual([]);
    expect(sim.writes(frank.id).every((w) => !('customFields' in w.body))).toBe(true);
    expect(sim.duplicates()).toEqual([]);

    // The export heads their columns with the field names, so it maps back to them by itself.
    const exported = await backend.dispatch('leads:export', { filters: { companyId } });
    if (!exported.ok) throw new Error(exported.error.message);
    const { path } = exported.value as { path: string };
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    expect(text.split(/\r?\n/)[0]!.split(',').slice(-2)).toEqual(['Claim Number', 'Insurance Company']);
    // Eve's record (its notes span lines) ends with her two values; Frank's with two empty cells.
    expect(text).toMatch(/,CLM-1001,State Farm\r?\n/);
    const again = await backend.dispatch('imports:inspect', { path, companyId });
    if (!again.ok) throw new Error(again.error.message);
    const remapped = (again.value as InspectResult).mapping.columns;
    expect(remapped.find((c) => c.header === 'Insurance Company')?.field).toBe(customFieldTarget(idOf('Insurance Company')));
    expect(remapped.find((c) => c.header === 'Claim Number')?.field).toBe(customFieldTarget(idOf('Claim Number')));
  });

  it('fails a lead whose custom field was deleted in GHL with the field name, without retrying', async () => {
    sim = await startSim({ latencyMs: 1 });
    const backend = open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const listed = await backend.dispatch('imports:customFields', { companyId });
    if (!listed.ok) throw new Error(listed.error.message);
    // The office deletes "Insurance Company" in GHL after the import read the list.
    const fields = sim.state.customFields;
    const insurer = fields.findIndex((f) => f.locationId === LOCATIONS[0].id && f.name === 'Insurance Company');
    await importFixture(backend, companyId);
    fields.splice(insurer, 1);

    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();

    const db = backend.ctx.db.$client;
    const eve = db.prepare(`SELECT status, last_error AS lastError FROM leads WHERE email = 'eve.adams@roofmail.net'`).get() as { status: string; lastError: string };
    expect(eve.status).toBe('failed');
    expect(eve.lastError).toContain("GHL no longer has the custom field 'Insurance Company'");
    const upserts = sim.requests().filter((r) => r.path === '/contacts/upsert' && r.status === 400);
    expect(upserts).toHaveLength(1);
    // Frank has no custom values: he goes through.
    expect(sim.contacts(LOCATIONS[0].id).map((c) => c.email)).toEqual(['frank@roofmail.net']);
  });

  it('creates a text field once: asked again for the same name (any case or punctuation), it returns the one GHL has', async () => {
    sim = await startSim({ latencyMs: 1 });
    const backend = open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const created = await backend.dispatch('imports:createCustomField', { companyId, name: 'Roof Age' });
    if (!created.ok) throw new Error(created.error.message);
    const again = await backend.dispatch('imports:createCustomField', { companyId, name: 'roof_age:' });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value).toEqual(created.value);
    expect(sim.customFields(LOCATIONS[0].id).filter((f) => f.name === 'Roof Age')).toMatchObject([{ dataType: 'TEXT', model: 'contact' }]);
    expect(sim.duplicates()).toEqual([]);

    // Offline: an error with its code, for the wizard to show.
    await sim.setOffline(true);
    const listed = await backend.dispatch('imports:customFields', { companyId });
    expect(listed).toMatchObject({ ok: false, error: { code: 'offline', message: expect.stringMatching(/^Could not read GHL's custom fields \(.*\)\. You can still import, but a column meant for one of them is left out/) } });
  });
});
