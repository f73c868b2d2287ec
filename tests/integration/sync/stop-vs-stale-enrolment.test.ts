/**
 * Stop sending while the sync settles a stale tag intent (left pending an hour ago by a run that died before GHL got
 * the bulk tag call). Stop took back no claimed job with a pending enrolment intent ("an enrolment already on its
 * way finishes"), but this one was not on its way: the sync found the tag absent, cleared the intent and put the job
 * back in the queue, and the lead was tagged (texted) after Stop. Only an intent written in the last minute is on
 * its way now. Found by a read-only review.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { addCompany, fastConfig, queueLeads, startSim, SYNC_CLOCK, waitFor } from '../sync/world';

const TAG = 'roof-reactivation';

describe('Stop sending vs a claimed job settling a stale tag intent', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  /**
   * A lead sent once, then left as a run killed after writing its tag intent leaves it (pending, an hour old), GHL
   * having the tag or not; the sync restarted, its read of the contact held 0.8 s, and Stop pressed meanwhile.
   */
  async function stopWhileSettling(hasTag: boolean) {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const db = backend.ctx.db.$client;
    const companyId = await addCompany(backend, sim, 0);
    const batchId = Number(
      db.prepare(`INSERT INTO import_batches (company_id, file_name, state, created_at) VALUES (?, 'list.csv', 'completed', ?)`).run(companyId, Date.now()).lastInsertRowid,
    );
    const [lead] = queueLeads(db, companyId, 1, { batchId }) as [number];
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(20_000)).toBe('idle');
    await backend.ctx.sync.stop();

    const contactId = (db.prepare(`SELECT ghl_contact_id AS c FROM leads WHERE id = ?`).get(lead) as { c: string }).c;
    const contact = sim.state.contacts.get(contactId)!;
    if (!hasTag) contact.tags = contact.tags.filter((t) => t !== TAG);
    db.prepare(`UPDATE ghl_creates SET state = 'pending', resolved_at = NULL, sent_at = ? WHERE kind = 'enrol-tag'`).run(Date.now() - 3_600_000);
    db.prepare(`DELETE FROM enrolment_log`).run();
    db.prepare(`UPDATE leads SET enrolled_at = NULL, status = 'queued'`).run();
    db.prepare(`UPDATE sync_jobs SET state = 'queued', last_error_code = NULL`).run();
    const tagEventsBefore = sim.state.tagEvents.filter((e) => e.tag === TAG).length;

    sim.failNext('get-contact', 'slow-before-work', 1, { holdMs: 800 }); // under fastConfig's 1 s request timeout
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => (db.prepare(`SELECT state FROM sync_jobs WHERE lead_id = ?`).get(lead) as { state: string }).state === 'running', 10_000, 5);
    await new Promise((r) => setTimeout(r, 300));
    const stopped = await backend.dispatch('sync:cancelBatch', { batchId });
    expect(stopped).toEqual({ ok: true, value: { cancelled: 1 } });
    // Time for a stale tag call to go out, were one still to go. (A waitForIdle after it waited its whole 20 s: the
    // runner had gone idle during the pause, and waitForIdle answers only the next time it does.)
    await new Promise((r) => setTimeout(r, 4_000));
    await backend.ctx.sync.stop();

    return {
      row: db.prepare(`SELECT l.status, l.enrolled_at AS enrolledAt, j.state AS jobState FROM leads l JOIN sync_jobs j ON j.lead_id = l.id WHERE l.id = ?`).get(lead),
      intent: (db.prepare(`SELECT state FROM ghl_creates WHERE lead_id = ? AND kind = 'enrol-tag'`).get(lead) as { state: string } | undefined)?.state ?? null,
      newTagEvents: sim.state.tagEvents.filter((e) => e.tag === TAG).length - tagEventsBefore,
      tags: sim.state.contacts.get(contactId)?.tags ?? [],
    };
  }

  it('a lead of a stopped batch is not tagged after Stop sending', async () => {
    const { row, newTagEvents, tags } = await stopWhileSettling(false);
    expect(row).toMatchObject({ status: 'new', enrolledAt: null, jobState: 'cancelled' });
    // Stop sending was pressed before GHL got any tag call for this lead: it must not be tagged (texted) after it.
    expect(newTagEvents).toBe(0);
    expect(tags).not.toContain(TAG);
  }, 60_000);

  // GHL had the tag before the Stop: the lead is in the campaign. It read "held back", its intent left open (a review).
  it('a lead GHL had tagged before Stop sending is recorded in the campaign, not held back', async () => {
    const { row, intent, newTagEvents } = await stopWhileSettling(true);
    expect(row).toMatchObject({ status: 'synced', enrolledAt: expect.any(Number), jobState: 'succeeded' });
    expect(intent).toBe('done');
    expect(newTagEvents).toBe(0);
  }, 60_000);
});
