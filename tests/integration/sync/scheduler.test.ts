/**
 * Issue #13 item 4: nothing reaches GHL before the lead's turn. The real sync worker on a real SQLite
 * file against the GHL simulator on a real port; the clock is injected (the backend's `now`, which the
 * worker follows as an offset), so "09:30 New York" or "the next day" are chosen, not waited for.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardOverview } from '../../../electron/app/dashboard-overview';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { setSchedule, WEEKDAY_AFTERNOON } from '../../helpers/schedule';
import { addCompany, LOCATIONS, queueLeads, startSim, syncUntilIdle } from './world';

const DAY = 86_400_000;
/** Wednesday 2026-12-02, at an hour of New York's clock (EST = UTC−5). */
const newYorkWed = (hour: number, minute = 0) => Date.UTC(2026, 11, 2, hour + 5, minute);

/** A clock the test moves; the backend and its sync worker read it. */
function movableClock(start: number) {
  let offset = start - Date.now();
  return { now: () => Date.now() + offset, set: (at: number) => (offset = at - Date.now()) };
}

/** Leads with the given phones (their area code places them: 212 New York, 310 Los Angeles, 305 Florida), queued like an import does. */
/** `now`: the test's clock (a job queued after it would not be due yet). */
function queuePhones(db: Database.Database, companyId: number, phones: string[], now: number, batchId: number | null = null): number[] {
  const insert = db.prepare(
    `INSERT INTO leads (company_id, batch_id, first_name, phone, email, email_key, country, status, created_at, updated_at)
     VALUES (?, ?, 'Lead', ?, ?, ?, 'US', 'queued', ?, ?)`,
  );
  const jobs = new JobQueue(db);
  return db.transaction(() =>
    phones.map((phone) => {
      const email = `${phone.slice(1)}@example.com`;
      const id = Number(insert.run(companyId, batchId, phone, email, email, now, now).lastInsertRowid);
      jobs.enqueue(companyId, id, now);
      return id;
    }),
  )();
}

const phones = (areaCode: string, count: number, from = 0) => Array.from({ length: count }, (_, i) => `+1${areaCode}555${String(1000 + from + i)}`);
const contactPhones = (sim: GhlSimulator, index: 0 | 1 = 0) => sim.contacts(LOCATIONS[index].id).map((c) => c.phone).sort();
/** Contact writes, notes, tags, enrolments: every request about a contact (the key check and the location's zone are not). */
const contactRequests = (sim: GhlSimulator) => sim.requests().filter((r) => r.path.includes('/contacts'));


const enrolledCount = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM leads WHERE enrolled_at IS NOT NULL').get() as { n: number }).n;

