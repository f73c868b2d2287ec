import { defineConfig } from '@playwright/test';
import { browserEnv } from './tests/setup/browser-env';

// Debian's Chromium, never a downloaded browser (this workplace has no internet).
// The flags keep Chromium from reaching for Google services on a closed network.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // The harness (out/node/web.mjs) and its worker threads run prebuilt code: build it from the current source first.
  globalSetup: './tests/setup/build-node.ts',
  outputDir: 'test-results/e2e',
  use: {
    viewport: { width: 1360, height: 880 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The suite's faked clock, in a form Chromium starts under (see browser-env.ts).
      env: browserEnv(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
  },
});
