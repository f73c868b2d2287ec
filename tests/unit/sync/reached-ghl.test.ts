import { describe, expect, it } from 'vitest';
import { GhlError, GhlRequestSupersededError } from '../../../electron/ghl/errors';
import { mayHaveReachedGhl } from '../../../electron/sync/reached-ghl';

describe('whether a failed call may have been carried out by GHL', () => {
  it('is so for no answer or a 5xx, not for an answer below 500, a dropped request or a refused key', () => {
    expect(mayHaveReachedGhl(new GhlError({ kind: 'transient', status: 503, message: 'Unavailable' }))).toBe(true);
    expect(mayHaveReachedGhl(new GhlError({ kind: 'transient', status: null, message: 'timed out' }))).toBe(true);
    expect(mayHaveReachedGhl(new GhlError({ kind: 'permanent', status: 422, message: 'bad body' }))).toBe(false);
    expect(mayHaveReachedGhl(new GhlError({ kind: 'auth', status: 401, message: 'Invalid JWT' }))).toBe(false);
    expect(mayHaveReachedGhl(new GhlRequestSupersededError('bulkAddTags'))).toBe(false);
  });

  // A bulk tag call answered 503 (its 50 contacts may be tagged, so texted), then 401 on its retry: its tags' intents
  // were cleared, the day's cap did not count those texts, and after a new key the leads failed as "already tagged".
  it('is so for a refused key after a try that may have acted', () => {
    const refused = new GhlError({ kind: 'auth', status: 401, message: 'Invalid JWT' });
    refused.earlierTryMayHaveActed = true;
    expect(mayHaveReachedGhl(refused)).toBe(true);
  });
});
