/**
 * A JobNimbus-shaped export keeps the whole record: company, address line 2 (joined to the street,
 * GHL has one line), old tags, status, job type and the original lead date are mapped by default,
 * stored on the lead, exported, and the company name reaches GHL.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import type { ImportBatch, InspectResult } from '../../../shared/ipc/imports';
import { useBackends } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, startSim, SYNC_CLOCK } from '../sync/world';

const fixture = join(__dirname, '../../fixtures/import/jobnimbus-export.csv');

describe('the whole record of an old CRM', () => {
  const { open } = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('maps, stores and sends company, address line 2, tags, status, job type and the original date', async () => {
    sim = await startSim({ latencyMs: 1 });
    const backend = open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const inspected = await backend.dispatch('imports:inspect', { path: fixture, companyId });
    if (!inspected.ok) throw new Error(inspected.error.message);
    const inspect = inspected.value as InspectResult;
    const fieldOf = (header: string) => inspect.mapping.columns.find((c) => c.header === header)?.field;
    expect(fieldOf('Company')).toBe('companyName');
    expect(fieldOf('Address Line 2')).toBe('address2');
    expect(fieldOf('Tags')).toBe('tags');
    expect(fieldOf('Date Created')).toBe('originalDate');
    expect(fieldOf('Status Name')).toBe('crmStatus');
    expect(fieldOf('Job Type')).toBe('jobType');
    expect(fieldOf('Description')).toBe('notes');

    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const started = await backend.dispatch('imports:start', { path: fixture, companyId, options, mapping: inspect.mapping, tag: inspect.defaultTag });
    if (!started.ok) throw new Error(started.error.message);
    const { batchId } = started.value as { batchId: number };
    await backend.ctx.imports.finished(batchId);
    const batch = await backend.dispatch('imports:get', { batchId });
    expect(batch).toMatchObject({ ok: true, value: { imported: 2, rejected: 0 } satisfies Partial<ImportBatch> });

    const eve = backend.ctx.db.$client
      .prepare(`SELECT address1, company_name AS companyName, crm_tags AS crmTags, original_date AS originalDate, crm_status AS crmStatus, job_type AS jobType, notes
                FROM leads WHERE email = 'eve.adams@roofmail.net'`)
      .get() as Record<string, string>;
    expect(eve).toMatchObject({
      address1: '100 Oak St, Apt 4B',
      companyName: 'Oak Street HOA',
      crmTags: 'storm; 2019; VIP',
      originalDate: '2019-03-14',
      crmStatus: 'Lost Estimate',
      jobType: 'Roof replacement',
    });
    // The extra phone is kept in the notes with its column's label.
    expect(eve.notes).toContain('gate code 4411 prefers texts');
    expect(eve.notes).toMatch(/Home Phone: \+15125550201/);

    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    const contact = sim.contacts(LOCATIONS[0].id).find((c) => c.email === 'eve.adams@roofmail.net');
    expect(contact).toMatchObject({ companyName: 'Oak Street HOA', address1: '100 Oak St, Apt 4B', postalCode: '78701' });

    const exported = await backend.call('leads:export', { filters: { companyId } });
    if (!exported.ok) throw new Error(exported.error.message);
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(exported.value.path, 'utf8');
    expect(text).toContain('Oak Street HOA');
    expect(text).toContain('2019-03-14');
    expect(text).toContain('storm; 2019; VIP');
  });
});
