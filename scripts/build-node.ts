/**
 * Builds the plain-Node entry points into out/node/ with esbuild, so nothing compiles or bundles
 * when they start: the `rlm` CLI, the browser harness (`npm run web`), the demo, the GHL sandbox
 * CLI and the three worker threads they start. (The Electron app's main process and its workers are
 * built by electron-vite into out/main/, see vite.config.ts.)
 *
 * - ESM with code splitting: a command's module and the database layer are separate chunks that
 *   `rlm` loads only when a command needs them (`rlm --help` loads the entry chunk alone).
 * - Chunks sit beside the entries (no sub-folder): code in any chunk finds a worker at
 *   `new URL('./<worker>.mjs', import.meta.url)` (electron/core/workers/worker-location.ts).
 * - Dependencies are bundled (one file read instead of a module graph per package); native
 *   modules stay external and load from node_modules.
 *
 * Also here: the browser harness' `window.api` (electron/harness/web-preload.ts → out/node/web-preload.js),
 * which the harness serves to the browser.
 *
 * Run by `npm run build` / `npm run build:node`, by npm's `prepare` (so `npm ci` leaves a working
 * `npx rlm`), by the test setups (so tests never run a stale bundle) and by `scripts/rlm.cjs` when
 * the bundle is missing. Runs under any Node that npm runs on (20 too): it only needs esbuild.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const nodeOutDir = join(projectRoot, 'out', 'node');
export const metafilePath = join(nodeOutDir, 'metafile.json');

/** out/node/<name>.mjs ← source entry. */
export const nodeEntries = {
  rlm: 'electron/cli/bin.ts',
  web: 'electron/harness/cli.ts',
  demo: 'scripts/demo.ts',
  'ghl-sandbox': 'electron/ghl-sandbox/cli.ts',
  'import-worker': 'electron/core/imports/import-worker.ts',
  'import-parse-worker': 'electron/core/imports/parse-worker.ts',
  'checkpoint-worker': 'electron/core/workers/checkpoint-worker.ts',
  'bulk-write-worker': 'electron/core/jobs/bulk-write-worker.ts',
  'sync-worker': 'electron/sync/worker-entry.ts',
  'search-index-worker': 'electron/core/leads/search-index-worker.ts',
} as const;

/** Native addons (and the packages that load them) cannot be bundled. */
export const NATIVE = ['better-sqlite3', '@napi-rs/keyring', 'electron'];

/**
 * Bundled CommonJS dependencies call `require` and read `__dirname`; an ES module has neither,
 * so each output file defines them for itself (the names are unlikely to clash with bundled code).
 */
const COMMONJS_SHIM = [
  "import { createRequire as __rlmCreateRequire } from 'node:module';",
  "import { fileURLToPath as __rlmFileURLToPath } from 'node:url';",
  'const require = __rlmCreateRequire(import.meta.url);',
  'const __filename = __rlmFileURLToPath(import.meta.url);',
  "const __dirname = __rlmFileURLToPath(new URL('.', import.meta.url)).replace(/[\\\\/]$/, '');",
].join('\n');

const nodeBuildOptions = {
  absWorkingDir: projectRoot,
  entryPoints: Object.entries(nodeEntries).map(([out, entry]) => ({ in: entry, out })),
  outdir: nodeOutDir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  external: NATIVE,
  banner: { js: COMMONJS_SHIM },
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
} satisfies BuildOptions;

/** A script for the browser, not Node: the harness injects it into the renderer's page. */
const webPreloadBuildOptions = {
  absWorkingDir: projectRoot,
  entryPoints: ['electron/harness/web-preload.ts'],
  outfile: join(nodeOutDir, 'web-preload.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  logLevel: 'warning',
} satisfies BuildOptions;

/** Files of an older build are removed once nothing started from that build can still want them. */
export const STALE_AFTER_MS = 60 * 60_000;

/**
 * Builds every entry. Each file is written under a temporary name and renamed, so a process
 * starting meanwhile (a test, a worker of a running `npm run web`) reads a whole file, old or new;
 * chunks are named by their content, so an older entry's chunks stay until they are old.
 */
export async function buildNodeBundles(): Promise<Metafile> {
  const [result, webPreload] = await Promise.all([build({ ...nodeBuildOptions, write: false }), build({ ...webPreloadBuildOptions, write: false })]);
  mkdirSync(nodeOutDir, { recursive: true });
  const written = new Set<string>();
  for (const file of [...result.outputFiles, ...webPreload.outputFiles]) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    written.add(basename(file.path));
  }
  // Which source files each output holds: tests check what `rlm --help` loads, and what the build leaves external.
  writeFileSync(metafilePath, JSON.stringify(result.metafile));
  written.add(basename(metafilePath));
  removeOlderBuilds(nodeOutDir, written);
  return result.metafile;
}

/**
 * Removes the files in `dir` that this build did not write (`written`) once they are older than STALE_AFTER_MS.
 * Age is measured on the file system's clock — against the files this build just wrote — never against
 * Date.now(): the test suite fakes the process clock days ahead (scripts/at-test-time.sh) while mtimes stay
 * real, and a disk's clock can differ from this machine's (a network drive).
 */
export function removeOlderBuilds(dir: string, written: ReadonlySet<string>): void {
  const writtenAt = Math.max(...[...written].map((name) => statSync(join(dir, name)).mtimeMs));
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!written.has(name) && writtenAt - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  await buildNodeBundles();
  console.log(`Built ${Object.keys(nodeEntries).length} Node entry points into out/node/ in ${Math.round(performance.now() - started)} ms`);
}
