import { afterEach, describe, expect, it } from 'vitest';
import { startGhlSimulator } from '../../../electron/ghl-sandbox/server';
import { learnLocationTimeZone } from '../../../electron/core/companies/connection-test';
import { machineTimeZone } from '../../../electron/core/companies/company-service';
import type { Company } from '../../../shared/company';
import { useBackends } from '../../helpers/backend';

const LOC = 'locScheduleAAAAAAAAA';
const TOKEN = 'pit-schedule-token-1234567890';

describe('company sending schedule', () => {
  const { open } = useBackends();
  const sims: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const sim of sims.splice(0)) await sim.close();
  });

  async function create(backend: ReturnType<typeof open>, input: Record<string, unknown> = {}): Promise<Company> {
    const created = await backend.call('companies:create', { name: 'Summit', ghlLocationId: LOC, ...input });
    if (!created.ok) throw new Error(created.error.message);
    return created.value;
  }

  it("defaults to 100 a day, no hourly limit, Mon–Sat 10:00–19:00, this machine's zone, no start date, no days off, and the tag `reactivation`", async () => {
    const company = await create(open());
    expect(company.schedule).toEqual({
      dailyCap: 100,
      hourlyCap: null,
      sendDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      window: { start: '10:00', end: '19:00' },
      timeZone: machineTimeZone(),
      startDate: null,
      daysOff: [],
    });
    expect(company.timeZoneSource).toBe('machine');
    expect(company.enrolTag).toBe('reactivation');
    expect(company.scheduleSummary).toBe("At most 100 leads a day start the campaign, Mon–Sat 10:00–19:00 in each lead's own time; the last starts 10 minutes before the close.");
    // What the law narrows in the default hours: Rhode Island's, and the states closed on legal holidays.
    expect(company.scheduleNotes).toEqual([
      "Your window 10:00–19:00 applies in each lead's own time; state law narrows it to 10:00–18:00 for leads in Rhode Island.",
      'Leads in Rhode Island get 10:00–17:00 on Saturdays (state law).',
      expect.stringMatching(/^No texts on legal holidays to leads in Alabama, /),
    ]);
  });

  it('changes through companies:update, says where the legal floor narrows it, and keeps what the patch leaves out', async () => {
    const backend = open();
    const { id } = await create(backend, { enrolTag: 'spring-hail' });
    const updated = await backend.call('companies:update', {
      id,
      patch: { schedule: { dailyCap: 40, window: { start: '6:00', end: '23:00' }, sendDays: ['fri', 'mon'], timeZone: 'America/Denver', startDate: '2027-01-04' } },
    });
    expect(updated).toMatchObject({
      ok: true,
      value: {
        enrolTag: 'spring-hail',
        timeZoneSource: 'user',
        schedule: { dailyCap: 40, window: { start: '06:00', end: '23:00' }, sendDays: ['mon', 'fri'], timeZone: 'America/Denver', startDate: '2027-01-04' },
      },
    });
    const notes = updated.ok ? updated.value.scheduleNotes : [];
    expect(notes[0]).toMatch(/^Your window 06:00–23:00 is held to 08:00–21:00, the legal limit in each lead's own time; 08:00–20:00 for leads in Alabama, Florida/);
    // Only the cap: the rest stays; a null start date clears it.
    const again = await backend.call('companies:update', { id, patch: { schedule: { dailyCap: 75, startDate: null } } });
    expect(again).toMatchObject({ ok: true, value: { schedule: { dailyCap: 75, window: { start: '06:00', end: '23:00' }, timeZone: 'America/Denver', startDate: null } } });
  });

  it('refuses bad settings with a clear validation error and changes nothing', async () => {
    const backend = open();
    const { id } = await create(backend);
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ dailyCap: 0 }, /at least 1 \(pause the company to stop sending\)/],
      [{ dailyCap: 2.5 }, /whole number/],
      [{ dailyCap: 1_000_000 }, /at most 100,000/],
      [{ window: { start: '19:00', end: '10:00' } }, /must end after it starts/],
      [{ window: { start: '25:00', end: '26:00' } }, /HH:MM on a 24-hour clock/],
      [{ sendDays: [] }, /at least one sending day/],
      [{ sendDays: ['funday'] }, /mon, tue, wed/],
      [{ timeZone: 'Central Time' }, /Unknown time zone/],
      [{ timeZone: '+05:00' }, /Unknown time zone/],
      [{ startDate: '2026-02-30' }, /YYYY-MM-DD/],
    ];
    for (const [schedule, message] of bad) {
      const result = await backend.call('companies:update', { id, patch: { schedule } });
      expect(result, JSON.stringify(schedule)).toMatchObject({ ok: false, error: { code: 'validation', message } });
    }
    const tagless = await backend.call('companies:update', { id, patch: { enrolTag: '  ' } });
    expect(tagless).toMatchObject({ ok: false, error: { code: 'validation', message: /campaign tag cannot be empty/ } });
    await expect(backend.call('companies:get', { id })).resolves.toMatchObject({ ok: true, value: { enrolTag: 'reactivation', schedule: { dailyCap: 100, sendDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] } } });
  });

  it("takes the GHL location's time zone once GHL answers, but never over one the user chose", async () => {
    const sim = await startGhlSimulator({ locations: [{ id: LOC, name: 'Summit HQ', token: TOKEN, allowDuplicateContact: false, timezone: 'America/Phoenix' }], seed: 1 });
    sims.push(sim);
    const backend = open();
    const { id } = await create(backend, { ghlBaseUrl: sim.url });
    expect((await backend.call('companies:setKey', { id, apiKey: TOKEN })).ok).toBe(true);
    // The handler asks GHL in the background; asking again here waits for the same answer.
    await learnLocationTimeZone(backend.ctx.companies, id);
    await expect(backend.call('companies:get', { id })).resolves.toMatchObject({ ok: true, value: { schedule: { timeZone: 'America/Phoenix' }, timeZoneSource: 'ghl' } });

    sim.setTimezone(LOC, 'America/Chicago');
    await expect(backend.call('companies:testConnection', { id })).resolves.toMatchObject({ ok: true, value: { ok: true } });
    await expect(backend.call('companies:get', { id })).resolves.toMatchObject({ ok: true, value: { schedule: { timeZone: 'America/Chicago' }, timeZoneSource: 'ghl' } });

    // The form sends the zone with every save: new hours with the zone untouched keep it GHL's (it said "Chosen by you").
    await backend.call('companies:update', { id, patch: { schedule: { timeZone: 'America/Chicago', window: { start: '09:00', end: '18:00' } } } });
    await expect(backend.call('companies:get', { id })).resolves.toMatchObject({ ok: true, value: { schedule: { window: { start: '09:00' } }, timeZoneSource: 'ghl' } });

    await backend.call('companies:update', { id, patch: { schedule: { timeZone: 'America/New_York' } } });
    sim.setTimezone(LOC, 'America/Los_Angeles');
    await backend.call('companies:testConnection', { id });
    await expect(backend.call('companies:get', { id })).resolves.toMatchObject({ ok: true, value: { schedule: { timeZone: 'America/New_York' }, timeZoneSource: 'user' } });
  });

  it('explains a schedule being edited, before it is saved', async () => {
    const backend = open();
    const result = await backend.call('companies:explainSchedule', { dailyCap: 250, sendDays: ['mon', 'tue', 'wed', 'thu', 'fri'], window: { start: '07:00', end: '20:00' }, timeZone: 'America/Chicago' });
    expect(result).toMatchObject({
      ok: true,
      value: {
        summary: "At most 250 leads a day start the campaign, Mon–Fri 08:00–20:00 (the legal limit; you set 07:00–20:00) in each lead's own time; the last starts 10 minutes before the close.",
        short: '250 a day, Mon–Fri 08:00–20:00 (you set 07:00–20:00)',
        notes: [expect.stringMatching(/^Your window 07:00–20:00 is held to 08:00–20:00, the legal limit/), expect.stringMatching(/^No texts on legal holidays/)],
      },
    });
    // Hours wholly outside the law start nobody: no "last start" beside "nothing is sent".
    const outside = await backend.call('companies:explainSchedule', { window: { start: '05:00', end: '07:30' }, timeZone: 'America/Chicago' });
    expect(outside).toMatchObject({
      ok: true,
      value: { summary: "At most 100 leads a day start the campaign, Mon–Sat 05:00–07:30 (outside 08:00–21:00, the legal limit: nothing is sent) in each lead's own time." },
    });
  });
});