describe('the scheduler: nothing reaches GHL before the lead’s turn', { timeout: 180_000 }, () => {
  const { open, tempDir } = useBackends();
  const sims: GhlSimulator[] = [];
  afterEach(async () => {
    for (const sim of sims.splice(0)) await sim.close();
  });

  async function world(start: number, locations = 1) {
    const clock = movableClock(start);
    const backend = open(undefined, { now: clock.now });
    const sim = await startSim({}, locations);
    sims.push(sim);
    return { backend, clock, sim, db: backend.ctx.db.$client };
  }

  it('cap 50 and 300 leads: one sync enrols exactly 50, the oldest; the next day 50 more', async () => {
    const { backend, clock, sim, db } = await world(WEEKDAY_AFTERNOON);
    const id = await addCompany(backend, sim, 0);
    await setSchedule(backend, id, 'America/Chicago', { dailyCap: 50 });
    const leadIds = queueLeads(db, id, 300, { now: clock.now() });

    await syncUntilIdle(backend, 60_000);
    expect(sim.contacts(LOCATIONS[0].id)).toHaveLength(50);
    expect(enrolledCount(db)).toBe(50);
    const firstDay = db.prepare('SELECT id FROM leads WHERE enrolled_at IS NOT NULL ORDER BY id').all() as Array<{ id: number }>;
    expect(firstDay.map((r) => r.id)).toEqual(leadIds.slice(0, 50));
    // A second sync the same day sends nothing: the cap counts the day's enrolments, not the run's.
    await syncUntilIdle(backend, 60_000);
    expect(sim.contacts(LOCATIONS[0].id)).toHaveLength(50);

    clock.set(WEEKDAY_AFTERNOON + DAY);
    await syncUntilIdle(backend, 60_000);
    expect(sim.contacts(LOCATIONS[0].id)).toHaveLength(100);
    expect(enrolledCount(db)).toBe(100);
    expect(sim.duplicates()).toEqual([]);
  });

  it('09:00–10:00 window, leads in New York and Los Angeles: at 09:30 New York only New York leads go; no Los Angeles lead is even saved in GHL', async () => {
    const { backend, clock, sim, db } = await world(newYorkWed(9, 30));
    const id = await addCompany(backend, sim, 0);
    await setSchedule(backend, id, 'America/New_York', { window: { start: '09:00', end: '10:00' } });
    const newYork = phones('212', 5);
    const losAngeles = phones('310', 5);
    queuePhones(db, id, [...losAngeles, ...newYork], clock.now());

    await syncUntilIdle(backend, 60_000);
    expect(contactPhones(sim)).toEqual(newYork);
    const sentBodies = JSON.stringify(sim.requests().map((r) => r.body));
    for (const phone of losAngeles) expect(sentBodies).not.toContain(phone.slice(2));

    // 09:30 in Los Angeles (12:30 in New York, whose window has closed): the Los Angeles leads go.
    clock.set(newYorkWed(12, 30));
    await syncUntilIdle(backend, 60_000);
    expect(contactPhones(sim)).toEqual([...losAngeles, ...newYork].sort());
  });

  // Set the way the Companies page sets it; the worker's claim reads the company row with SQL of its own.
  it('a day off (in each lead’s own calendar) sends nobody that day, and the next day they go', async () => {
    const { backend, clock, sim, db } = await world(newYorkWed(11, 0));
    const id = await addCompany(backend, sim, 0);
    await setSchedule(backend, id, 'America/New_York', { daysOff: ['2026-12-02'] });
    const newYork = phones('212', 3);
    queuePhones(db, id, newYork, clock.now());

    await syncUntilIdle(backend, 60_000); // Wednesday 11:00 in New York: its day off
    expect(contactRequests(sim)).toEqual([]);
    // The dashboard's plan at the test's clock (its IPC reads the system clock).
    const overview = await dashboardOverview(backend.ctx, { now: clock.now });
    expect(overview.companies[0]!.plan.nextSendText).toMatch(/^Thu 08:00/);
    clock.set(newYorkWed(8, 30) + DAY); // Thursday 08:30
    await syncUntilIdle(backend, 60_000);
    expect(contactPhones(sim)).toEqual(newYork);
  });

  it('a 06:00–23:00 window is held to 08:00–21:00, and to 08:00–20:00 in Florida', async () => {
    const { backend, clock, sim, db } = await world(newYorkWed(7, 30));
    const id = await addCompany(backend, sim, 0);
    await setSchedule(backend, id, 'America/New_York', { window: { start: '06:00', end: '23:00' } });
    const [newYork] = phones('212', 1);
    const [florida] = phones('305', 1);
    queuePhones(db, id, [florida!, newYork!], clock.now());

    await syncUntilIdle(backend, 60_000); // 07:30: the company's window is open, the law's is not
    expect(contactRequests(sim)).toEqual([]);
    clock.set(newYorkWed(20, 30)); // 20:30: New York yes, Florida no
    await syncUntilIdle(backend, 60_000);
    expect(contactPhones(sim)).toEqual([newYork]);
    clock.set(newYorkWed(21, 30)); // 21:30: neither (Florida still waits)
    await syncUntilIdle(backend, 60_000);
    expect(contactPhones(sim)).toEqual([newYork]);
    clock.set(newYorkWed(8, 30) + DAY); // Thursday 08:30: Florida's turn
    await syncUntilIdle(backend, 60_000);
    expect(contactPhones(sim)).toEqual([florida, newYork].sort());
  });

  it('an opt-out imported while leads wait keeps them out of GHL, for every company', async () => {
    const { backend, clock, sim, db } = await world(newYorkWed(7, 0), 2);
    const alpha = await addCompany(backend, sim, 0);
    const bravo = await addCompany(backend, sim, 1);
    for (const id of [alpha, bravo]) await setSchedule(backend, id, 'America/Chicago');
    queueLeads(db, alpha, 3, { now: clock.now() });
    queueLeads(db, bravo, 3, { now: clock.now() });
    await syncUntilIdle(backend, 60_000); // 06:00 in Texas: everyone waits
    expect(contactRequests(sim)).toEqual([]);

    // Both companies have a lead with +15122000001 (queueLeads numbers each company's leads the same way).
    const list = join(tempDir(), 'stop-report.csv');
    writeFileSync(list, 'Phone,Note\n(512) 200-0001,STOP\n');
    const imported = await backend.call('optouts:import', { path: list });
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.leadsMarked).toBe(2);

    clock.set(WEEKDAY_AFTERNOON);
    await syncUntilIdle(backend, 60_000);
    for (const index of [0, 1] as const) {
      expect(contactPhones(sim, index)).toEqual(['+15122000000', '+15122000002']);
    }
    expect(JSON.stringify(sim.requests().map((r) => r.body))).not.toContain('5122000001');
  });

  it('an edit, a do-not-contact and an undo of scheduled leads cost nothing in GHL', async () => {
    const { backend, clock, sim, db } = await world(newYorkWed(7, 0));
    const id = await addCompany(backend, sim, 0);
    await setSchedule(backend, id, 'America/New_York');
    const batchId = Number(
      db
        .prepare(`INSERT INTO import_batches (company_id, file_name, state, created_at, finished_at) VALUES (?, 'old.csv', 'completed', ?, ?)`)
        .run(id, Date.now(), Date.now()).lastInsertRowid,
    );
    const [edited, marked] = queuePhones(db, id, phones('212', 2), clock.now());
    queuePhones(db, id, phones('212', 2, 10), clock.now(), batchId);
    await syncUntilIdle(backend, 60_000); // 07:00: before the legal floor, everything waits

    const updated = await backend.call('leads:update', { id: edited!, patch: { firstName: 'Edited' } });
    expect(updated.ok).toBe(true);
    const dnc = await backend.call('leads:setDoNotContact', { id: marked!, doNotContact: true });
    expect(dnc.ok).toBe(true);
    const plan = await backend.call('imports:undoPlan', { batchId });
    if (!plan.ok) throw new Error(plan.error.message);
    const undone = await backend.call('imports:undo', { batchId });
    if (!undone.ok) throw new Error(undone.error.message);
    await syncUntilIdle(backend, 60_000);
    expect(contactRequests(sim)).toEqual([]);

    clock.set(newYorkWed(15, 0));
    await syncUntilIdle(backend, 60_000);
    const contacts = sim.contacts(LOCATIONS[0].id);
    expect(contacts.map((c) => [c.phone, c.firstName])).toEqual([[phones('212', 1)[0], 'Edited']]);
  });
});
