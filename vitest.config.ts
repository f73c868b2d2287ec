import { defineConfig } from 'vitest/config';

/**
 * Files that assert something happens *within* a time: the sending window's close, a request held past
 * its timeout but inside the wait for it, lock hand-overs, "the main thread never waits more than N ms".
 * A neighbour's CPU load could fail them (or, for a stall, hide one), so they run one at a time after the
 * rest. Everything else runs two files at a time: the CI machine has 2 cores, where vitest's default is
 * one, and most of the suite waits on real processes, servers and timers rather than the CPU (the kill
 * and chaos tests kill at moments they pick from what happened, not from the clock).
 */
const timingSensitive = [
  'tests/integration/sync/send-guards.test.ts',
  'tests/integration/sync/note-in-flight.test.ts',
  'tests/integration/sync/claims.test.ts',
  'tests/integration/sync/contention.test.ts',
  'tests/integration/sync/scheduler-wake.test.ts',
  'tests/integration/sync/pause-gives-back.test.ts',
  'tests/integration/sync/offline-gives-back.test.ts',
  'tests/integration/sync/unsure-zone.test.ts',
  'tests/integration/sync/outside-changes.test.ts',
  'tests/integration/db/concurrent-writers.test.ts',
  'tests/integration/import/import.test.ts',
  'tests/integration/import/import-facts.test.ts',
  'tests/unit/db/write-turn.test.ts',
  'tests/unit/pacing/plan.test.ts',
  'tests/unit/pacing/pace.test.ts',
  'tests/unit/ghl/client.test.ts',
  'tests/unit/leads/lead-search.test.ts',
  'tests/unit/sync/job-queue-batches.test.ts',
  'tests/unit/optouts/optouts.test.ts',
  'tests/unit/dashboard/lead-pages.test.ts',
  'tests/unit/test-clock.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Real SQLite files and worker threads: forks isolate native modules between files.
    pool: 'forks',
    // Worker threads and the `rlm` bin run prebuilt code: build it from the current source first.
    globalSetup: ['tests/setup/build-node.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'two at a time',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: timingSensitive,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'one at a time',
          include: timingSensitive,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
