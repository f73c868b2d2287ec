/**
 * A GHL contact is enrolled in the workflow once, whichever lead of the app GHL matches to it (create-once.ts
 * siblingStmt). The guard found the other lead's enrolment only while that lead's ghl_contact_id still pointed at
 * the contact: once lead A (which enrolled contact C1) was edited and upserted to another contact, lead B that GHL
 * matched to C1 enrolled C1 in the same workflow again, and the customer got the campaign's texts twice.
 * Found by a read-only review.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { LOCATIONS, addCompany, fastConfig, startSim, waitFor, SYNC_CLOCK } from '../sync/world';

const workflowId = `wf-${LOCATIONS[0].id}-reactivation`;

describe('the sibling enrolment guard after the enrolling lead moved to another contact', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('a GHL contact is enrolled in the workflow once, whichever lead of the app matched it', async () => {
    sim = await startSim({ latencyMs: 5 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const db = backend.ctx.db.$client;
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    const now = Date.now();
    const insert = db.prepare(
      `INSERT INTO leads (company_id, first_name, last_name, phone, email, email_key, country, status, created_at, updated_at) VALUES (?, 'Ann', 'Lee', ?, ?, ?, 'US', 'queued', ?, ?)`,
    );
    const jobs = new JobQueue(db);
    const a = Number(insert.run(companyId, '+15125550142', 'ann@example.com', 'ann@example.com', now, now).lastInsertRowid);
    jobs.enqueue(companyId, a, now);
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    const c1 = (db.prepare(`SELECT ghl_contact_id AS c FROM leads WHERE id = ?`).get(a) as { c: string }).c;
    expect(sim.enrolments(c1)).toHaveLength(1);

    // The office corrected lead A (another person's phone and email) under an earlier version, whose re-send upserted it:
    // a new contact C2, no enrolment. (This version writes an enrolled lead's contact by its id: corrected-number.test.ts;
    // leads corrected back then still point at their second contact.)
    const c2 = sim.state.createContact(LOCATIONS[0].id, { firstName: 'Ann', lastName: 'Lee', phone: '+15125550199', email: 'ann.lee@example.org' });
    db.prepare(`UPDATE leads SET phone = '+15125550199', email = 'ann.lee@example.org', email_key = 'ann.lee@example.org', ghl_contact_id = ? WHERE id = ?`).run(c2.id, a);

    // Lead B: the customer whose number A had (GHL matches it to C1, already in the workflow through A).
    const b = Number(insert.run(companyId, '+15125550142', null, null, Date.now(), Date.now()).lastInsertRowid);
    jobs.enqueue(companyId, b, Date.now());
    backend.ctx.sync.poke();
    // Until B is settled ('syncing' is on its way): a waitForIdle here waited its whole timeout when the sync was idle already.
    await waitFor(() => !['queued', 'syncing'].includes((db.prepare(`SELECT status FROM leads WHERE id = ?`).get(b) as { status: string }).status), 20_000);
    await backend.ctx.sync.stop();
    expect(sim.enrolments(c1)).toHaveLength(1);
    expect(sim.duplicates()).toEqual([]);
  }, 60_000);
});
