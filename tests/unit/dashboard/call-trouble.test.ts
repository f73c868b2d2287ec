/**
 * The dashboard names a kind of GHL call whose latest tries all failed while the connection is up (call-trouble.ts):
 * GHL's tag endpoint down for everyone left the card at "Sending", leads waiting, nothing going, and no word of why.
 * Attempts are written by the sync's own store (sync_attempts), read through `dashboard:overview`.
 */
import { describe, expect, it } from 'vitest';
import type { DashboardOverview } from '../../../shared/ipc/dashboard';
import { CALL_TROUBLE_WINDOW_MS } from '../../../electron/core/dashboard/call-trouble';
import { SyncStore, type AttemptRow } from '../../../electron/sync/sync-store';
import { createCompanies, useBackends, valueOf } from '../../helpers/backend';

const NO_ANSWER = 'No answer from GoHighLevel within 30000 ms';

describe('GHL calls failing, on the dashboard', () => {
  const { open } = useBackends();

  async function world() {
    const backend = open();
    const [alpha, bravo] = await createCompanies(backend, ['Alpha', 'Bravo']);
    // Leads waiting in both: "they are tried again" is said only of a company with leads still to go.
    valueOf(await backend.call('leads:create', { companyId: alpha, firstName: 'Ann', phone: '(303) 201-0001' }));
    const bob = valueOf(await backend.call('leads:create', { companyId: bravo, firstName: 'Bob', phone: '(303) 201-0002' }));
    const store = new SyncStore(backend.ctx.db.$client);
    const now = Date.now();
    let nextLead = 100;
    const attempt = (companyId: number, operation: string, errorCode: string | null, secondsAgo: number, message: string | null = errorCode ? NO_ANSWER : null, leadId = nextLead++): AttemptRow => ({
      jobId: null,
      leadId,
      companyId,
      operation,
      httpStatus: errorCode === 'transient' ? 503 : errorCode ? null : 200,
      errorCode,
      message,
      traceId: null,
      durationMs: 10,
      at: now - secondsAgo * 1000,
    });
    const troubles = async (): Promise<DashboardOverview['callTroubles']> => valueOf(await backend.call('dashboard:overview', undefined)).callTroubles;
    return { alpha, bravo, store, attempt, troubles, now, backend, bob };
  }

  it('names the kind of call whose latest tries failed, since when, and that GHL answers the others', async () => {
    const { alpha, store, attempt, troubles, now } = await world();
    store.recordAttempts([
      attempt(alpha, 'bulkAddTags', null, 600),
      attempt(alpha, 'bulkAddTags', 'offline', 300),
      attempt(alpha, 'upsertContact', null, 250),
      attempt(alpha, 'addTags', 'offline', 200),
      attempt(alpha, 'upsertContact', null, 100),
      attempt(alpha, 'addTags', 'offline', 60, 'No answer from GoHighLevel within 30000 ms (the last one)'),
    ]);
    expect(await troubles()).toEqual([
      {
        companyId: alpha,
        company: 'Alpha',
        call: 'tag',
        failures: 3,
        since: now - 300_000,
        lastAt: now - 60_000,
        message: 'No answer from GoHighLevel within 30000 ms (the last one)',
        othersAnswer: true,
      },
    ]);
  });

  it('says nothing of a kind of call answered since, a single failure, a refusal, or failures older than the window', async () => {
    const { alpha, bravo, store, attempt, troubles } = await world();
    store.recordAttempts([
      // Answered again: GHL is back for tags.
      attempt(alpha, 'bulkAddTags', 'offline', 300),
      attempt(alpha, 'bulkAddTags', 'offline', 200),
      attempt(alpha, 'bulkAddTags', null, 100),
      // One blip.
      attempt(alpha, 'addToWorkflow', 'transient', 50),
      // Refusals are the lead's own (Failed leads shows them); a refused key stops the company (the blocked panel).
      attempt(bravo, 'upsertContact', 'permanent', 90, 'GoHighLevel refused the contact'),
      attempt(bravo, 'upsertContact', 'permanent', 80, 'GoHighLevel refused the contact'),
      attempt(bravo, 'createNote', 'auth', 70, 'The API key was refused'),
      attempt(bravo, 'createNote', 'auth', 60, 'The API key was refused'),
      // Long over.
      attempt(bravo, 'setDnd', 'offline', CALL_TROUBLE_WINDOW_MS / 1000 + 120),
      attempt(bravo, 'setDnd', 'offline', CALL_TROUBLE_WINDOW_MS / 1000 + 60),
    ]);
    expect(await troubles()).toEqual([]);
  });

  it('each company for itself; a company whose every call fails is not said to have its others answered', async () => {
    const { alpha, bravo, store, attempt, troubles } = await world();
    store.recordAttempts([
      attempt(alpha, 'addToWorkflow', 'transient', 120, '503 Service Unavailable'),
      attempt(alpha, 'addToWorkflow', 'unknown-outcome', 90, 'The enrolment got no answer'),
      attempt(bravo, 'addToWorkflow', null, 80),
      attempt(bravo, 'upsertContact', null, 70),
    ]);
    expect(await troubles()).toMatchObject([{ companyId: alpha, call: 'workflow', failures: 2, message: 'The enrolment got no answer', othersAnswer: false }]);
  });

  // One contact GHL chokes on fails with its reason once its attempts are spent: not GHL's trouble with every tag call.
  it('says nothing of one lead’s calls failing, nor of a company with no lead left to send', async () => {
    const { alpha, bravo, store, attempt, troubles, backend, bob } = await world();
    store.recordAttempts([attempt(alpha, 'setDnd', 'offline', 90, NO_ANSWER, 7), attempt(alpha, 'setDnd', 'offline', 60, NO_ANSWER, 7), attempt(alpha, 'setDnd', 'offline', 30, NO_ANSWER, 7)]);
    expect(await troubles()).toEqual([]);
    store.recordAttempts([attempt(bravo, 'bulkAddTags', 'offline', 90), attempt(bravo, 'bulkAddTags', 'offline', 60)]);
    expect(await troubles()).toMatchObject([{ companyId: bravo, call: 'tag' }]);
    // Bravo's lead is gone (deleted): nothing of Bravo waits, and nothing is said of it.
    valueOf(await backend.call('leads:remove', { id: bob.id }));
    expect(await troubles()).toEqual([]);
  });
});
