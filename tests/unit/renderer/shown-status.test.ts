import { describe, expect, it } from 'vitest';
import { keyProblemOf, shownStatus, statusMeta } from '../../../renderer/src/pages/dashboard/lead-status';

describe('the badge a waiting lead shows', () => {
  it('says what keeps it when its company cannot send: no key, or a keychain that will not give it', () => {
    expect(keyProblemOf({ hasApiKey: true, isKeyUnreadable: false })).toBeNull();
    expect(keyProblemOf({ hasApiKey: false, isKeyUnreadable: false })).toBe('no-key');
    // A locked keychain is no missing key: "add it on the Companies page" would not help.
    expect(keyProblemOf({ hasApiKey: false, isKeyUnreadable: true })).toBe('keychain-locked');
    expect(shownStatus('queued', 'Summit', 'no-key').label).toBe('No API key');
    expect(shownStatus('queued', 'Summit', 'keychain-locked')).toMatchObject({ label: 'Keychain locked', hint: expect.stringContaining('keychain is locked') });
    // A key GHL refused pauses the company: its leads read a plain "Waiting to send" (a review).
    expect(keyProblemOf({ hasApiKey: true, isKeyUnreadable: false, syncPausedReason: 'auth' })).toBe('key-refused');
    expect(keyProblemOf({ hasApiKey: true, isKeyUnreadable: false, syncPausedReason: 'user' })).toBeNull();
    expect(shownStatus('queued', 'Summit', 'key-refused')).toMatchObject({ label: 'Key refused', hint: expect.stringContaining("GHL refused Summit's API key") });
  });

  it('is the status itself otherwise', () => {
    expect(shownStatus('queued', 'Summit', null)).toBe(statusMeta.queued);
    // Not waiting: nothing to say about the key.
    expect(shownStatus('synced', 'Summit', 'no-key')).toBe(statusMeta.synced);
  });
});
