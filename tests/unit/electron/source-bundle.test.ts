import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleFromSource } from '../../../electron/core/workers/source-bundle';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function project(): { entry: string; dep: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rlm-bundle-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const dep = join(dir, 'answer.ts');
  const entry = join(dir, 'entry.ts');
  writeFileSync(dep, 'export const answer: number = 41;\n');
  writeFileSync(entry, "import { parentPort } from 'node:worker_threads';\nimport { answer } from './answer';\nparentPort!.postMessage(answer + 1);\n");
  return { entry, dep };
}

async function runWorker(bundle: string): Promise<unknown> {
  const worker = new Worker(pathToFileURL(bundle));
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

describe('worker bundles for source runs', () => {
  it('bundles a TypeScript worker, reuses the bundle while its sources are unchanged, rebuilds when one changes', async () => {
    const { entry, dep } = project();
    const name = `test-worker-${process.pid}-${Date.now()}`;
    const first = bundleFromSource(entry, name, import.meta.url);
    // The cache directory is shared with every source run: remove only this test's files.
    cleanups.push(() => {
      for (const file of [first, join(dirname(first), `${name}.json`)]) rmSync(file, { force: true });
    });
    expect(await runWorker(first)).toBe(42);

    const builtAt = statSync(first).mtimeMs;
    expect(bundleFromSource(entry, name, import.meta.url)).toBe(first);
    expect(statSync(first).mtimeMs).toBe(builtAt);

    writeFileSync(dep, 'export const answer: number = 99;\n');
    const second = bundleFromSource(entry, name, import.meta.url);
    cleanups.push(() => rmSync(second, { force: true }));
    expect(second).not.toBe(first);
    expect(readFileSync(second, 'utf8')).toContain('99');
    expect(await runWorker(second)).toBe(100);
  });

  it('reports a TypeScript syntax error instead of starting a broken worker', () => {
    const { entry } = project();
    writeFileSync(entry, 'export const = ;\n');
    expect(() => bundleFromSource(entry, `test-broken-${process.pid}`, import.meta.url)).toThrow(/Expected identifier|Build failed/);
  });
});
