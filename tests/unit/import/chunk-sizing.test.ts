import { describe, expect, it } from 'vitest';
import { nextChunkRows, WRITE_LOCK_BUDGET_MS } from '../../../electron/core/imports/run-import';

describe('import chunk sizing (how long one commit holds the write lock)', () => {
  it('sizes the next chunk to what the last one wrote within the budget', () => {
    // 10k rows in 200 ms: 50 rows a millisecond.
    expect(nextChunkRows(10_000, 200, 10_000)).toBe(50 * WRITE_LOCK_BUDGET_MS);
    expect(nextChunkRows(2_000, WRITE_LOCK_BUDGET_MS / 2, 10_000)).toBe(4_000);
  });

  it('never goes above the job maximum nor below 500 rows (or the maximum, if smaller)', () => {
    expect(nextChunkRows(1_000, 1, 10_000)).toBe(10_000);
    expect(nextChunkRows(1_000, 5_000, 10_000)).toBe(500);
    expect(nextChunkRows(100, 5_000, 200)).toBe(200);
  });

  it('uses the maximum when there is no pace to go by', () => {
    expect(nextChunkRows(0, 0, 10_000)).toBe(10_000);
    expect(nextChunkRows(500, 0, 10_000)).toBe(10_000);
  });
});
