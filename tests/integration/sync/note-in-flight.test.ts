/**
 * A lead's one note, while its POST is still on its way: the lead is edited meanwhile (its job starts
 * again), and the lane's other workers take the new version at once. The new attempt must not list the
 * contact's notes, miss the one in flight and send a second: it waits until this process's own call for
 * the lead has ended. The simulator holds that POST before doing it (`slow-before-work`), as a slow network
 * would; it counts a second note as a duplicate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, startSim, SYNC_CLOCK, waitFor } from './world';

describe('a note in flight when its lead is edited', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('is sent once: the edit’s attempt waits for the call in flight instead of sending a second note', async () => {
    sim = await startSim({ latencyMs: 10 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const ids: number[] = [];
    // Enough leads that the lane's other workers are still claiming when the held note's lead is edited.
    for (let i = 0; i < 150; i++) {
      const created = await backend.call('leads:create', { companyId, firstName: `Lead${i}`, lastName: 'Old', phone: `(512) 555-${String(1000 + i)}`, notes: `Old CRM note ${i}` });
      if (!created.ok) throw new Error(created.error.message);
      ids.push(created.value.id);
    }
    // The first note POST is held 6 s before GHL does it.
    sim.failNext('create-note', 'slow-before-work', 1, { holdMs: 6_000 });
    // The client waits for the held answer (a slow GHL, not a lost one).
    backend.ctx.sync.start({ config: { ...fastConfig, requestTimeoutMs: 15_000 } });
    await waitFor(() => sim!.requests().some((r) => r.operationId === 'create-note'), 15_000, 5);
    const held = sim.requests().find((r) => r.operationId === 'create-note')!;
    const heldLead = ids[Number(/Old CRM note (\d+)/.exec(JSON.stringify(held.body))![1])]!;
    // Meanwhile the office corrects that lead: its job starts again, and the other workers are still claiming.
    const edited = await backend.call('leads:update', { id: heldLead, patch: { city: 'Austin' } });
    expect(edited.ok).toBe(true);
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    // The held POST lands 6 s after it arrived: count the notes after that.
    await new Promise((r) => setTimeout(r, Math.max(0, held.at + 6_500 - Date.now())));
    await backend.ctx.sync.stop();

    expect(sim.duplicates()).toEqual([]);
    const contact = sim.contacts(LOCATIONS[0].id).find((c) => c.firstName === `Lead${ids.indexOf(heldLead)}`)!;
    expect(sim.notes(contact.id)).toHaveLength(1);
    expect(contact.city).toBe('Austin');
  }, 60_000);

  // The wait for a note in flight is for a POST that got no answer. One GHL answered (a 5xx) is over: the lead
  // lists the notes and sends again at once, not a minute later (a whole sync ran past its timeout on that).
  it('a note POST GHL answered with a 5xx is sent again at once, once', async () => {
    sim = await startSim({ latencyMs: 5 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const created = await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0190', notes: 'gate code 1234' });
    if (!created.ok) throw new Error(created.error.message);
    sim.failNext('create-note', '5xx', 1, { status: 500 });
    // A real request timeout: the wait for a note without an answer would be a minute.
    backend.ctx.sync.start({ config: { ...fastConfig, requestTimeoutMs: 20_000 } });
    expect(await backend.ctx.sync.waitForIdle(15_000)).toBe('idle');
    await backend.ctx.sync.stop();
    expect(sim.duplicates()).toEqual([]);
    const contact = sim.contacts(LOCATIONS[0].id).find((c) => c.firstName === 'Ann')!;
    expect(sim.notes(contact.id)).toHaveLength(1);
  }, 60_000);

  // A 429 on the first POST: the client waits out Retry-After and POSTs again, and GHL holds that POST past
  // the request timeout. The wait for the note in flight counts from the retry, not from the first try (5 s
  // earlier, already past the 3 s wait): else the next attempt listed the notes, missed it and sent a second.
  it('the wait for a note in flight counts from the retry a 429 made the client send', async () => {
    sim = await startSim({ latencyMs: 5 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const created = await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0190', notes: 'gate code 1234' });
    if (!created.ok) throw new Error(created.error.message);
    sim.failNext('create-note', '429', 1, { retryAfterSec: 5 });
    // Held 2 s: past fastConfig's 1 s request timeout, within the 3 s wait for a note without an answer.
    sim.failNext('create-note', 'slow-before-work', 1, { holdMs: 2_000 });
    backend.ctx.sync.start({ config: { ...fastConfig, concurrencyPerCompany: 1 } });
    expect(await backend.ctx.sync.waitForIdle(40_000)).toBe('idle');
    const posts = sim.requests().filter((r) => r.operationId === 'create-note');
    await new Promise((r) => setTimeout(r, Math.max(0, posts[1]!.at + 2_500 - Date.now()))); // the held POST lands
    await backend.ctx.sync.stop();
    expect(sim.duplicates()).toEqual([]);
    const contact = sim.contacts(LOCATIONS[0].id).find((c) => c.firstName === 'Ann')!;
    expect(sim.notes(contact.id)).toHaveLength(1);
  }, 60_000);
});
