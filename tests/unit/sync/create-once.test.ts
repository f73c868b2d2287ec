import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { ClaimGoneError, CreateAlreadySentError, CreateLedger, createOnce, EnrolledThroughSiblingError } from '../../../electron/sync/create-once';
import { RateLimiter } from '../../../electron/ghl/rate-limiter';
import { useTempDirs } from '../../helpers/temp-dir';
import { queueLeads } from '../../integration/sync/world';
import { placeAllLeads } from '../../helpers/jobs';
import { openSchedulesAt } from '../../helpers/schedule';

function setup(tempDir: () => string) {
  const db = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
  const now = Date.now();
  db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://127.0.0.1:1', ?, ?)`).run(now, now);
  const [leadId] = queueLeads(db, 1, 1) as [number];
  placeAllLeads(db);
  // Not about pacing: the schedule holds nothing back at the real time these claims use.
  openSchedulesAt(db);
  return { db, leadId, ledger: new CreateLedger(db), jobs: new JobQueue(db) };
}

const unknown = Object.assign(new Error('no answer'), { isUnknown: true });
const isUnknown = (e: unknown) => e instanceof Error && 'isUnknown' in e;

describe('create once in GHL', () => {
  const tempDir = useTempDirs();

  // A review: a lead deleted while its enrolment was on its way kept its row "pending" for good (removed_lead_creates): the
  // customer added again failed "check GHL", and the day's cap counted a text GHL may have refused.
  it('settles a deleted lead’s calls that were on their way when GHL answers: done, or cleared', () => {
    const { db, leadId, ledger } = setup(tempDir);
    const enrolment = { leadId, kind: 'enrol-workflow', target: 'wf-1', contactId: 'c-1' } as const;
    const note = { leadId, kind: 'note', target: 'import-note', contactId: 'c-1' } as const;
    ledger.recordIntents([enrolment, note], Date.now());
    db.prepare(`UPDATE leads SET ghl_contact_id = 'c-1' WHERE id = ?`).run(leadId);
    db.prepare('DELETE FROM leads WHERE id = ?').run(leadId);
    const removed = () => db.prepare('SELECT kind, state FROM removed_lead_creates WHERE lead_id = ? ORDER BY kind').all(leadId);
    expect(removed()).toEqual([{ kind: 'enrol-workflow', state: 'pending' }, { kind: 'note', state: 'pending' }]);
    const sentAt = db.prepare(`SELECT sent_at FROM removed_lead_creates WHERE lead_id = ? AND kind = 'enrol-workflow'`).pluck().get(leadId);
    ledger.markDone(enrolment, Date.now());
    ledger.clear([note]);
    expect(removed()).toEqual([{ kind: 'enrol-workflow', state: 'done' }]);
    // The text went: the caps count it as a lead's enrolment, at its call (a review: settled done, it stopped counting).
    expect(db.prepare('SELECT company_id AS companyId, enrolled_at AS at FROM enrolment_log').all()).toEqual([{ companyId: 1, at: sentAt }]);
    expect(db.prepare('SELECT enrolled_at FROM removed_leads_in_ghl WHERE lead_id = ?').pluck().get(leadId)).toBe(sentAt);
    // Settled again (a late second answer): counted once.
    ledger.markDone(enrolment, Date.now());
    expect(db.prepare('SELECT count(*) FROM enrolment_log').pluck().get()).toBe(1);
  });

  // A review: a lead in the campaign through another lead's enrolment takes no place of its own; one marked do-not-contact
  // meanwhile took none either, and the uncount removed the other lead's own place.
  it('a lead followed to another’s enrolment, marked do-not-contact meanwhile, leaves the other’s place in the cap', () => {
    const { db, jobs } = setup(tempDir);
    const siblingAt = Date.now() - 60_000;
    db.prepare('INSERT INTO enrolment_log (company_id, enrolled_at) VALUES (1, ?)').run(siblingAt);
    const claimed = jobs.claim(1, 'r', 1, Date.now(), 60_000);
    expect(claimed).toHaveLength(1);
    db.prepare('UPDATE leads SET do_not_contact = 1').run();
    jobs.completeThroughSibling(claimed, Date.now(), siblingAt);
    expect(db.prepare('SELECT count(*) FROM enrolment_log').pluck().get()).toBe(1);
  });

  // A chaos run: enrolments waiting in the rate limiter (after a 429) when the sync was killed were left
  // "unconfirmed" for a person to check, though GHL never received them: the intent came before the wait.
  it('writes no intent while the call waits for the rate limiter, and none at all when the location is halted', async () => {
    const { db, leadId, ledger } = setup(tempDir);
    const key = { leadId, kind: 'enrol-workflow', target: 'wf-1', contactId: 'c-1' } as const;
    const limiter = new RateLimiter();
    limiter.onTooManyRequests(400);
    const intent = () => db.prepare(`SELECT state FROM ghl_creates WHERE lead_id = ?`).get(leadId);
    const pending = createOnce(ledger, key, async () => 'enrolled', isUnknown, Date.now, () => limiter.whenFree());
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(intent()).toBeUndefined();
    expect(await pending).toEqual({ status: 'created', value: 'enrolled' });
    expect(intent()).toEqual({ state: 'pending' }); // done is the lane's write
    // GHL asked to wait an hour: nothing is written, nothing sent, and the answer says so.
    ledger.clear([key]);
    limiter.onTooManyRequests(3_600_000);
    let isCalled = false;
    const halted = await createOnce(ledger, key, async () => (isCalled = true), isUnknown, Date.now, () => limiter.whenFree());
    expect(halted.status).toBe('not-created');
    expect(isCalled).toBe(false);
    expect(intent()).toBeUndefined();
  });

  // Two leads of one GHL contact (an old CRM's two records of one customer). GHL's 429 proves it did not act,
  // so the client clears the intent (onRefused) and tries again after its pause. In that pause the other
  // lead's check found no intent of this contact and enrolled her; the retry wrote its intent back with no
  // check (onSend) and enrolled her a second time: texted twice (a review's run through the simulator: 2 of 8).
  it('a retry after a 429 checks again for the other lead of the same contact, and does not enrol her twice', async () => {
    const { db, ledger, leadId: x } = setup(tempDir);
    const y = Number(db.prepare(`INSERT INTO leads (company_id, phone, status, created_at, updated_at) VALUES (1, '+15125550142', 'queued', 0, 0)`).run().lastInsertRowid);
    db.prepare(`UPDATE leads SET ghl_contact_id = 'c-1' WHERE id IN (?, ?)`).run(x, y);
    const keyOf = (leadId: number) => ({ leadId, kind: 'enrol-workflow', target: 'wf-1', contactId: 'c-1' }) as const;
    const enrolled: number[] = [];
    const answer = createOnce(
      ledger,
      keyOf(x),
      async (hooks) => {
        hooks.onSend?.();
        hooks.onRefused?.(); // 429
        // The pause: the other lead's enrolment goes through.
        expect(await createOnce(ledger, keyOf(y), async () => enrolled.push(y), isUnknown, Date.now)).toMatchObject({ status: 'created' });
        ledger.markDone(keyOf(y), Date.now());
        hooks.onSend?.(); // the retry leaves
        enrolled.push(x);
      },
      isUnknown,
      Date.now,
    );
    await expect(answer).rejects.toBeInstanceOf(EnrolledThroughSiblingError);
    expect(enrolled).toEqual([y]);
    expect(db.prepare(`SELECT lead_id AS leadId, state FROM ghl_creates`).all()).toEqual([{ leadId: y, state: 'done' }]);
  });

  // Stop sending and undo take back jobs the sync claimed (batch-jobs.ts TAKEN_BACK): the claim is checked in
  // the intents' own transaction, so a lead taken back is never tagged or enrolled, whichever write lands first.
  it('records no intent for a key whose claim is gone, and createOnce sends nothing for it', async () => {
    const { db, ledger, leadId } = setup(tempDir);
    const other = Number(db.prepare(`INSERT INTO leads (company_id, phone, status, created_at, updated_at) VALUES (1, '+15125550143', 'queued', 0, 0)`).run().lastInsertRowid);
    const keyOf = (id: number) => ({ leadId: id, kind: 'enrol-tag', target: 'reactivation', contactId: `c-${id}` }) as const;
    expect(ledger.recordIntents([keyOf(leadId), keyOf(other)], Date.now(), (key) => key.leadId !== other)).toEqual([keyOf(leadId)]);
    expect(db.prepare(`SELECT lead_id AS id FROM ghl_creates`).all()).toEqual([{ id: leadId }]);
    let isCalled = false;
    const workflowKey = { leadId: other, kind: 'enrol-workflow', target: 'wf-1', contactId: 'c-9' } as const;
    await expect(createOnce(ledger, workflowKey, async () => (isCalled = true), isUnknown, Date.now, async () => {}, () => false)).rejects.toBeInstanceOf(ClaimGoneError);
    expect(isCalled).toBe(false);
    expect(ledger.find(workflowKey)).toBeNull();
  });

  it('commits the intent before the call and refuses a second one until the first is settled', async () => {
    const { db, leadId, ledger } = setup(tempDir);
    const key = { leadId, kind: 'enrol-workflow', target: 'wf-1', contactId: 'c-1' } as const;
    let stateDuringCall: unknown = null;
    const answer = await createOnce(ledger, key, async () => {
      stateDuringCall = db.prepare(`SELECT state FROM ghl_creates WHERE lead_id = ?`).get(leadId);
      throw unknown;
    }, isUnknown, Date.now);
    expect(stateDuringCall).toEqual({ state: 'pending' });
    expect(answer.status).toBe('unknown');
    // Still open: a second send is refused by construction, whoever asks.
    await expect(createOnce(ledger, key, async () => 'sent again', isUnknown, Date.now)).rejects.toBeInstanceOf(CreateAlreadySentError);
    expect(ledger.openEnrolments(leadId)).toMatchObject([{ state: 'pending', contactId: 'c-1', target: 'wf-1' }]);
  });

  it('clears the intent when the answer proves nothing was created, and records done with the job completion', async () => {
    const { db, leadId, ledger, jobs } = setup(tempDir);
    const key = { leadId, kind: 'enrol-workflow', target: 'wf-1', contactId: 'c-1' } as const;
    const refused = await createOnce(ledger, key, async () => { throw new Error('422'); }, isUnknown, Date.now);
    expect(refused.status).toBe('not-created');
    expect(ledger.openEnrolments(leadId)).toEqual([]);

    const [job] = jobs.claim(1, 'r', 1, Date.now(), 60_000);
    const created = await createOnce(ledger, key, async () => 'ok', isUnknown, Date.now);
    expect(created).toEqual({ status: 'created', value: 'ok' });
    // An edit meanwhile resets the job: the lead still counts as enrolled.
    jobs.enqueue(1, leadId, Date.now());
    expect(jobs.completeSynced([job!], Date.now(), { alsoInTx: () => ledger.markDone(key, Date.now()) })).toBe(0);
    expect(db.prepare(`SELECT state FROM ghl_creates WHERE lead_id = ?`).get(leadId)).toEqual({ state: 'done' });
    expect(db.prepare(`SELECT enrolled_at IS NOT NULL AS isEnrolled FROM leads WHERE id = ?`).get(leadId)).toEqual({ isEnrolled: 1 });
    expect(jobs.claim(1, 'r', 1, Date.now(), 60_000)[0]?.lead.wasEnrolled).toBe(true);
  });

  it("bumps the lead's version on every change of a field sent to GHL, not on the sync's own writes", () => {
    const { db, leadId, jobs } = setup(tempDir);
    const version = () => (db.prepare(`SELECT version FROM leads WHERE id = ?`).get(leadId) as { version: number }).version;
    // Placed by setup(): where it is counts too (0054), as the zone written with each placement always did.
    const placed = version();
    db.prepare(`UPDATE leads SET first_name = 'Ann' WHERE id = ?`).run(leadId);
    db.prepare(`UPDATE leads SET city = 'Austin', do_not_contact = 0 WHERE id = ?`).run(leadId);
    expect(version()).toBe(placed + 2);
    const [job] = jobs.claim(1, 'r', 1, Date.now(), 60_000);
    expect(job?.lead.version).toBe(placed + 2);
    jobs.recordUpsert(job!, 'c-1', true, false, Date.now());
    expect(jobs.isCurrent(job!)).toBe(true);
    db.prepare(`UPDATE leads SET email = 'ann@example.com' WHERE id = ?`).run(leadId);
    expect(jobs.isCurrent(job!)).toBe(false);
  });

  it('leaves the version and the place alone when a write gives the fields the values they had', () => {
    const { db, leadId } = setup(tempDir);
    const lead = db.prepare<[number], { version: number; source: string | null }>(`SELECT version, time_zone_source AS source FROM leads WHERE id = ?`);
    db.prepare(`UPDATE leads SET phone = '+15125550142' WHERE id = ?`).run(leadId);
    db.prepare(`UPDATE leads SET time_zone = 'America/Chicago', time_zone_source = 'phone' WHERE id = ?`).run(leadId);
    const placed = lead.get(leadId)!;
    expect(placed.source).toBe('phone');
    // The lead form writes every field it shows; the placement writes the zone it found.
    db.prepare(`UPDATE leads SET phone = phone, first_name = first_name, time_zone = time_zone, do_not_contact = do_not_contact WHERE id = ?`).run(leadId);
    expect(lead.get(leadId)).toEqual(placed);
    // Placed elsewhere on the same clock: a lead placed nowhere gives GHL no zone, and another state's rules may hold.
    db.prepare(`UPDATE leads SET time_zone_source = 'ghl-phone' WHERE id = ?`).run(leadId);
    expect(lead.get(leadId)).toEqual({ version: placed.version + 1, source: 'ghl-phone' });
    db.prepare(`UPDATE leads SET rule_state = 'MS' WHERE id = ?`).run(leadId);
    expect(lead.get(leadId)!.version).toBe(placed.version + 2);
    db.prepare(`UPDATE leads SET phone = '+15125550199' WHERE id = ?`).run(leadId);
    expect(lead.get(leadId)).toMatchObject({ source: null });
    expect(lead.get(leadId)!.version).toBeGreaterThan(placed.version + 2);
  });
});

describe('what was sent once although GHL would take it twice (the old CRM tags)', () => {
  const tempDir = useTempDirs();

  it('is recorded done without an intent, found again, and never listed for a person', () => {
    const { leadId, ledger } = setup(tempDir);
    const key = { leadId, kind: 'crm-tags', target: 'storm; VIP' } as const;
    expect(ledger.find(key)).toBeNull();
    ledger.recordDone({ ...key, contactId: 'c-1' }, 1_000);
    expect(ledger.find(key)).toEqual({ state: 'done', contactId: 'c-1', resultId: null, sentAt: 1_000 });
    // A second record (the same tags sent again after a lost answer) is no error.
    ledger.recordDone({ ...key, contactId: 'c-2' }, 2_000);
    expect(ledger.find(key)).toMatchObject({ state: 'done', contactId: 'c-2' });
    expect(ledger.openEnrolments(leadId)).toEqual([]);
    expect(ledger.listUnconfirmed(null)).toEqual([]);
  });
});
