import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Real SQLite files and worker threads: forks isolate native modules between files.
    pool: 'forks',
    // Worker threads and the `rlm` bin run prebuilt code: build it from the current source first.
    globalSetup: ['tests/setup/build-node.ts'],
  },
});
