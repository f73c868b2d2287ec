/** Each lead reaches GHL with its own time zone: from its ZIP, else its phone, else none (the company's). */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, startSim, SYNC_CLOCK } from './world';

describe("a lead's own time zone", () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('is placed before the first send, stored on the lead, sent as the contact timezone, and placed again after an address edit', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const create = async (lead: Record<string, unknown>) => {
      const created = await backend.call('leads:create', { companyId, ...lead });
      if (!created.ok) throw new Error(created.error.message);
      return created.value.id;
    };
    // A New York mobile number, but the roof is in Beverly Hills: the ZIP wins.
    const zipLead = await create({ firstName: 'Zip', phone: '(212) 555-0142', postalCode: '90210', email: 'zip@roofmail.net' });
    const phoneLead = await create({ firstName: 'Phone', phone: '(305) 555-0143', email: 'phone@roofmail.net' });
    const londonLead = await create({ firstName: 'London', phone: '020 7946 0958', country: 'GB', email: 'uk@roofmail.net' });
    const noneLead = await create({ firstName: 'None', email: 'none@roofmail.net' });

    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');

    const stored = (id: number) =>
      backend.ctx.db.$client.prepare('SELECT time_zone AS timeZone, time_zone_source AS source, rule_state AS ruleState FROM leads WHERE id = ?').get(id);
    expect(stored(zipLead)).toEqual({ timeZone: 'America/Los_Angeles', source: 'zip', ruleState: 'CA' });
    expect(stored(phoneLead)).toEqual({ timeZone: 'America/New_York', source: 'phone', ruleState: 'FL' });
    expect(stored(londonLead)).toEqual({ timeZone: 'Europe/London', source: 'phone', ruleState: null });
    // Nothing places it: judged on Chicago's clock by the hours legal anywhere on the mainland, and GHL gets no zone for it.
    expect(stored(noneLead)).toEqual({ timeZone: 'America/Chicago', source: 'unknown', ruleState: '?' });

    const contact = (email: string) => sim!.contacts(LOCATIONS[0].id).find((c) => c.email === email);
    expect(contact('zip@roofmail.net')?.timezone).toBe('America/Los_Angeles');
    expect(contact('phone@roofmail.net')?.timezone).toBe('America/New_York');
    expect(contact('none@roofmail.net')?.timezone ?? null).toBeNull();

    // A new ZIP: placed again, and GHL gets the new zone with the update.
    const edited = await backend.call('leads:update', { id: zipLead, patch: { postalCode: '10001' } });
    expect(edited.ok).toBe(true);
    const until = Date.now() + 20_000;
    while (contact('zip@roofmail.net')?.timezone !== 'America/New_York' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(stored(zipLead)).toEqual({ timeZone: 'America/New_York', source: 'zip', ruleState: 'NY' });
    expect(contact('zip@roofmail.net')?.timezone).toBe('America/New_York');
  });
});
