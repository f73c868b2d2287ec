/**
 * The legal floor holds for a lead whose zone is not certain. An Arizona or Alaska row with a New York mobile
 * and no ZIP was placed by the phone, and a Pensacola number (area code 850, mostly Eastern) by the code's
 * main zone: at 08:30 New York the sync tagged them — 06:30 in Phoenix, 03:30 in Anchorage, 07:30 in
 * Pensacola. Such a lead is placed in its state and waits for an hour to spare at each end of 08:00–21:00.
 * Real runner, the simulator, the clock at Wed 2026-12-02 13:30 UTC.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { setSchedule } from '../../helpers/schedule';
import { addCompany, fastConfig, startSim } from './world';

const AT_0830_NEW_YORK = Date.UTC(2026, 11, 2, 13, 30);

describe('a lead whose time zone is unsure', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('is not enrolled before 08:00 wherever it may be', async () => {
    sim = await startSim({ latencyMs: 2 });
    const started = Date.now();
    const backend = backends.open(undefined, { now: () => AT_0830_NEW_YORK + (Date.now() - started) });
    const companyId = await addCompany(backend, sim, 0, {}, { isAlwaysOpen: false });
    await setSchedule(backend, companyId, 'America/New_York'); // 08:00–21:00 every day
    const create = async (lead: Record<string, unknown>) => {
      const created = await backend.call('leads:create', { companyId, ...lead });
      if (!created.ok) throw new Error(created.error.message);
      return created.value.id;
    };
    const newYork = await create({ firstName: 'Ny', phone: '(212) 555-0141', state: 'NY', email: 'ny@roofmail.net' });
    const unsure = [
      await create({ firstName: 'Az', phone: '(212) 555-0142', state: 'AZ', city: 'Phoenix', email: 'az@roofmail.net' }),
      await create({ firstName: 'Ak', phone: '(212) 555-0143', state: 'AK', city: 'Anchorage', email: 'ak@roofmail.net' }),
      await create({ firstName: 'Pns', phone: '(850) 555-0146', email: 'pns@roofmail.net' }),
    ];
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');

    const enrolledAt = backend.ctx.db.$client.prepare<[number], { at: number | null }>('SELECT enrolled_at AS at FROM leads WHERE id = ?');
    expect(enrolledAt.get(newYork)!.at).not.toBeNull(); // the sync ran: a sure New York lead went at 08:30
    for (const id of unsure) expect(enrolledAt.get(id)!.at, `lead ${id}`).toBeNull();
    const zones = backend.ctx.db.$client.prepare('SELECT time_zone AS zone, rule_state AS rule FROM leads WHERE id IN (?, ?, ?) ORDER BY id').all(...unsure);
    expect(zones).toEqual([
      { zone: 'America/Phoenix', rule: 'AZ~' },
      { zone: 'America/Anchorage', rule: 'AK~' },
      { zone: 'America/New_York', rule: 'FL~' },
    ]);
  }, 60_000);
});
