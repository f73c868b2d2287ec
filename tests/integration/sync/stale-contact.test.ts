/**
 * A job that resumes at its enrol step reuses the contact id it stored; if the contact was deleted
 * (or merged away) in GoHighLevel meanwhile, tagging or enrolling that id is refused. The job must
 * then redo the idempotent upsert, get the contact's current id, and enrol that one.
 */
import { placeAllLeads } from '../../helpers/jobs';
import { afterEach, describe, expect, it } from 'vitest';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, leadStatusCounts, queueLeads, startSim, SYNC_CLOCK, syncClock } from './world';

describe('a stored contact that no longer exists in GoHighLevel', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  /** Leads as a failed enrol leaves them: a contact id stored, the job queued again at its enrol step after one attempt. */
  function resumeAtEnrol(db: import('better-sqlite3').Database, leadIds: number[]): void {
    const ghost = db.prepare(`UPDATE leads SET ghl_contact_id = 'ghostContact' || id WHERE id = ?`);
    const jobs = new JobQueue(db);
    // The clock the sync worker follows in these tests: the window is open then.
    const now = syncClock();
    const companyId = (db.prepare(`SELECT company_id AS id FROM leads WHERE id = ?`).get(leadIds[0]!) as { id: number }).id;
    placeAllLeads(db);
    const claimed = jobs.claim(companyId, 'earlier-runner', 1_000, now, 60_000);
    for (const job of claimed) {
      if (!leadIds.includes(job.leadId)) continue;
      ghost.run(job.leadId);
      jobs.retryLater(job, 1, now, 'enrol:transient', 'HTTP 503', now);
    }
    jobs.release(claimed, now, now);
  }

  it('tag mode: the rejected contacts are upserted again and tagged under their real id', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const db = backend.ctx.db.$client;
    const ids = queueLeads(db, companyId, 6);
    resumeAtEnrol(db, ids.slice(0, 3));
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(20_000)).toBe('idle');
    await backend.ctx.sync.stop();

    expect(leadStatusCounts(db)).toEqual({ synced: 6 });
    const contacts = sim.contacts(LOCATIONS[0].id);
    expect(contacts).toHaveLength(6);
    expect(contacts.every((c) => c.tags.includes('roof-reactivation'))).toBe(true);
    const stored = db.prepare(`SELECT ghl_contact_id AS id FROM leads ORDER BY id`).all() as { id: string }[];
    expect(stored.map((row) => row.id).sort()).toEqual(contacts.map((c) => c.id).sort());
    // Looking the contact up again is part of the same attempt, not a retry.
    const attempts = db.prepare(`SELECT attempts FROM sync_jobs WHERE lead_id IN (${ids.slice(0, 3).join(',')})`).all() as { attempts: number }[];
    expect(attempts.map((row) => row.attempts)).toEqual([1, 1, 1]);
  }, 30_000);

  it('workflow mode: "Contact not found" leads to a fresh upsert, then one enrolment', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const workflowId = `wf-${LOCATIONS[0].id}-reactivation`;
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    const db = backend.ctx.db.$client;
    const ids = queueLeads(db, companyId, 4);
    resumeAtEnrol(db, ids.slice(0, 2));
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(20_000)).toBe('idle');
    await backend.ctx.sync.stop();

    expect(leadStatusCounts(db)).toEqual({ synced: 4 });
    const contacts = sim.contacts(LOCATIONS[0].id);
    expect(contacts).toHaveLength(4);
    const enrolled = sim.state.enrolments.filter((e) => e.workflowId === workflowId).map((e) => e.contactId);
    expect(enrolled.sort()).toEqual(contacts.map((c) => c.id).sort());
  }, 30_000);
});
