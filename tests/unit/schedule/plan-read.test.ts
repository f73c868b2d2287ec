import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { dashboardOverview } from '../../../electron/app/dashboard-overview';
import { importPlan } from '../../../electron/app/plans';
import { readStatus } from '../../../electron/cli/commands/sync';
import { planParts, queuedLeadsText } from '../../../shared/plan-text';
import { useBackends } from '../../helpers/backend';

// Wednesday 2026-12-02 15:30 UTC = 10:30 New York.
const WED_1030_NY = Date.UTC(2026, 11, 2, 15, 30);

describe('the send plan where the office reads it (dashboard, rlm status, import summary)', () => {
  const { open } = useBackends();

  /** Summit: 2 a day, Mon–Fri 09:00–17:00 New York; five New York leads queued (no key needed to queue). */
  async function summit() {
    const backend = open();
    const created = await backend.call('companies:create', { name: 'Summit', ghlLocationId: 'locPlanReadAAAAAAAAA' });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    const schedule = { dailyCap: 2, window: { start: '09:00', end: '17:00' }, sendDays: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, timeZone: 'America/New_York', startDate: null };
    const updated = await backend.call('companies:update', { id, patch: { schedule: { ...schedule, sendDays: [...schedule.sendDays] } } });
    if (!updated.ok) throw new Error(updated.error.message);
    const leadIds: number[] = [];
    for (let i = 0; i < 5; i++) {
      const made = await backend.call('leads:create', { companyId: id, firstName: `L${i}`, phone: `+1212555010${i}` });
      if (!made.ok) throw new Error(made.error.message);
      leadIds.push(made.value.id);
    }
    const client = backend.ctx.db.$client;
    client.prepare(`UPDATE leads SET time_zone = 'America/New_York', time_zone_source = 'phone' WHERE company_id = ?`).run(id);
    // Queued at the suite's clock, which is the Wednesday after the real date (scripts/at-test-time.sh): once that
    // was after Dec 2, 2026, the jobs were not yet due at the instants this test injects.
    client.prepare('UPDATE sync_jobs SET next_run_at = ?, created_at = ? WHERE company_id = ?').run(WED_1030_NY - 86_400_000, WED_1030_NY - 86_400_000, id);
    return { backend, id, leadIds, client };
  }

  it("dashboard:overview carries each company's plan from the same read, at the injected instant", async () => {
    const { backend, id, client } = await summit();
    // Thursday 07:30 New York, before the window opens: nothing may go, so the runner has no work now, though
    // the leads are due (no retry delay holds them); at 10:30 it has.
    const key = await backend.call('companies:setKey', { id, apiKey: 'pit-plan-read-key-0123456789' });
    if (!key.ok) throw new Error(key.error.message);
    const early = await dashboardOverview(backend.ctx, { now: () => WED_1030_NY - 3 * 3_600_000 + 86_400_000 });
    expect(early.companies.find((c) => c.companyId === id)!.plan.nextSendText).toBe('Thu 09:00 EST');
    expect(early.runner.hasWork).toBe(false);
    const open = await dashboardOverview(backend.ctx, { now: () => WED_1030_NY + 86_400_000 });
    expect(open.runner.hasWork).toBe(true);

    const before = await dashboardOverview(backend.ctx, { now: () => WED_1030_NY });
    const company = before.companies.find((c) => c.companyId === id)!;
    expect(company.plan).toMatchObject({ dailyCap: 2, sentToday: 0, scheduled: 5, paused: false, nextSendText: 'now', finishEstimate: '2026-12-04', finishText: 'Dec 4' });
    expect(company.plan.days.slice(0, 3).map((day) => day.count)).toEqual([2, 2, 1]);
    // The plan's "scheduled" agrees with the queue counted beside it in the same read.
    expect(company.queue.due + company.queue.scheduled + company.queue.sending).toBe(company.plan.scheduled);

    // Two went this morning: the cap is reached, the next goes tomorrow at 09:00.
    client.prepare(`UPDATE leads SET enrolled_at = ? WHERE id IN (SELECT id FROM leads WHERE company_id = ? LIMIT 2)`).run(WED_1030_NY - 60_000, id);
    const capped = (await dashboardOverview(backend.ctx, { now: () => WED_1030_NY })).companies.find((c) => c.companyId === id)!;
    expect(capped.plan).toMatchObject({ sentToday: 2, scheduled: 3, nextSendText: 'Thu 09:00 EST', finishEstimate: '2026-12-04' });
    // The next morning the count starts again from zero.
    const thursday = (await dashboardOverview(backend.ctx, { now: () => WED_1030_NY + 86_400_000 })).companies.find((c) => c.companyId === id)!;
    expect(thursday.plan).toMatchObject({ sentToday: 0, nextSendText: 'now', finishEstimate: '2026-12-04' });

    // Paused by the user: no next send, no finish day.
    const paused = await backend.call('sync:pause', { companyId: id });
    if (!paused.ok) throw new Error(paused.error.message);
    const held = (await dashboardOverview(backend.ctx, { now: () => WED_1030_NY })).companies.find((c) => c.companyId === id)!;
    expect(held.plan).toMatchObject({ paused: true, scheduled: 3, nextSendAt: null, finishEstimate: null });
  });

  it('an hourly cap reached: the plan says when the next place frees up, and why', async () => {
    const { backend, id, client } = await summit();
    const set = await backend.call('companies:update', { id, patch: { schedule: { dailyCap: 10, hourlyCap: 2 } } });
    if (!set.ok) throw new Error(set.error.message);
    // Two went at 10:10 and 10:20: the third may go at 11:10, an hour after the first.
    const enrolled = client.prepare(`UPDATE leads SET enrolled_at = ? WHERE id = (SELECT id FROM leads WHERE company_id = ? AND enrolled_at IS NULL LIMIT 1)`);
    enrolled.run(WED_1030_NY - 20 * 60_000, id);
    enrolled.run(WED_1030_NY - 10 * 60_000, id);
    const plan = (await dashboardOverview(backend.ctx, { now: () => WED_1030_NY })).companies.find((c) => c.companyId === id)!.plan;
    expect(plan).toMatchObject({ hourlyCap: 2, sentThisHour: 2, scheduled: 3, nextSendAt: WED_1030_NY + 40 * 60_000, nextSendText: 'Wed 11:10 EST' });
    expect(planParts(plan).next).toBe('next: today 11:10 EST (2 an hour reached)');
    // 09:00–17:00 is eight hours: 2 an hour is 16 a day, over the daily cap of 10: the day's cap decides.
    expect(plan.days[1]!.capacity).toBe(10);
  });

  // Enrolments GHL did not answer count against the caps (GHL has most likely texted): they also hold their
  // places in the hour, so the plan's next send is when the oldest of the hour's sends (answered or not) leaves it.
  it('an hour holding unanswered enrolments: the next place frees when the oldest of them all leaves the hour', async () => {
    const { backend, id, leadIds, client } = await summit();
    const set = await backend.call('companies:update', { id, patch: { schedule: { dailyCap: 10, hourlyCap: 2 } } });
    if (!set.ok) throw new Error(set.error.message);
    const unanswered = (leadId: number, at: number, state: 'pending' | 'unconfirmed') => {
      client.prepare(`INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at) VALUES (?, 'enrol-workflow', 'wf1', ?, 'c', ?)`).run(leadId, state, at);
    };
    // 09:35 unconfirmed, 10:25 enrolled: the 09:35 one leaves the hour at 10:35.
    unanswered(leadIds[0]!, WED_1030_NY - 55 * 60_000, 'unconfirmed');
    client.prepare(`UPDATE leads SET enrolled_at = ? WHERE id = ?`).run(WED_1030_NY - 5 * 60_000, leadIds[1]!);
    let plan = (await dashboardOverview(backend.ctx, { now: () => WED_1030_NY })).companies.find((c) => c.companyId === id)!.plan;
    // The unconfirmed one is counted, and said to be unanswered; the enrolled one is not.
    expect(plan).toMatchObject({ sentThisHour: 2, sentToday: 2, unansweredToday: 1, nextSendAt: WED_1030_NY + 5 * 60_000 });
    // Both of the hour unanswered (10:10 unconfirmed, 10:20 lost in a kill): the next goes at 11:10.
    client.prepare(`DELETE FROM ghl_creates`).run();
    client.prepare(`UPDATE leads SET enrolled_at = NULL`).run();
    client.prepare(`DELETE FROM enrolment_log`).run(); // what the caps count (a deleted lead's enrolment still counts)
    unanswered(leadIds[0]!, WED_1030_NY - 20 * 60_000, 'unconfirmed');
    unanswered(leadIds[1]!, WED_1030_NY - 10 * 60_000, 'pending');
    plan = (await dashboardOverview(backend.ctx, { now: () => WED_1030_NY })).companies.find((c) => c.companyId === id)!.plan;
    expect(plan).toMatchObject({ sentThisHour: 2, sentToday: 2, unansweredToday: 2, nextSendAt: WED_1030_NY + 40 * 60_000 });
    // rlm status says so too, in the JSON and in the line.
    const { status } = await readStatus(backend, undefined, WED_1030_NY);
    expect(status.companies[0]).toMatchObject({ sentToday: 2, unansweredToday: 2 });
    expect(status.companies[0]!.plan).toMatch(/^2 of 10 today \(2 of them without a clear answer from GHL: counted in case they were texted\)/);
  });

  it('rlm status --json: per company sentToday, dailyCap, scheduled, nextSendAt (ISO or null) and finishEstimate', async () => {
    const { backend, id, client } = await summit();
    client.prepare(`UPDATE leads SET enrolled_at = ? WHERE id IN (SELECT id FROM leads WHERE company_id = ? LIMIT 2)`).run(WED_1030_NY - 60_000, id);
    // Without a key nothing goes, whatever the schedule: the words say so instead of a next send.
    const keyless = await readStatus(backend, undefined, WED_1030_NY);
    expect(keyless.status.companies[0]!.plan).toBe('2 of 2 today · Waiting for an API key — nothing goes until one is saved · 3 waiting');
    const keySet = await backend.call('companies:setKey', { id, apiKey: 'pit-0123456789abcdef0123456789abcdef' });
    if (!keySet.ok) throw new Error(keySet.error.message);
    const { status } = await readStatus(backend, undefined, WED_1030_NY);
    expect(status.companies).toHaveLength(1);
    expect(status.companies[0]).toMatchObject({
      name: 'Summit',
      sentToday: 2,
      dailyCap: 2,
      scheduled: 3,
      // Thursday 09:00 in New York.
      nextSendAt: '2026-12-03T14:00:00.000Z',
      // Nothing sends here (no app, no rlm sync): the next time holds only once one runs, and no finish day is promised,
      // in the JSON as in the words (it said "2026-12-04" beside them).
      finishEstimate: null,
      plan: '2 of 2 today · next: tomorrow 09:00 EST, but nothing is sending: start the app or rlm sync · 3 scheduled',
    });
    // Another program sends (it holds the runner lock): the finish day is promised again.
    client
      .prepare(`INSERT INTO app_meta (key, value) VALUES ('sync.runner-lock', ?)`)
      .run(JSON.stringify({ owner: 'other', pid: process.pid, host: hostname(), process: 'the desktop app', heartbeatAt: Date.now() }));
    const whileSending = await readStatus(backend, undefined, WED_1030_NY);
    expect(whileSending.status.companies[0]).toMatchObject({ nextSendAt: '2026-12-03T14:00:00.000Z', finishEstimate: '2026-12-04' });
    expect(whileSending.status.companies[0]!.plan).toBe('2 of 2 today · next: tomorrow 09:00 EST · 3 scheduled, done by Dec 4');
    client.prepare(`DELETE FROM app_meta WHERE key = 'sync.runner-lock'`).run();
    // The JSON document the command prints keeps these as plain values.
    const printed = JSON.parse(JSON.stringify(status)) as typeof status;
    expect(Object.keys(printed.companies[0]!)).toEqual(expect.arrayContaining(['sentToday', 'dailyCap', 'scheduled', 'nextSendAt', 'finishEstimate']));

    // Nothing waiting: no next send, no finish day.
    client.prepare(`UPDATE leads SET enrolled_at = ? WHERE company_id = ?`).run(WED_1030_NY - 60_000, id);
    const done = await readStatus(backend, id, WED_1030_NY);
    expect(done.status.companies[0]).toMatchObject({ sentToday: 5, scheduled: 0, nextSendAt: null, finishEstimate: null });
  });

  it("imports:plan: how many of the file's leads wait, and when they go at the company's pace", async () => {
    const { backend, id, leadIds, client } = await summit();
    const batchId = Number(
      client
        .prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, imported, created_at, finished_at) VALUES (?, 'storm.csv', 'completed', 1, 3, ?, ?)`)
        .run(id, WED_1030_NY, WED_1030_NY).lastInsertRowid,
    );
    // The last three leads came from the file (the newest in the queue).
    client.prepare(`UPDATE leads SET batch_id = ? WHERE id IN (${leadIds.slice(2).join(',')})`).run(batchId);
    const { queued, plan } = importPlan(backend.ctx, batchId, WED_1030_NY);
    expect(queued).toBe(3);
    expect(plan.scheduled).toBe(5);
    // Wednesday's two slots go to the leads queued before; the file's three go Thursday (2) and Friday (1).
    expect(queuedLeadsText(plan, queued, 'Summit')).toBe('3 leads queued: at 2 a day they go Thu–Fri, done by Dec 4.');
  });
});
