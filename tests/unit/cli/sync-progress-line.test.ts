/**
 * `rlm sync`'s progress line (electron/cli/commands/sync.ts describeProgress). A review: during a tag-call outage it said
 * "#1 idle (10 left)", as if the sync had nothing left to try, while ten leads waited for their retries.
 */
import { describe, expect, it } from 'vitest';
import { describeProgress } from '../../../electron/cli/commands/sync';
import type { RunnerProgress } from '../../../electron/sync/runner';

const progress = (over: Partial<RunnerProgress>): RunnerProgress => ({
  state: 'idle',
  synced: 5,
  failed: 0,
  dnd: 0,
  pending: 0,
  leadsPerMinute: 0,
  companies: [],
  storageTrouble: null,
  ...over,
});

describe('the sync progress line', () => {
  it('says waiting, not idle, while leads are left', () => {
    const line = describeProgress(progress({ pending: 10, companies: [{ companyId: 1, state: 'idle', pending: 10, requestsUsedToday: 40 }] }));
    expect(line).toMatch(/^sync waiting: 5 synced, .* 10 pending/);
    expect(line).toContain('#1 waiting (10 left)');
    expect(line).not.toMatch(/idle/);
  });

  it('says idle when nothing is left, and keeps the other states as they are', () => {
    expect(describeProgress(progress({ companies: [{ companyId: 1, state: 'idle', pending: 0, requestsUsedToday: 40 }] }))).toMatch(/^sync idle: .*#1 idle$/);
    const offline = describeProgress(progress({ state: 'offline', pending: 3, companies: [{ companyId: 2, state: 'offline', pending: 3, requestsUsedToday: null }] }));
    expect(offline).toMatch(/^sync offline: .*#2 offline \(3 left\)$/);
  });

  it('says opt-outs on their way to GHL apart from the leads to text', () => {
    const companies = [
      { companyId: 1, state: 'offline' as const, pending: 3, requestsUsedToday: null },
      { companyId: 2, state: 'offline' as const, pending: 10, requestsUsedToday: null },
    ];
    const line = describeProgress(progress({ state: 'offline', pending: 13, companies }), new Map([[1, 3], [2, 2]]));
    expect(line).toMatch(/^sync offline: 5 synced, 0 failed, 0 dnd, 8 pending, 5 opt-outs to pass to GHL, /);
    expect(line).toContain('#1 offline (3 opt-outs left)');
    expect(line).toContain('#2 offline (8 left, 2 opt-outs)');
    // A company not counted (its count read before a job was added) is never said to have more opt-outs than jobs.
    expect(describeProgress(progress({ pending: 1, companies: [{ companyId: 3, state: 'idle', pending: 1, requestsUsedToday: 0 }] }), new Map([[3, 4]]))).toContain(
      '0 pending, 1 opt-out to pass to GHL',
    );
  });
});
