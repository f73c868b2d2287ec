import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { workerLocation, type WorkerName } from '../../../electron/core/workers/worker-location';
import { metafilePath, NATIVE, nodeEntries } from '../../../scripts/build-node';
import viteConfig from '../../../vite.config';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder tree with empty files at the given paths; returns its root. */
function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'rlm-layout-'));
  dirs.push(root);
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return root;
}

const located = (root: string, name: WorkerName, module: string) => fileURLToPath(workerLocation(name, pathToFileURL(join(root, module)).href));
// A Record: a worker added to WorkerName and not listed here fails the type check.
const everyWorker: Record<WorkerName, true> = { 'import-worker': true, 'import-parse-worker': true, 'checkpoint-worker': true, 'bulk-write-worker': true, 'sync-worker': true, 'search-index-worker': true };
const workerNames = Object.keys(everyWorker) as WorkerName[];

describe('where a worker thread starts from', () => {
  it('the Node build: beside the entry or chunk that asks (out/node/)', () => {
    const root = tree(['out/node/import-worker.mjs', 'out/node/sync-worker.mjs']);
    expect(located(root, 'import-worker', 'out/node/chunk-ABC123.mjs')).toBe(join(root, 'out/node/import-worker.mjs'));
    expect(located(root, 'sync-worker', 'out/node/web.mjs')).toBe(join(root, 'out/node/sync-worker.mjs'));
  });

  it('the Electron build: beside main.cjs, also when the code sits in a shared chunk (out/main/chunks/)', () => {
    const root = tree(['out/main/main.cjs', 'out/main/import-worker.cjs', 'out/main/sync-worker.cjs']);
    expect(located(root, 'sync-worker', 'out/main/main.cjs')).toBe(join(root, 'out/main/sync-worker.cjs'));
    expect(located(root, 'import-worker', 'out/main/chunks/runner-Bs19.cjs')).toBe(join(root, 'out/main/import-worker.cjs'));
  });

  it('source runs (tests, tsx): the Node build of the same checkout; a missing build is a clear error, not a crash later', () => {
    const root = tree(['out/node/import-worker.mjs']);
    expect(located(root, 'import-worker', 'electron/core/workers/worker-location.ts')).toBe(join(root, 'out/node/import-worker.mjs'));
    expect(() => located(root, 'sync-worker', 'electron/core/workers/worker-location.ts')).toThrow(
      expect.objectContaining({ code: 'internal', message: expect.stringContaining('npm run build') }),
    );
  });

  it("this checkout's source finds every worker in the build the test setup made", () => {
    for (const name of workerNames) expect(fileURLToPath(workerLocation(name))).toMatch(new RegExp(`out/node/${name}\\.mjs$`));
  });

  it('both builds name every worker entry as worker-location.ts expects', () => {
    const electronInputs = Object.keys((viteConfig.main?.build?.rolldownOptions?.input ?? {}) as Record<string, string>);
    for (const name of workerNames) {
      expect(electronInputs).toContain(name);
      expect(Object.keys(nodeEntries)).toContain(name);
    }
  });
});

describe('the Node build (scripts/build-node.ts)', () => {
  it('leaves nothing to load at run time but Node built-ins and the native modules: no compiler, no bundler', () => {
    const metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
    const external = new Set<string>();
    for (const output of Object.values(metafile.outputs)) for (const imported of output.imports) if (imported.external) external.add(imported.path);
    const unexpected = [...external].filter((path) => !path.startsWith('node:') && !builtinModules.includes(path) && !NATIVE.some((name) => path === name || path.startsWith(`${name}/`)));
    expect(unexpected).toEqual([]);
    const bundledInputs = Object.keys(metafile.inputs);
    expect(bundledInputs.filter((input) => /node_modules\/(tsx|esbuild|typescript|vite)\//.test(input))).toEqual([]);
  });

  /** The source files a built entry loads when it starts: its output and every output it imports statically. */
  function startupInputs(metafile: Metafile, entry: keyof typeof nodeEntries): string[] {
    const seen = new Set<string>();
    const visit = (output: string) => {
      if (seen.has(output)) return;
      seen.add(output);
      for (const imported of metafile.outputs[output]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    };
    visit(`out/node/${entry}.mjs`);
    return [...seen].flatMap((output) => Object.keys(metafile.outputs[output]!.inputs));
  }

  // Each thread compiles and runs what it loads before it does any work: zod alone is ~0.7 MB and
  // ~35 ms of start-up, the phone metadata ~0.3 MB. The import's threads start on every import, the sync
  // worker with every app start and `rlm sync`; none of them validates input (the IPC layer does).
  it('every worker thread starts without zod, and the import writer without the phone-number metadata it never uses', () => {
    const metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
    const workers = Object.keys(everyWorker) as WorkerName[];
    for (const name of workers) expect(startupInputs(metafile, name).filter((input) => input.includes('node_modules/zod/')), name).toEqual([]);
    const writer = startupInputs(metafile, 'import-worker');
    expect(writer).toContain('electron/core/imports/run-import.ts');
    expect(writer.filter((input) => input.includes('node_modules/libphonenumber-js/'))).toEqual([]);
    expect(startupInputs(metafile, 'import-parse-worker')).toContain('electron/parsing/row-validator.ts');
  });
});
