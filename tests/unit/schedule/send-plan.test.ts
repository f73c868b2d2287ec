import { describe, expect, it } from 'vitest';
import type { CompanyRow } from '../../../db/schema';
import { sendPlan, theirTime } from '../../../electron/core/schedule/send-plan';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { useBackends } from '../../helpers/backend';

// Wednesday 2026-12-02 15:30 UTC = 10:30 New York, 07:30 Los Angeles.
const WED_1030_NY = Date.UTC(2026, 11, 2, 15, 30);

describe('sendPlan', () => {
  const { open } = useBackends();

  async function companyWithLeads(leads: Array<{ phone: string; zone: string }>, dailyCap = 2) {
    const backend = open();
    const created = await backend.call('companies:create', { name: 'Summit', ghlLocationId: 'locPlanAAAAAAAAAAAAA' });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    const updated = await backend.call('companies:update', {
      id,
      patch: { schedule: { dailyCap, window: { start: '09:00', end: '17:00' }, sendDays: ['mon', 'tue', 'wed', 'thu', 'fri'], timeZone: 'America/New_York', startDate: null } },
    });
    if (!updated.ok) throw new Error(updated.error.message);
    for (const lead of leads) {
      const made = await backend.call('leads:create', { companyId: id, firstName: 'A', phone: lead.phone });
      if (!made.ok) throw new Error(made.error.message);
      backend.ctx.db.$client.prepare(`UPDATE leads SET time_zone = ?, time_zone_source = 'phone' WHERE id = ?`).run(lead.zone, made.value.id);
    }
    const row = backend.ctx.db.$client.prepare('SELECT * FROM companies WHERE id = ?').get(id);
    return { backend, id, row: () => toCompanyRow(backend.ctx.db.$client.prepare('SELECT * FROM companies WHERE id = ?').get(id), row) };
  }

  it('counts what waits, says when the next lead goes and the day the queue ends at this pace', async () => {
    const { backend, row } = await companyWithLeads([
      { phone: '+12125550101', zone: 'America/New_York' },
      { phone: '+12125550102', zone: 'America/New_York' },
      { phone: '+13105550103', zone: 'America/Los_Angeles' },
      { phone: '+13105550104', zone: 'America/Los_Angeles' },
      { phone: '+13105550105', zone: 'America/Los_Angeles' },
    ]);
    const plan = sendPlan(backend.ctx.db.$client, row(), WED_1030_NY);
    expect(plan).toMatchObject({ dailyCap: 2, sentToday: 0, scheduled: 5, paused: false, nextSendText: 'now', finishEstimate: '2026-12-04' });
    expect(plan.days.slice(0, 3).map((day) => day.count)).toEqual([2, 2, 1]);
    // Once two went today the cap is reached: the next (Los Angeles) lead goes tomorrow at 09:00 its time, 12:00 New York.
    backend.ctx.db.$client.prepare(`UPDATE leads SET enrolled_at = ? WHERE id IN (SELECT id FROM leads LIMIT 2)`).run(WED_1030_NY - 60_000);
    const capped = sendPlan(backend.ctx.db.$client, row(), WED_1030_NY);
    // Said in the office's time, and in theirs when the clocks differ (an odd-looking hour is someone else's morning).
    expect(capped).toMatchObject({ sentToday: 2, scheduled: 3, nextSendAt: Date.UTC(2026, 11, 3, 17, 0), nextSendText: 'Thu 12:00 EST (09:00 in Los Angeles)' });
  });

  it('counts an enrolment GHL did not confirm against the day, in the plan and in the claim (GHL most likely texted)', async () => {
    const { backend, id, row } = await companyWithLeads([
      { phone: '+12125550101', zone: 'America/New_York' },
      { phone: '+12125550102', zone: 'America/New_York' },
      { phone: '+12125550103', zone: 'America/New_York' },
    ]);
    const db = backend.ctx.db.$client;
    const [first, second] = db.prepare<[], number>('SELECT id FROM leads ORDER BY id').pluck().all();
    const unconfirmed = db.prepare(
      `INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at) VALUES (?, 'enrol-workflow', 'wf-1', 'unconfirmed', 'c', ?)`,
    );
    unconfirmed.run(first, WED_1030_NY - 60_000);
    unconfirmed.run(second, WED_1030_NY - 86_400_000); // yesterday's: not today's count
    expect(sendPlan(db, row(), WED_1030_NY)).toMatchObject({ sentToday: 1 });
    expect(new JobQueue(db).gate.opening(id, WED_1030_NY).capLeft).toBe(1);
  });
});

/** The raw row in drizzle's camelCase shape. */
function toCompanyRow(raw: unknown, _first: unknown): CompanyRow {
  const row = raw as Record<string, unknown>;
  const camel = Object.fromEntries(Object.entries(row).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]));
  return camel as unknown as CompanyRow;
}

describe('whose clock the next send is read on', () => {
  // A review: "Tue 13:00 EST (12:00 in Chicago)" said a lead nothing places lives in Chicago; Chicago's is only the
  // clock its hours are read on.
  it('a lead nothing places is given Central time, not a city', () => {
    const next = Date.parse('2026-12-08T18:00:00Z');
    const now = Date.parse('2026-12-07T18:00:00Z');
    expect(theirTime(next, { timeZone: 'America/Chicago', state: '?' }, 'America/New_York', now)).toBe(' (12:00 Central)');
    expect(theirTime(next, { timeZone: 'America/Chicago', state: 'TX' }, 'America/New_York', now)).toBe(' (12:00 in Chicago)');
  });
});
