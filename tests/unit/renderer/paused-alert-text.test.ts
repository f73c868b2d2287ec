import { describe, expect, it } from 'vitest';
import { blocksForAlert, pausedAlertText } from '../../../renderer/src/pages/dashboard/paused-alert-text';

describe('the "Sending is paused" alert', () => {
  it('says an opt-out still reaches GHL when every company can be called', () => {
    const text = pausedAlertText({ waiting: 8, blocked: [], isOffline: false });
    expect(text).toBe('No lead goes to GHL for any company until you resume: 8 leads wait. New imports wait too. A customer who opts out still gets do-not-disturb in GHL meanwhile.');
  });

  // The office's pause and a missing workflow hold leads, not opt-outs: nothing to except there.
  it('excepts nobody for the office’s own pause or a missing workflow', () => {
    const blocked = [
      { company: 'Alpha Roofing', reason: 'paused-by-user' as const },
      { company: 'Bravo Roofing', reason: 'workflow-missing' as const },
    ];
    expect(pausedAlertText({ waiting: 1, blocked, isOffline: false })).toMatch(/: 1 lead waits\. .*still gets do-not-disturb in GHL meanwhile\.$/);
  });

  // A company GHL will not take calls for holds its opt-outs too (CompanyLane: optOutsHeldUntil): "still gets" was untrue there.
  it('names the companies GHL cannot be called for, and why', () => {
    const blocked = [
      { company: 'Alpha Roofing', reason: 'key-refused' as const },
      { company: 'Bravo Roofing', reason: 'paused-by-user' as const },
      { company: 'Charlie Roofing', reason: 'daily-limit' as const },
      { company: 'Delta Roofing', reason: 'no-key' as const },
    ];
    expect(pausedAlertText({ waiting: 0, blocked, isOffline: false })).toBe(
      'No lead goes to GHL for any company until you resume. New imports wait too. A customer who opts out still gets do-not-disturb in GHL meanwhile, ' +
        'except at Alpha Roofing (GHL refused its key), Charlie Roofing (GHL’s daily limit is reached) and Delta Roofing (it has no API key): there it waits until that is fixed (below).',
    );
  });

  // The office paused the company, and GHL refused its key during the opt-out round: its opt-outs are held too.
  it('names a company the office paused whose opt-outs GHL holds', () => {
    const blocked = [{ company: 'Bravo Roofing', reason: 'paused-by-user' as const, optOutsHeld: 'key-refused' as const }];
    expect(pausedAlertText({ waiting: 1, blocked, isOffline: false })).toMatch(/except at Bravo Roofing \(GHL refused its key\): there it waits/);
  });

  // Reviews: a company GHL cannot be called for with nothing waiting is not "blocked", and the alert said its opt-outs
  // still reach GHL; then it named only a company without a key, and called a locked keychain "no API key".
  it('names a company GHL cannot be called for even when none of its leads waits, and why', () => {
    const blocked = [{ companyId: 1, company: 'Alpha Roofing', reason: 'paused-by-user' as const }];
    const companies = [
      { companyId: 1, name: 'Alpha Roofing', cannotCallGhl: null },
      { companyId: 2, name: 'Bravo Roofing', cannotCallGhl: 'no-key' as const },
      { companyId: 3, name: 'Charlie Roofing', cannotCallGhl: 'key-refused' as const },
      { companyId: 4, name: 'Delta Roofing', cannotCallGhl: 'keychain-unavailable' as const },
      { companyId: 5, name: 'Echo Roofing', cannotCallGhl: 'daily-limit' as const },
      { companyId: 6, name: 'Foxtrot Roofing', cannotCallGhl: null },
    ];
    expect(pausedAlertText({ waiting: 0, blocked: blocksForAlert(blocked, companies), isOffline: false })).toMatch(
      /except at Bravo Roofing \(it has no API key\), Charlie Roofing \(GHL refused its key\), Delta Roofing \(the keychain does not answer\) and Echo Roofing \(GHL’s daily limit is reached\): there/,
    );
  });

  it('says opt-outs wait for the connection while offline', () => {
    expect(pausedAlertText({ waiting: 2, blocked: [], isOffline: true })).toMatch(/opts out gets do-not-disturb in GHL once the connection is back\.$/);
  });
});
