/**
 * A lead nothing places (no ZIP, state or known number: here an email only) is judged on Chicago's clock in the hours
 * legal everywhere on the mainland. GHL may match it to a contact that keeps a number, and GHL's campaign texts that
 * number: a Guam mobile at 13:00 Central is 05:00 in Guam (and a Honolulu one 07:00 in summer). The upsert's answer
 * places the lead by that number, and the enrolment waits for that place's hours.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { LOCATIONS, addCompany, fastConfig, startSim, SYNC_CLOCK } from './world';

describe('a lead nothing places, matched in GHL to a contact with a number', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  /** A queued lead with only an email, whose contact in GHL keeps `phone`; the sync run until idle. */
  async function syncEmailOnlyLead(firstName: string, lastName: string, email: string, phone: string) {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const db = backend.ctx.db.$client;
    const companyId = await addCompany(backend, sim, 0);
    const contact = sim.state.createContact(LOCATIONS[0].id, { firstName, lastName, email, phone });
    const now = SYNC_CLOCK.now();
    const leadId = Number(
      db.prepare(`INSERT INTO leads (company_id, first_name, last_name, email, email_key, country, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'US', 'queued', ?, ?)`)
        .run(companyId, firstName, lastName, email, email, now, now).lastInsertRowid,
    );
    new JobQueue(db).enqueue(companyId, leadId, now);
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(20_000)).toBe('idle');
    await backend.ctx.sync.stop();
    return { db, sim, contact, leadId };
  }

  it('is placed by that number and waits for its hours there: not texted at 05:00 in Guam', async () => {
    // GHL knows her with a Guam mobile; the office has only her email.
    const { db, sim, contact, leadId } = await syncEmailOnlyLead('Ana', 'Cruz', 'ana@example.com', '+16715550142');

    // 19:00 UTC on a Wednesday: 13:00 in Chicago (inside 12:00–17:00), 05:00 on Thursday in Guam.
    expect(db.prepare(`SELECT ghl_contact_id AS contactId, time_zone AS zone, time_zone_source AS source, enrolled_at AS enrolledAt, status FROM leads WHERE id = ?`).get(leadId)).toEqual({
      contactId: contact.id,
      zone: 'Pacific/Guam',
      source: 'ghl-phone',
      enrolledAt: null,
      status: 'queued',
    });
    expect(sim.state.tagEvents).toEqual([]);
    expect(sim.state.contacts.get(contact.id)?.tags ?? []).not.toContain('roof-reactivation');
    // Its job waits for 08:00 in Guam, in the zone the plan and the dashboard count it in.
    expect(db.prepare(`SELECT state, send_gate AS gate, send_zone AS zone FROM sync_jobs WHERE lead_id = ?`).get(leadId)).toEqual({ state: 'queued', gate: 'paced', zone: 'Pacific/Guam' });
  }, 60_000);

  // Placed on the clock it was judged on already (a Chicago number): still placed anew, and GHL given the zone, which the
  // upsert of a lead placed nowhere leaves out. With the lead's version moving only on a new zone, the enrolment went
  // on at once and GHL never got it (a review of migration 0054): its workflow's later texts keep the location's clock.
  it('sends the contact its zone before the enrolment, when the number places it on the same clock', async () => {
    const { db, sim, contact, leadId } = await syncEmailOnlyLead('Bo', 'Reyes', 'bo@example.com', '+13125550142');

    expect(db.prepare(`SELECT time_zone AS zone, time_zone_source AS source, enrolled_at IS NOT NULL AS isEnrolled FROM leads WHERE id = ?`).get(leadId)).toEqual({
      zone: 'America/Chicago',
      source: 'ghl-phone',
      isEnrolled: 1,
    });
    // The second write is by the contact's id: GHL has it (company-lane.ts writeContact).
    const writes = sim.requests().filter((request) => request.operationId === 'upsert-contact' || request.operationId === 'update-contact');
    expect(writes.map((request) => [request.operationId, (request.body as { timezone?: string }).timezone ?? null])).toEqual([
      ['upsert-contact', null],
      ['update-contact', 'America/Chicago'],
    ]);
    expect(sim.state.contacts.get(contact.id)?.tags ?? []).toContain('roof-reactivation');
  }, 60_000);
});
