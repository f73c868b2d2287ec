/** The sync layer's view of the new error kinds: the kind it acted on before, plus a flag to act on now. */
import { describe, expect, it } from 'vitest';
import { GhlError, GhlOutcomeUnknownError, GhlRequestSupersededError } from '../../../electron/ghl';
import { classifyError, createGhlTransportFactory } from '../../../electron/sync/ghl-transport';
import { TOKEN } from './helpers';
import { inOrder, startScriptedServer } from './scripted-server';

describe('classifyError for the sync lane', () => {
  it('flags an unknown outcome, keeping the kind the lane used before (offline without an answer, transient after a 5xx)', () => {
    expect(classifyError(new GhlOutcomeUnknownError({ operation: 'addToWorkflow', message: 'reset' }))).toMatchObject({ kind: 'offline', isOutcomeUnknown: true, isSuperseded: false });
    expect(classifyError(new GhlOutcomeUnknownError({ operation: 'addToWorkflow', status: 502, message: 'Bad Gateway' }))).toMatchObject({ kind: 'transient', status: 502, isOutcomeUnknown: true });
  });

  it('flags a superseded request; other kinds pass through unflagged', () => {
    expect(classifyError(new GhlRequestSupersededError('upsertContact'))).toMatchObject({ kind: 'transient', isSuperseded: true, isOutcomeUnknown: false });
    expect(classifyError(new GhlError({ kind: 'auth', status: 401, message: 'Invalid JWT' }))).toEqual({ kind: 'auth', status: 401, message: 'Invalid JWT', resetsAt: null, retryAfterMs: null, isOutcomeUnknown: false, isSuperseded: false });
  });
});

describe('the GHL transport', () => {
  it('passes shouldContinue through to the client: a superseded upsert sends nothing', async () => {
    const server = await startScriptedServer(inOrder({ status: 200, body: { new: true, contact: { id: 'c1' } } }));
    try {
      const factory = createGhlTransportFactory({
        config: { clientAttempts: 3, requestTimeoutMs: 2_000, bulkTagBatch: 100, retryBaseMs: 5 },
        recordAttempts: () => undefined,
      });
      const transport = factory({ id: 1, locationId: 'L1', baseUrl: server.url }, TOKEN);
      const err = await transport.upsertContact({ locationId: 'L1', email: 'a@b.com' }, { jobId: 1, leadId: 1 }, { shouldContinue: () => false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GhlRequestSupersededError);
      expect(server.requests).toHaveLength(0);
      await expect(transport.upsertContact({ locationId: 'L1', email: 'a@b.com' }, { jobId: 1, leadId: 1 })).resolves.toMatchObject({ contactId: 'c1' });
    } finally {
      await server.close();
    }
  });
});
