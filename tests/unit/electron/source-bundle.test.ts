import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The cache directory is shared with every source run: remove only this test's files. */
function removeCacheFiles(bundle: string, name: string): void {
  const dir = dirname(bundle);
  for (const file of readdirSync(dir)) if (file.startsWith(`${name}-`)) rmSync(join(dir, file), { force: true });
}

describe('worker bundles for source runs', () => {
  it('bundles a TypeScript worker, reuses the bundle while its sources are unchanged, rebuilds when one changes', async () => {
    const { entry, dep } = project();
    const name = `test-worker-${process.pid}-${Date.now()}`;
    const first = bundleFromSource(entry, name, import.meta.url);
    cleanups.push(() => removeCacheFiles(first, name));
    expect(await runWorker(first)).toBe(42);

    const filesBefore = readdirSync(dirname(first)).filter((file) => file.startsWith(name)).sort();
    expect(bundleFromSource(entry, name, import.meta.url)).toBe(first);
    expect(readdirSync(dirname(first)).filter((file) => file.startsWith(name)).sort()).toEqual(filesBefore);

    writeFileSync(dep, 'export const answer: number = 99;\n');
    const second = bundleFromSource(entry, name, import.meta.url);
    expect(second).not.toBe(first);
    expect(readFileSync(second, 'utf8')).toContain('99');
    expect(await runWorker(second)).toBe(100);
  });

  it('keeps the bundles of two checkouts apart even when their workers have the same name', async () => {
    const a = project();
    const b = project();
    writeFileSync(b.dep, 'export const answer: number = 6;\n');
    const name = `test-twins-${process.pid}-${Date.now()}`;
    const bundleA = bundleFromSource(a.entry, name, import.meta.url);
    cleanups.push(() => removeCacheFiles(bundleA, name));
    const bundleB = bundleFromSource(b.entry, name, import.meta.url);
    expect(await runWorker(bundleFromSource(a.entry, name, import.meta.url))).toBe(42);
    expect(await runWorker(bundleB)).toBe(7);
  });

  it('reports a TypeScript syntax error instead of starting a broken worker', () => {
    const { entry } = project();
    writeFileSync(entry, 'export const = ;\n');
    expect(() => bundleFromSource(entry, `test-broken-${process.pid}`, import.meta.url)).toThrow(/Expected identifier|Build failed/);
  });
});
