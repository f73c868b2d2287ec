/**
 * Opt-outs hold everywhere: paths found by a review where a number on the office's opt-out list came off it,
 * or a lead that opted out was still sent, or its do-not-disturb never reached GHL. Each test failed on the
 * code before its fix. A real backend on a temp SQLite file; the claim is the sync's own (JobQueue.claim).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { backupDatabase, stageRestore } from '../../../electron/core/backup/backup-service';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { migrationsBefore } from '../../helpers/migrations';
import { useBackends, valueOf } from '../../helpers/backend';
import { placeAllLeads, writeQueuedJobs } from '../../helpers/jobs';
import { openSchedulesAt } from '../../helpers/schedule';

const PHONE = '(512) 555-0142';

describe('opt-outs hold', () => {
  const { open, tempDir } = useBackends();

  async function office() {
    const backend = open();
    const alpha = valueOf(await backend.call('companies:create', { name: 'Alpha Roofing', ghlLocationId: 'locAlpha1' })).id;
    const beta = valueOf(await backend.call('companies:create', { name: 'Beta Roofing', ghlLocationId: 'locBeta01' })).id;
    const client = backend.ctx.db.$client;
    const listed = () => client.prepare('SELECT value, source FROM opt_outs WHERE removed_at IS NULL ORDER BY value').all();
    const jobsOf = (leadId: number) => client.prepare('SELECT state FROM sync_jobs WHERE lead_id = ? ORDER BY id').pluck().all(leadId);
    /** What the sync would send for the company now. */
    const claim = (companyId: number, now = Date.now()) => {
      placeAllLeads(client);
      openSchedulesAt(client, now);
      return new JobQueue(client).claim(companyId, 'test-runner', 100, now, 60_000);
    };
    const lead = async (companyId: number, phone = PHONE, extra: Record<string, unknown> = {}) =>
      valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', phone, ...extra })).id;
    const setDoNotContact = (id: number, doNotContact: boolean) => backend.call('leads:setDoNotContact', { id, doNotContact });
    return { backend, client, alpha, beta, listed, jobsOf, claim, lead, setDoNotContact };
  }

  it("a STOP report for a number a lead's own mark listed keeps it listed when that lead's mark is lifted", async () => {
    const { backend, alpha, listed, claim, lead, setDoNotContact } = await office();
    const ann = await lead(alpha);
    valueOf(await setDoNotContact(ann, true));
    const report = join(tempDir(), 'stop-report.csv');
    writeFileSync(report, `Phone\n${PHONE}\n`);
    valueOf(await backend.call('optouts:import', { path: report }));
    expect(listed()).toEqual([{ value: '+15125550142', source: 'import' }]);

    const lifted = await setDoNotContact(ann, false);
    expect(lifted.ok).toBe(false); // the STOP report keeps her out, and says so
    expect(listed()).toEqual([{ value: '+15125550142', source: 'import' }]);
    expect(claim(alpha)).toEqual([]);
  });

  it("lifting one lead's mark keeps the number listed while another company's lead with it is DND in GHL", async () => {
    const { client, alpha, beta, listed, claim, lead, setDoNotContact } = await office();
    const inAlpha = await lead(alpha);
    const inBeta = await lead(beta);
    valueOf(await setDoNotContact(inAlpha, true));
    // GHL reports Beta's contact on do-not-disturb (what the sync records from an upsert's answer).
    client.prepare(`UPDATE leads SET status = 'dnd', ghl_contact_id = 'cBeta' WHERE id = ?`).run(inBeta);

    expect((await setDoNotContact(inAlpha, false)).ok).toBe(false);
    expect(listed()).toEqual([{ value: '+15125550142', source: 'lead-dnc' }]);
    expect(claim(alpha)).toEqual([]);
  });

  // A review found the entry gone, and a third company's lead with the number claimed for sending.
  it("lifting one lead's mark keeps the number listed while a person marked another company's lead with it", async () => {
    const { backend, alpha, beta, listed, claim, lead, setDoNotContact } = await office();
    const gamma = valueOf(await backend.call('companies:create', { name: 'Gamma Roofing', ghlLocationId: 'locGamma1' })).id;
    const inAlpha = await lead(alpha);
    const inBeta = await lead(beta);
    valueOf(await setDoNotContact(inAlpha, true)); // listed, credited to Alpha
    valueOf(await setDoNotContact(inBeta, true)); // the customer tells Beta STOP: the entry stands already
    expect((await setDoNotContact(inAlpha, false)).ok).toBe(false); // she opted out: Alpha's lead stays out too
    expect(listed()).toEqual([{ value: '+15125550142', source: 'lead-dnc' }]);
    await lead(gamma);
    expect(claim(gamma)).toEqual([]);
  });

  it("…and so does a file's own do-not-contact column for the number, imported into another company", async () => {
    const { backend, alpha, beta, listed, claim, lead, setDoNotContact } = await office();
    const inAlpha = await lead(alpha);
    valueOf(await setDoNotContact(inAlpha, true));
    const file = join(tempDir(), 'beta-crm.csv');
    writeFileSync(file, `First Name,Phone,Do Not Contact\nAnn,${PHONE},yes\n`);
    const { encoding, delimiter, hasHeader, mapping } = valueOf(await backend.call('imports:inspect', { path: file, companyId: beta }));
    const started = valueOf(await backend.call('imports:start', { path: file, companyId: beta, options: { encoding, delimiter, hasHeader }, mapping, queueSync: true }));
    await backend.ctx.imports.finished(started.batchId);
    expect((await setDoNotContact(inAlpha, false)).ok).toBe(false);
    expect(listed()).toEqual([{ value: '+15125550142', source: 'lead-dnc' }]);
    expect(claim(alpha)).toEqual([]);
  });

  it('a mark made by mistake is still undone whole when no other lead holds the number', async () => {
    const { alpha, listed, claim, lead, setDoNotContact } = await office();
    const ann = await lead(alpha);
    valueOf(await setDoNotContact(ann, true));
    valueOf(await setDoNotContact(ann, false));
    expect(listed()).toEqual([]);
    expect(claim(alpha).map((job) => job.leadId)).toEqual([ann]);
  });

  it("a lead already claimed for sending stops when its number goes on the list meanwhile (another company's lead opted out)", async () => {
    const { client, alpha, beta, claim, lead, setDoNotContact } = await office();
    const inAlpha = await lead(alpha);
    const inBeta = await lead(beta);
    const [job] = claim(beta);
    expect(job?.leadId).toBe(inBeta);
    const queue = new JobQueue(client);
    expect(queue.isCurrent(job!)).toBe(true);

    valueOf(await setDoNotContact(inAlpha, true));
    // Asked before every GHL call of the claim: no call goes; given back, the next claim marks the lead.
    expect(queue.isCurrent(job!)).toBe(false);
    queue.release([job!], Date.now(), Date.now());
    expect(claim(beta)).toEqual([]);
    expect(client.prepare('SELECT do_not_contact FROM leads WHERE id = ?').pluck().get(inBeta)).toBe(1);
  });

  /** Ann's lead, sent to GHL (contact cAnn, enrolled) from an import batch, then marked do-not-contact: her DND job waits. */
  async function sentThenOptedOut(o: Awaited<ReturnType<typeof office>>) {
    const { backend, client, alpha, jobsOf, setDoNotContact } = o;
    const file = join(tempDir(), 'leads.csv');
    writeFileSync(file, `First Name,Phone\nAnn,${PHONE}\nBob,(512) 555-0143\n`);
    const inspected = valueOf(await backend.call('imports:inspect', { path: file, companyId: alpha }));
    const { encoding, delimiter, hasHeader, mapping } = inspected;
    const { batchId } = valueOf(await backend.call('imports:start', { path: file, companyId: alpha, options: { encoding, delimiter, hasHeader }, mapping, queueSync: true }));
    await backend.ctx.imports.finished(batchId);
    // The sync writes their jobs before it sends them.
    writeQueuedJobs(client);
    const [ann] = client.prepare('SELECT id FROM leads WHERE batch_id = ? ORDER BY id').pluck().all(batchId) as number[];
    client.prepare(`UPDATE leads SET status = 'synced', ghl_contact_id = 'cAnn', enrolled_at = 1 WHERE id = ?`).run(ann);
    client.prepare(`UPDATE sync_jobs SET state = 'succeeded' WHERE lead_id = ?`).run(ann);
    valueOf(await setDoNotContact(ann!, true));
    expect(jobsOf(ann!)).toEqual(['queued']);
    return { batchId, ann: ann! };
  }

  it("cancelling an import batch's sync keeps the job that turns on DND in GHL for a lead that opted out after it was sent", async () => {
    const o = await office();
    const { batchId, ann } = await sentThenOptedOut(o);
    valueOf(await o.backend.call('sync:cancelBatch', { batchId }));
    expect(o.jobsOf(ann)).toEqual(['queued']);
  });

  it('a lead marked do-not-contact while its first upsert is on its way gets DND in GHL once the contact exists', async () => {
    const { client, alpha, jobsOf, claim, lead, setDoNotContact } = await office();
    const ann = await lead(alpha);
    const [job] = claim(alpha);
    valueOf(await setDoNotContact(ann, true)); // GHL has no contact of hers yet: her job is cancelled
    expect(jobsOf(ann)).toEqual(['cancelled']);
    // The upsert's answer arrives: GHL created her contact.
    new JobQueue(client).recordUpsert(job!, 'cAnn', true, false, Date.now());
    expect(jobsOf(ann)).toEqual(['queued']);
    const [dnd] = claim(alpha);
    expect(dnd?.leadId).toBe(ann);
    expect(dnd?.lead.doNotContact).toBe(true);
  });

  for (const onDuplicate of ['skip', 'update'] as const) {
    it(`a file row marked do-not-contact that matches a lead by its email lists its own phone too (${onDuplicate} duplicates)`, async () => {
      const { backend, alpha, beta, listed, claim, lead } = await office();
      await lead(alpha, PHONE, { email: 'ann@example.com' });
      const file = join(tempDir(), 'dnc.csv');
      writeFileSync(file, 'First Name,Phone,Email,Do Not Contact\nAnn,(512) 555-0199,ann@example.com,yes\n');
      const { encoding, delimiter, hasHeader, mapping } = valueOf(await backend.call('imports:inspect', { path: file, companyId: alpha }));
      const started = valueOf(await backend.call('imports:start', { path: file, companyId: alpha, options: { encoding, delimiter, hasHeader }, mapping, onDuplicate, queueSync: true }));
      await backend.ctx.imports.finished(started.batchId);
      expect(listed()).toEqual(expect.arrayContaining([{ value: '+15125550199', source: 'lead-dnc' }]));
      // Beta's lead with the number the customer gave in that row is not sent.
      await lead(beta, '(512) 555-0199');
      expect(claim(beta)).toEqual([]);
    });
  }

  it("a phone or email given to a lead that opted out goes on the list", async () => {
    const { backend, alpha, beta, listed, claim, lead } = await office();
    const ann = await lead(alpha, PHONE, { doNotContact: true });
    valueOf(await backend.call('leads:update', { id: ann, patch: { phone: '(512) 555-0177', email: 'ann@example.com' } }));
    expect(listed()).toEqual([
      { value: '+15125550142', source: 'lead-dnc' },
      { value: '+15125550177', source: 'lead-dnc' },
      { value: 'ann@example.com', source: 'lead-dnc' },
    ]);
    await lead(beta, '(512) 555-0177');
    expect(claim(beta)).toEqual([]);
  });

  it('a number the office took off the list stays off when an opted-out lead that has it is edited otherwise', async () => {
    const { backend, alpha, listed, lead } = await office();
    const ann = await lead(alpha, PHONE, { doNotContact: true });
    const [entry] = valueOf(await backend.call('optouts:list', {})).items;
    valueOf(await backend.call('optouts:remove', { id: entry!.id, reason: 'Customer asked to hear from us again' }));
    valueOf(await backend.call('leads:update', { id: ann, patch: { email: 'ann@example.com' } }));
    expect(listed()).toEqual([{ value: 'ann@example.com', source: 'lead-dnc' }]);
  });

  it('migration 0029 lists the numbers opted-out leads were given before it, but not one the office took off the list', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_opt_out_new_contact_values', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
    const add = old.prepare(`INSERT INTO leads (company_id, phone, email_key, status, do_not_contact, created_at, updated_at) VALUES (1, ?, ?, ?, ?, 1, 1)`);
    const ann = add.run('+15125550142', null, 'do-not-contact', 1).lastInsertRowid;
    const bob = add.run('+15125550143', null, 'dnd', 0).lastInsertRowid;
    add.run('+15125550144', null, 'queued', 0);
    // Do-not-contact, but 'failed': its DND could not be turned on in GHL.
    const cy = add.run('+15125550145', null, 'failed', 1).lastInsertRowid;
    // Given new values after they opted out (the edit the old triggers missed) …
    old.prepare(`UPDATE leads SET phone = '+15125550177', email_key = 'ann@example.com' WHERE id = ?`).run(ann);
    old.prepare(`UPDATE leads SET phone = '+15125550178' WHERE id = ?`).run(bob);
    old.prepare(`UPDATE leads SET phone = '+15125550179' WHERE id = ?`).run(cy);
    // … and one the office removed on purpose.
    old.prepare(`INSERT INTO opt_outs (kind, value, source, created_at, removed_at, removed_reason) VALUES ('phone', '+15125550178', 'manual', 1, 2, 'asked to hear from us')`).run();
    old.close();
    const db = openDatabase(file).$client;
    expect(db.prepare('SELECT value FROM opt_outs WHERE removed_at IS NULL ORDER BY value').pluck().all()).toEqual(['+15125550142', '+15125550143', '+15125550145', '+15125550177', '+15125550179', 'ann@example.com']);
    db.close();
  });

  it('a lead whose do-not-disturb has not reached GHL yet is not deleted (its job would go with it); deleting its company says so first', async () => {
    const o = await office();
    const { ann } = await sentThenOptedOut(o);
    const removed = await o.backend.call('leads:remove', { id: ann });
    expect(removed).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('do-not-disturb is not turned on') } });
    expect(o.jobsOf(ann)).toEqual(['queued']);
    const companyRemoved = await o.backend.call('companies:remove', { id: o.alpha });
    expect(companyRemoved).toMatchObject({ ok: false, error: { message: expect.stringContaining('1 of them opted out after they were sent') } });
  });

  it('a lead whose do-not-disturb failed to reach GHL is not deleted either: it waits for a retry, and says so', async () => {
    const o = await office();
    const { ann } = await sentThenOptedOut(o);
    // What the sync writes when GHL refuses the DND for good (JobQueue.fail after its claim).
    const jobs = new JobQueue(o.client);
    const [job] = jobs.claim(o.alpha, 'test-runner', 10, Date.now(), 60_000, 'free').filter((j) => j.leadId === ann);
    expect(job).toBeDefined();
    expect(jobs.fail(job!, 1, 'http-422', 'GHL refused the update', Date.now())).toBe(true);
    expect(o.jobsOf(ann)).toEqual(['failed']);

    const removed = await o.backend.call('leads:remove', { id: ann });
    expect(removed).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('turning on do-not-disturb for its contact there failed (GHL refused the update)') } });
    expect(o.jobsOf(ann)).toEqual(['failed']);
    const companyRemoved = await o.backend.call('companies:remove', { id: o.alpha });
    expect(companyRemoved).toMatchObject({ ok: false, error: { message: expect.stringContaining('it failed for 1: retry their failed leads') } });
    // The retry puts the DND back on its way; once GHL has it, the lead goes.
    valueOf(await o.backend.call('sync:retryFailed', { scope: 'lead', leadId: ann }));
    expect(o.jobsOf(ann)).toEqual(['queued']);
  });

  it("restoring an older backup keeps the opt-outs made since, and marks the leads they name", async () => {
    const dataDir = tempDir();
    const monday = open(dataDir);
    const alpha = valueOf(await monday.call('companies:create', { name: 'Alpha Roofing', ghlLocationId: 'locAlpha1' })).id;
    const ann = valueOf(await monday.call('leads:create', { companyId: alpha, firstName: 'Ann', phone: PHONE })).id;
    const bob = valueOf(await monday.call('leads:create', { companyId: alpha, firstName: 'Bob', phone: '(512) 555-0143' })).id;
    const backup = join(tempDir(), 'monday.sqlite');
    await backupDatabase(monday.ctx.db, backup);
    // Tuesday: Ann texts STOP and the office adds her number; Bob's lead is marked by hand.
    valueOf(await monday.call('optouts:add', { phone: PHONE, reason: 'Texted STOP' }));
    valueOf(await monday.call('leads:setDoNotContact', { id: bob, doNotContact: true }));
    await monday.close();

    stageRestore(dataDir, backup);
    const wednesday = open(dataDir);
    const client = wednesday.ctx.db.$client;
    expect(client.prepare('SELECT value, source FROM opt_outs WHERE removed_at IS NULL ORDER BY value').all()).toEqual([
      { value: '+15125550142', source: 'manual' },
      { value: '+15125550143', source: 'lead-dnc' },
    ]);
    expect(client.prepare('SELECT id, do_not_contact AS dnc FROM leads ORDER BY id').all()).toEqual([
      { id: ann, dnc: 1 },
      { id: bob, dnc: 1 },
    ]);
    placeAllLeads(client);
    openSchedulesAt(client, Date.now());
    expect(new JobQueue(client).claim(alpha, 'test-runner', 10, Date.now(), 60_000)).toEqual([]);
  });

  // The office took over a lead's entry after the backup (a STOP report, a number typed in); the restore kept the
  // backup's "this lead's own mark", and lifting that lead then took the customer's STOP off the list.
  it("restoring an older backup keeps the office's takeover of a lead's entry made since: lifting the lead is refused", async () => {
    const dataDir = tempDir();
    const monday = open(dataDir);
    const alpha = valueOf(await monday.call('companies:create', { name: 'Alpha Roofing', ghlLocationId: 'locAlpha1' })).id;
    const ann = valueOf(await monday.call('leads:create', { companyId: alpha, firstName: 'Ann', phone: PHONE, doNotContact: true })).id;
    const backup = join(tempDir(), 'monday.sqlite');
    await backupDatabase(monday.ctx.db, backup);
    valueOf(await monday.call('optouts:add', { phone: PHONE, reason: 'Texted STOP' })); // Tuesday
    await monday.close();

    stageRestore(dataDir, backup);
    const wednesday = open(dataDir);
    const client = wednesday.ctx.db.$client;
    expect(client.prepare('SELECT value, source FROM opt_outs WHERE removed_at IS NULL').all()).toEqual([{ value: '+15125550142', source: 'manual' }]);
    expect((await wednesday.call('leads:setDoNotContact', { id: ann, doNotContact: false })).ok).toBe(false);
    expect(client.prepare('SELECT count(*) FROM opt_outs WHERE removed_at IS NULL').pluck().get()).toBe(1);
  });

  it("a mistaken mark stays undoable after the list marked another company's lead with the number", async () => {
    const { alpha, beta, listed, claim, lead, setDoNotContact } = await office();
    const inAlpha = await lead(alpha);
    const inBeta = await lead(beta);
    valueOf(await setDoNotContact(inAlpha, true)); // by mistake
    expect(claim(beta)).toEqual([]); // Beta's lead is marked at its claim, by the list
    valueOf(await setDoNotContact(inAlpha, false));
    valueOf(await setDoNotContact(inBeta, false));
    expect(listed()).toEqual([]);
    expect(claim(beta).map((job) => job.leadId)).toEqual([inBeta]);
  });

  // Lifting took off the list any entry a lead's mark had put there for the company, though this lead's mark
  // came from the list: the customer's STOP (on a lead deleted since) went, and the lead was sent.
  it("lifting a lead the list marked does not take off the entry another lead's own mark made", async () => {
    const { backend, alpha, listed, claim, lead, setDoNotContact } = await office();
    const first = await lead(alpha, PHONE, { doNotContact: true }); // she told the office STOP
    valueOf(await backend.call('leads:remove', { id: first }));
    const again = await lead(alpha, '512-555-0142'); // typed in again: the list marks it
    const lifted = await setDoNotContact(again, false);
    expect(lifted.ok).toBe(false);
    expect(listed()).toEqual([{ value: '+15125550142', source: 'lead-dnc' }]);
    expect(claim(alpha)).toEqual([]);
  });

  it('a new phone given to a lead GHL has on DND goes on the list (the edit re-queues it in the same write)', async () => {
    const { backend, client, alpha, beta, listed, claim, lead } = await office();
    const ann = await lead(alpha);
    client.prepare(`UPDATE leads SET status = 'dnd', ghl_contact_id = 'cAnn' WHERE id = ?`).run(ann);
    valueOf(await backend.call('leads:update', { id: ann, patch: { phone: '(512) 555-0177' } }));
    expect(listed()).toEqual(expect.arrayContaining([{ value: '+15125550177', source: 'ghl-dnd' }]));
    await lead(beta, '(512) 555-0177');
    expect(claim(beta)).toEqual([]);
  });

  // A status review found "1 lead(s) wait for your check" and `resend` queuing an enrolment for a lead that had opted out.
  it('an enrolment GHL did not confirm is no longer a check for the office once the lead opts out', async () => {
    const { backend, client, alpha, lead, setDoNotContact } = await office();
    const ann = await lead(alpha);
    client.prepare(`UPDATE leads SET ghl_contact_id = 'cAnn' WHERE id = ?`).run(ann);
    client
      .prepare(`INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at) VALUES (?, 'enrol-workflow', 'wf-1', 'unconfirmed', 'cAnn', 1)`)
      .run(ann);
    const unconfirmed = backend.ctx.sync.unconfirmed;
    expect(unconfirmed.count()).toBe(1);
    valueOf(await setDoNotContact(ann, true));
    expect(unconfirmed.count()).toBe(0);
    expect(unconfirmed.list(null)).toEqual([]);
    // Its DND job has not gone yet: "turned on" was untrue.
    expect(() => unconfirmed.resolve(ann, 'resend')).toThrow(/opted out since: nothing more is sent for it, and do-not-disturb goes to its contact in GHL with the next sync/);
    client.prepare(`UPDATE sync_jobs SET state = 'succeeded' WHERE lead_id = ?`).run(ann);
    expect(() => unconfirmed.resolve(ann, 'resend')).toThrow(/do-not-disturb is turned on for its contact in GHL/);
  });
});
