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
});
