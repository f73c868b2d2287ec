/** The sync layer's view of the new error kinds: the kind it acted on before, plus a flag to act on now. */
import { describe, expect, it } from 'vitest';
import { GhlError, GhlOutcomeUnknownError, GhlRequestSupersededError } from '../../../electron/ghl';
import { classifyError } from '../../../electron/sync/ghl-transport';

describe('classifyError for the sync lane', () => {
  it('flags an unknown outcome, keeping the kind the lane used before (offline without an answer, transient after a 5xx)', () => {
    expect(classifyError(new GhlOutcomeUnknownError({ operation: 'addToWorkflow', message: 'reset' }))).toMatchObject({ kind: 'offline', isOutcomeUnknown: true, isSuperseded: false });
    expect(classifyError(new GhlOutcomeUnknownError({ operation: 'addToWorkflow', status: 502, message: 'Bad Gateway' }))).toMatchObject({ kind: 'transient', status: 502, isOutcomeUnknown: true });
  });

  it('flags a superseded request; other kinds pass through unflagged', () => {
    expect(classifyError(new GhlRequestSupersededError('upsertContact'))).toMatchObject({ kind: 'transient', isSuperseded: true, isOutcomeUnknown: false });
    expect(classifyError(new GhlError({ kind: 'auth', status: 401, message: 'Invalid JWT' }))).toEqual({ kind: 'auth', status: 401, message: 'Invalid JWT', resetsAt: null, isOutcomeUnknown: false, isSuperseded: false });
  });
});
