/**
 * Opt-outs hold everywhere: paths found by a review where a number on the office's opt-out list came off it,
 * or a lead that opted out was still sent, or its do-not-disturb never reached GHL. Each test failed on the
 * code before its fix. A real backend on a temp SQLite file; the claim is the sync's own (JobQueue.claim).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { useBackends, valueOf } from '../../helpers/backend';
import { placeAllLeads } from '../../helpers/jobs';
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
});
