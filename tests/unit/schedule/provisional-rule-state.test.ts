/**
 * A lead is placed in its time zone by the sync worker (the ZIP tables are loaded there). Until then its job waited
 * under no state at all, and the plan read no state rule for it: a Sunday-only company's Mississippi leads (no texts
 * on Sunday there) were planned for Sunday, "marked provisional", and after placing no day reached them. Now such a
 * job waits under the state its row names, marked unsure (the zone is the company's for now): 'MS~'.
 */
import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { US_REGION_CODES } from '../../../electron/core/jobs/lead-copy';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import { sendPlan } from '../../../electron/core/schedule/send-plan';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import { isUsRegion } from '../../../electron/pacing/area-codes';
import { createCompanies, useBackends } from '../../helpers/backend';
import { writeQueuedJobs } from '../../helpers/jobs';
import { setSchedule } from '../../helpers/schedule';

// Sunday 2026-12-06 15:00 UTC = 10:00 New York.
const SUN_1000_NY = Date.UTC(2026, 11, 6, 15, 0);

describe('a job whose lead is not placed yet', () => {
  const { open } = useBackends();

  async function sundayOnlyCompany() {
    const backend = open();
    const [id] = await createCompanies(backend, ['Summit']);
    await setSchedule(backend, id, 'America/New_York', { dailyCap: 100, window: { start: '09:00', end: '17:00' }, sendDays: ['sun'] });
    const db = backend.ctx.db.$client;
    const jobs = new JobQueue(db);
    const insert = db.prepare(
      `INSERT INTO leads (company_id, first_name, phone, state, country, status, created_at, updated_at) VALUES (?, 'A', ?, ?, ?, 'queued', ?, ?)`,
    );
    let n = 0;
    /** A queued lead nothing placed yet (as an import leaves it), with its job. */
    const unplacedLead = (state: string | null, country: string | null = 'US') => {
      const leadId = Number(insert.run(id, `+1601555${String(1000 + n++)}`, state, country, SUN_1000_NY, SUN_1000_NY).lastInsertRowid);
      jobs.enqueue(id, leadId, SUN_1000_NY);
      return leadId;
    };
    const sendState = db.prepare<[number], string | null>('SELECT send_state FROM sync_jobs WHERE lead_id = ?').pluck();
    const company = () => {
      const raw = db.prepare('SELECT * FROM companies WHERE id = ?').get(id) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value])) as never;
    };
    return { db, unplacedLead, sendState, company };
  }

  it('waits under the state its row names, marked unsure; the queue’s insert and the trigger agree, and placing gives the lead’s own key', async () => {
    const { db, unplacedLead, sendState } = await sundayOnlyCompany();
    const mississippi = unplacedLead('MS');
    const ontario = unplacedLead('ON', 'CA'); // a province is no state
    const typo = unplacedLead('XX');
    const none = unplacedLead(null);
    // As placeLead reads a row: no country is the US, and a territory written as the country is its own state.
    const noCountry = unplacedLead('tx', '');
    const puertoRico = unplacedLead(null, 'PR');
    expect([mississippi, ontario, typo, none, noCountry, puertoRico].map((id) => sendState.get(id))).toEqual(['MS~', null, null, null, 'TX~', 'PR~']);

    // The row corrected while it waits: its job follows (sync_jobs_follow_lead), as the queue's insert would have it.
    db.prepare(`UPDATE leads SET state = 'TX' WHERE id = ?`).run(mississippi);
    expect(sendState.get(mississippi)).toBe('TX~');
    db.prepare(`UPDATE leads SET state = 'NY' WHERE id = ?`).run(ontario);
    expect(sendState.get(ontario)).toBeNull();
    db.prepare(`UPDATE leads SET country = 'US' WHERE id = ?`).run(ontario);
    expect(sendState.get(ontario)).toBe('NY~');
    db.prepare(`UPDATE leads SET country = 'pr' WHERE id = ?`).run(noCountry);
    expect(sendState.get(noCountry)).toBe('PR~');
    // Placed: the lead's own rules key and zone, whatever its row says.
    const sendZone = db.prepare<[number], string | null>('SELECT send_zone FROM sync_jobs WHERE lead_id = ?').pluck();
    db.prepare(`UPDATE leads SET time_zone = 'America/Chicago', time_zone_source = 'zip', rule_state = 'TX' WHERE id = ?`).run(mississippi);
    expect([sendState.get(mississippi), sendZone.get(mississippi)]).toEqual(['TX', 'America/Chicago']);
    // Its ZIP corrected, it waits to be placed again (leads_place_again): in the company's zone, not the old one.
    db.prepare(`UPDATE leads SET postal_code = '38601', state = 'MS' WHERE id = ?`).run(mississippi);
    expect([sendState.get(mississippi), sendZone.get(mississippi)]).toEqual(['MS~', null]);
    // The list in lead-copy.ts is the placement's (the migration's trigger repeats it).
    const everyCode = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));
    expect(US_REGION_CODES).toEqual(everyCode.filter(isUsRegion));
  });

  it('is planned by its state’s rules: a Sunday-only company’s Mississippi leads are unreachable before they are placed', async () => {
    const { db, unplacedLead, company } = await sundayOnlyCompany();
    for (let i = 0; i < 3; i++) unplacedLead('MS');
    for (let i = 0; i < 2; i++) unplacedLead('TX');
    const plan = sendPlan(db, company(), SUN_1000_NY);
    // Texas allows Sunday from noon (13:00–16:00 here, an hour to spare at each end while the zone is unsure).
    expect(plan).toMatchObject({ scheduled: 5, unreachable: 3, nextSendAt: Date.UTC(2026, 11, 6, 18, 0) });
  });

  it('an import’s leads are planned the same before the sync writes their jobs, and their row corrected meanwhile moves them', async () => {
    const { db, company } = await sundayOnlyCompany();
    const batchId = Number(
      db.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (1, 'f.csv', 'completed', 1, ?)`).run(SUN_1000_NY).lastInsertRowid,
    );
    const row = (n: number, state: string): LeadDraft => ({
      firstName: `L${n}`, lastName: null, phone: `+1601556${String(1000 + n)}`, phoneRaw: null, phoneExt: null, email: null, emailKey: null,
      address1: null, city: null, state, postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null,
      doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [],
    });
    new LeadWriter(db, { companyId: 1, batchId, onDuplicate: 'skip', queueSync: true, tag: null }).writeChunk(
      [row(0, 'MS'), row(1, 'MS'), row(2, 'MS'), row(3, 'TX'), row(4, 'TX')], undefined, SUN_1000_NY,
    );
    expect(db.prepare('SELECT count(*) AS n FROM sync_jobs').get()).toEqual({ n: 0 });
    expect(sendPlan(db, company(), SUN_1000_NY)).toMatchObject({ scheduled: 5, unreachable: 3, nextSendAt: Date.UTC(2026, 11, 6, 18, 0) });
    // One Mississippi row corrected to Texas, one made do-not-contact, before the sync gets to them.
    const [first, second] = db.prepare(`SELECT id FROM leads WHERE state = 'MS' ORDER BY id`).pluck().all() as number[];
    db.prepare(`UPDATE leads SET state = 'TX' WHERE id = ?`).run(first);
    db.prepare(`UPDATE leads SET status = 'do-not-contact', do_not_contact = 1 WHERE id = ?`).run(second);
    expect(sendPlan(db, company(), SUN_1000_NY)).toMatchObject({ scheduled: 4, unreachable: 1 });
    // The sync writes their jobs: the same plan, from the jobs now.
    writeQueuedJobs(db);
    expect(db.prepare('SELECT count(*) AS n FROM sync_jobs').get()).toEqual({ n: 4 });
    expect(sendPlan(db, company(), SUN_1000_NY)).toMatchObject({ scheduled: 4, unreachable: 1 });
    expect(db.prepare(`SELECT state, sum(n) AS n FROM waiting_job_counts GROUP BY state HAVING sum(n) <> 0 ORDER BY state`).all()).toEqual([
      { state: 'MS~', n: 1 },
      { state: 'TX~', n: 3 },
    ]);
  });
});
