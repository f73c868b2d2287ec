/**
 * Connectivity.answeredFirst: GHL answering an attempt whose call has not ended (a 429 with two minutes' wait) turns an
 * unknown connection online at once. The first success after it is still announced: CI caught "Last successful sync"
 * at nothing after three leads had gone, because the success no longer changed the state, and only a later progress
 * report carried its time.
 */
import { describe, expect, it } from 'vitest';
import { Connectivity, type ConnectivitySnapshot } from '../../../electron/sync/connectivity';

describe('Connectivity', () => {
  function connectivity() {
    const told: ConnectivitySnapshot[] = [];
    let now = 1_000;
    const subject = new Connectivity(3, (snapshot) => told.push(snapshot), null, () => now);
    return { subject, told, later: () => (now += 1_000) };
  }

  it('an answer turns an unknown connection online, and the first success after it is announced with its time', () => {
    const { subject, told, later } = connectivity();
    subject.answeredFirst();
    expect(told).toEqual([{ state: 'online', lastSuccessAt: null }]);
    later();
    subject.succeeded();
    expect(told.at(-1)).toEqual({ state: 'online', lastSuccessAt: 2_000 });
    // Later successes ride on the progress reports, as before.
    subject.succeeded();
    expect(told).toHaveLength(2);
  });

  it('an answer counts nothing toward or against offline, and changes nothing once the state is known', () => {
    const { subject, told } = connectivity();
    subject.networkFailed();
    subject.networkFailed();
    subject.answeredFirst();
    subject.networkFailed();
    // Three failures in a row, the answer between them notwithstanding: offline.
    expect(subject.state).toBe('offline');
    subject.answeredFirst();
    expect(subject.state).toBe('offline');
    expect(told.map((snapshot) => snapshot.state)).toEqual(['online', 'offline']);
  });
});
