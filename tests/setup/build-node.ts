// globalSetup of vitest and Playwright: tests run the core from TypeScript source, but the worker
// threads it starts, the `rlm` process and the browser harness run from out/node/. Building them
// once per test run (~0.6 s) means a source change is never tested against a stale bundle.
import { buildNodeBundles } from '../../scripts/build-node';

export default async function buildBeforeTests(): Promise<void> {
  await buildNodeBundles();
}
