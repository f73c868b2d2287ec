/**
 * The dashboard names a kind of GHL call whose latest tries all failed while GHL answers the others
 * (call-trouble.ts): GHL's tag endpoint down for everyone left the card at "Sending", leads waiting, nothing
 * going, and no word of why. Attempts are written by the sync's own store (sync_attempts: one row per lead a try
 * served), read as the dashboard's overview and `rlm status` read it.
 */
import { describe, expect, it } from 'vitest';
import type { DashboardOverview } from '../../../shared/ipc/dashboard';
import { CALL_TROUBLE_WINDOW_MS, RATE_LIMIT_FRESH_MS } from '../../../electron/core/dashboard/call-trouble';
import { callTroubleDetail, callTroubleOutcome, callTroubleTitle } from '../../../shared/call-trouble-text';
import { defaultSyncConfig } from '../../../electron/sync/config';
import { SyncStore, type AttemptRow } from '../../../electron/sync/sync-store';
import { createCompanies, useBackends, valueOf } from '../../helpers/backend';

const NO_ANSWER = 'No answer from GoHighLevel within 30000 ms';

type Outcome = 'ok' | 'offline' | 'transient' | 'unknown-outcome' | 'permanent' | 'auth' | '429';

describe('GHL calls failing, on the dashboard', () => {
  const { open } = useBackends();

  async function world() {
    const backend = open();
    const [alpha, bravo] = await createCompanies(backend, ['Alpha', 'Bravo']);
    valueOf(await backend.call('leads:create', { companyId: alpha, firstName: 'Ann', phone: '(303) 201-0001' }));
    valueOf(await backend.call('leads:create', { companyId: bravo, firstName: 'Bob', phone: '(303) 201-0002' }));
    const store = new SyncStore(backend.ctx.db.$client);
    const now = Date.now();
    let nextLead = 100;
    /** One HTTP attempt: a row per lead it served (a bulk call serves several), as the transport writes them. */
    /** `status`: an unknown outcome's (a 503 to an enrolment; none when it timed out, the default). */
    const attempt = (companyId: number, operation: string, outcome: Outcome, secondsAgo: number, options: { leads?: Array<number | null>; message?: string; status?: number } = {}): AttemptRow[] => {
      const leads = options.leads ?? [nextLead++];
      const errorCode = outcome === 'ok' ? null : outcome === '429' ? 'transient' : outcome;
      const httpStatus = outcome === 'ok' ? 200 : outcome === '429' ? 429 : outcome === 'transient' ? 503 : outcome === 'offline' ? null : outcome === 'unknown-outcome' ? (options.status ?? null) : 422;
      return leads.map((leadId) => ({
        jobId: null,
        leadId,
        companyId,
        operation,
        httpStatus,
        errorCode,
        message: options.message ?? (outcome === 'ok' ? null : outcome === 'transient' ? 'Service Unavailable' : NO_ANSWER),
        traceId: null,
        durationMs: 10,
        at: now - secondsAgo * 1000,
      }));
    };
    const record = (...tries: AttemptRow[][]) => store.recordAttempts(tries.flat());
    // The detection itself (the overview asks it of companies that send, with a sync running: tests/integration/sync).
    const troubles = async (): Promise<DashboardOverview['callTroubles']> =>
      backend.ctx.dashboard.callTroubles(
        [
          { id: alpha, name: 'Alpha' },
          { id: bravo, name: 'Bravo' },
        ],
        Date.now(),
      );
    return { alpha, bravo, attempt, record, troubles, now };
  }

  it('names the kind of call whose latest tries failed while GHL answered others, since when, and a bulk call as one try', async () => {
    const { alpha, attempt, record, troubles, now } = await world();
    record(
      attempt(alpha, 'bulkAddTags', 'ok', 600, { leads: [1, 2, 3] }),
      attempt(alpha, 'bulkAddTags', 'offline', 300, { leads: [4, 5, 6] }),
      attempt(alpha, 'upsertContact', 'ok', 250),
      attempt(alpha, 'addTags', 'offline', 200),
      attempt(alpha, 'upsertContact', 'ok', 100),
      attempt(alpha, 'addTags', 'offline', 60, { message: `${NO_ANSWER} (the last one)` }),
    );
    const expected = {
      companyId: alpha,
      company: 'Alpha',
      call: 'tag',
      failures: 3,
      since: now - 300_000,
      lastAt: now - 60_000,
      message: `${NO_ANSWER} (the last one)`,
      othersAnswer: true,
      isNoAnswerOnly: true,
      isLastAnswered: false,
      holdsLeads: true,
      isRateLimit: false,
    };
    expect(await troubles()).toEqual([expected]);
  });

  // The review of "Waiting for GHL": two opt-outs' do-not-disturb calls failing held the card and the plan at
  // "Waiting for GoHighLevel", while every other lead was enrolled meanwhile. No lead's campaign waits for that call.
  it('an opt-out’s do-not-disturb call failing is named, but holds no lead back', async () => {
    const { alpha, attempt, record, troubles } = await world();
    record(
      attempt(alpha, 'setDnd', 'transient', 300, { leads: [7] }),
      attempt(alpha, 'upsertContact', 'ok', 250),
      attempt(alpha, 'addToWorkflow', 'ok', 240),
      attempt(alpha, 'setDnd', 'transient', 200, { leads: [8] }),
    );
    expect(await troubles()).toMatchObject([{ companyId: alpha, call: 'do-not-disturb', failures: 2, holdsLeads: false }]);
  });

  // The review: one bulk call that timed out wrote a row per lead, and read as "the last 3 tries failed".
  it('a single failed try is a blip, however many leads it carried', async () => {
    const { alpha, attempt, record, troubles } = await world();
    record(attempt(alpha, 'upsertContact', 'ok', 400), attempt(alpha, 'bulkAddTags', 'offline', 300, { leads: [1, 2, 3] }), attempt(alpha, 'upsertContact', 'ok', 200));
    expect(await troubles()).toEqual([]);
  });

  it('says nothing of a kind of call answered since, a refusal, a rate limit, one lead’s calls, or tries older than the window', async () => {
    const { alpha, bravo, attempt, record, troubles } = await world();
    record(
      // Answered again: GHL is back for tags.
      attempt(alpha, 'bulkAddTags', 'offline', 300, { leads: [1, 2] }),
      attempt(alpha, 'upsertContact', 'ok', 250),
      attempt(alpha, 'bulkAddTags', 'offline', 200, { leads: [3, 4] }),
      attempt(alpha, 'bulkAddTags', 'ok', 100, { leads: [5, 6] }),
      // Refusals are the lead's own (Failed leads shows them); a refused key stops the company (the blocked panel).
      attempt(bravo, 'upsertContact', 'permanent', 90),
      attempt(bravo, 'upsertContact', 'permanent', 80),
      attempt(bravo, 'createNote', 'auth', 70),
      attempt(bravo, 'createNote', 'auth', 60),
      // GHL asks the app to slow down: the app waits; GHL's status page has nothing on it.
      attempt(bravo, 'addToWorkflow', '429', 50),
      attempt(bravo, 'addToWorkflow', '429', 40),
      // One contact GHL chokes on: the sync fails that lead with the reason once its attempts are spent.
      attempt(alpha, 'setDnd', 'offline', 90, { leads: [7] }),
      attempt(alpha, 'getContact', 'ok', 80),
      attempt(alpha, 'setDnd', 'offline', 30, { leads: [7] }),
      // Long over.
      attempt(bravo, 'bulkAddTags', 'transient', CALL_TROUBLE_WINDOW_MS / 1000 + 120, { leads: [8, 9] }),
      attempt(bravo, 'bulkAddTags', 'transient', CALL_TROUBLE_WINDOW_MS / 1000 + 60, { leads: [10, 11] }),
    );
    expect(await troubles()).toEqual([]);
  });

  // The review: calls that failed in an outage, answered calls of another kind once it ended: "your internet is fine".
  it('an outage is not a kind of call failing, even once other calls are answered again', async () => {
    const { alpha, attempt, record, troubles } = await world();
    record(
      // A timed-out enrolment is written as an unknown outcome with no HTTP status (errors.ts).
      attempt(alpha, 'addToWorkflow', 'unknown-outcome', 300),
      attempt(alpha, 'upsertContact', 'offline', 290),
      attempt(alpha, 'addToWorkflow', 'unknown-outcome', 280),
      // The connection is back; the workflow calls have not been tried since.
      attempt(alpha, 'upsertContact', 'ok', 100),
      attempt(alpha, 'upsertContact', 'ok', 90),
    );
    expect(await troubles()).toEqual([]);
  });

  it('GHL answering errors to one kind of call is named even when no other call went meanwhile; each company for itself', async () => {
    const { alpha, bravo, attempt, record, troubles } = await world();
    record(
      // A 503 to an enrolment is an unknown outcome (it may have gone): GHL answered, with an error.
      attempt(alpha, 'addToWorkflow', 'unknown-outcome', 120, { status: 503 }),
      attempt(alpha, 'addToWorkflow', 'unknown-outcome', 90, { status: 503, message: 'The enrolment got no answer' }),
      attempt(bravo, 'addToWorkflow', 'ok', 80),
      attempt(bravo, 'upsertContact', 'ok', 70),
    );
    expect(await troubles()).toMatchObject([{ companyId: alpha, call: 'workflow', failures: 2, message: 'The enrolment got no answer', othersAnswer: false, isNoAnswerOnly: false, isLastAnswered: true }]);
  });

  // The second review: the lane reads GHL's notes before it sends a note again; those answers broke every run.
  it('a note endpoint that never answers is named, whatever the reads of notes answered meanwhile', async () => {
    const { alpha, attempt, record, troubles } = await world();
    const tries = [1, 2, 3].flatMap((lead, i) => [
      attempt(alpha, 'upsertContact', 'ok', 300 - i * 60, { leads: [lead] }),
      attempt(alpha, 'listNotes', 'ok', 295 - i * 60, { leads: [lead] }),
      attempt(alpha, 'createNote', 'unknown-outcome', 290 - i * 60, { leads: [lead] }),
    ]);
    record(...tries);
    expect(await troubles()).toMatchObject([{ call: 'note', failures: 3, othersAnswer: true, isNoAnswerOnly: true, isLastAnswered: false }]);
  });

  // The second review: two contacts GHL chokes on, left at the end, read as GHL's trouble with every tag call.
  it('leads whose calls failed before GHL answered that kind of call for another lead fail on their own', async () => {
    const { alpha, attempt, record, troubles } = await world();
    record(
      attempt(alpha, 'addTags', 'offline', 500, { leads: [1] }),
      attempt(alpha, 'addTags', 'offline', 490, { leads: [2] }),
      attempt(alpha, 'addTags', 'ok', 400, { leads: [3] }),
      attempt(alpha, 'upsertContact', 'ok', 300),
      attempt(alpha, 'addTags', 'offline', 200, { leads: [1] }),
      attempt(alpha, 'upsertContact', 'ok', 150),
      attempt(alpha, 'addTags', 'offline', 100, { leads: [2] }),
    );
    expect(await troubles()).toEqual([]);
  });

  // The second review: two lanes' single calls started in the same millisecond read as one try.
  it('two single calls at the same moment are two tries', async () => {
    const { alpha, attempt, record, troubles } = await world();
    record(attempt(alpha, 'bulkAddTags', 'ok', 300, { leads: [1, 2] }), attempt(alpha, 'upsertContact', 'transient', 100), attempt(alpha, 'upsertContact', 'transient', 100));
    expect(await troubles()).toMatchObject([{ call: 'contact', failures: 2 }]);
  });

  // The status review: while GHL answered every call with a 429 (another app using the location's limit), the card said
  // "Sending", leads waited and nothing went, and no word said why (a 429 uses none of a lead's tries: company-lane.ts).
  it('GHL turning away every call of a company with 429s for a minute or more is a rate limit of the company, since its first', async () => {
    const { alpha, bravo, attempt, record, troubles, now } = await world();
    const TOO_MANY = 'Too Many Requests';
    record(
      attempt(alpha, 'upsertContact', 'ok', 400),
      attempt(alpha, 'upsertContact', '429', 200, { message: TOO_MANY }),
      attempt(alpha, 'bulkAddTags', '429', 150, { leads: [1, 2, 3], message: TOO_MANY }),
      attempt(alpha, 'createNote', '429', 100, { message: TOO_MANY }),
      attempt(alpha, 'upsertContact', '429', 30, { message: `${TOO_MANY} (the last one)` }),
      // Bravo's calls go.
      attempt(bravo, 'upsertContact', '429', 90, { message: TOO_MANY }),
      attempt(bravo, 'upsertContact', 'ok', 80),
    );
    const found = await troubles();
    expect(found).toEqual([
      {
        companyId: alpha,
        company: 'Alpha',
        call: 'rate-limit',
        failures: 4,
        since: now - 200_000,
        lastAt: now - 30_000,
        message: `${TOO_MANY} (the last one)`,
        othersAnswer: false,
        isNoAnswerOnly: false,
        isLastAnswered: true,
        holdsLeads: true,
        isRateLimit: true,
      },
    ]);
    const [rateLimit] = found;
    expect(callTroubleTitle(rateLimit!, true)).toBe('Alpha: GoHighLevel asks the app to slow down (too many requests)');
    expect(callTroubleDetail(rateLimit!, () => '20:00')).toBe(
      'The last 4 tries since 20:00 were turned away with “Too Many Requests (the last one)” (HTTP 429): GoHighLevel’s limit of calls for this ' +
        'company’s API key is used up. The app paces its sending by that limit, so something else is most likely calling GoHighLevel with the same ' +
        'key at the same time: this app on another computer, another tool the key was given to, or an import being undone in GHL from here.',
    );
    const outcome = callTroubleOutcome(found);
    expect(outcome).toMatch(/^No lead fails for a rate limit: the leads wait/);
    expect(outcome).not.toContain('status page');
  });

  it('one call’s retries within seconds, a run an answer broke, or 429s from long ago are no rate limit', async () => {
    const { alpha, bravo, attempt, record, troubles } = await world();
    record(
      // One call's three tries (retry.ts), seconds apart.
      attempt(alpha, 'upsertContact', '429', 12),
      attempt(alpha, 'upsertContact', '429', 10),
      attempt(alpha, 'upsertContact', '429', 5),
      // Answered in between: the limit passed.
      attempt(bravo, 'upsertContact', '429', 300),
      attempt(bravo, 'upsertContact', '429', 200),
      attempt(bravo, 'upsertContact', 'ok', 150),
      attempt(bravo, 'upsertContact', '429', 100),
      attempt(bravo, 'addTags', '429', 20),
    );
    expect(await troubles()).toEqual([]);
  });

  // The review: leads waiting for tomorrow's window read "Waiting for GoHighLevel" when only the do-not-disturb checks of
  // shared customers (calls for no lead) were turned away.
  it('a rate limit of calls for no lead is named but holds no lead back', async () => {
    const { alpha, attempt, record, troubles } = await world();
    record(attempt(alpha, 'getContact', '429', 600, { leads: [null] }), attempt(alpha, 'getContact', '429', 300, { leads: [null] }), attempt(alpha, 'getLocation', '429', 20, { leads: [null] }));
    expect(await troubles()).toMatchObject([{ companyId: alpha, isRateLimit: true, holdsLeads: false, failures: 3 }]);
  });

  it('a rate limit whose latest 429 is older than the lane’s longest wait for one is over', async () => {
    const { alpha, attempt, record, troubles } = await world();
    const ago = RATE_LIMIT_FRESH_MS / 1000;
    record(attempt(alpha, 'upsertContact', '429', ago + 300), attempt(alpha, 'addTags', '429', ago + 200), attempt(alpha, 'createNote', '429', ago + 60));
    expect(await troubles()).toEqual([]);
  });

  it('a rate limit and a kind of call failing are said together, each for what it costs', () => {
    const outcome = callTroubleOutcome([
      { call: 'rate-limit', isNoAnswerOnly: false, isRateLimit: true },
      { call: 'tag', isNoAnswerOnly: false, isRateLimit: false },
    ]);
    expect(outcome).toMatch(/^No lead fails for a rate limit: .* The leads wait and are tried again by themselves, with growing pauses/);
    expect(outcome).toContain('check GoHighLevel’s status page');
  });

  it('reads back past the sync’s longest wait between two tries of a lead', () => {
    expect(CALL_TROUBLE_WINDOW_MS).toBeGreaterThan(defaultSyncConfig.retryCapMs);
  });

  // The second review: "tried again by themselves" is untrue of an enrolment without a clear answer (set aside for a person).
  it('says what a failed try costs, by what failed', () => {
    expect(callTroubleOutcome([{ call: 'tag', isNoAnswerOnly: true, isRateLimit: false }])).toMatch(/^No lead fails for a call GoHighLevel never answers/);
    expect(callTroubleOutcome([{ call: 'contact', isNoAnswerOnly: false, isRateLimit: false }])).toContain('Each error GoHighLevel answers uses one of a lead’s tries');
    const workflow = callTroubleOutcome([{ call: 'workflow', isNoAnswerOnly: false, isRateLimit: false }]);
    expect(workflow).toContain('set aside for you to check in GHL');
    expect(workflow).not.toContain('tried again');
  });
});
