import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * Source runs (tests, the CLI) start each worker thread from an esbuild bundle of its TypeScript,
 * built on first use and rebuilt when one of its source files changes. Through tsx's loader a
 * worker paid ~0.3 s per start (every module crosses to the loader's hooks thread) and ~25 MB
 * for that thread; bundled, it starts the way it does in the packaged app (electron-vite bundles
 * the same entries there). esbuild is a devDependency: this file only runs from source.
 *
 * Cache: node_modules/.cache/rlm-workers/<name>-<content hash>.mjs, and a stamp per entry file
 * listing the bundle's inputs with the hash of each as esbuild read it (taken from the source
 * map's sourcesContent, so a file saved during the build cannot be recorded with the wrong hash).
 * Files are written under a temporary name and renamed: test processes building the same worker
 * at once never see half a file.
 */

type Esbuild = typeof import('esbuild');

interface Stamp {
  entry: string;
  /** esbuild version, build options and tsconfig: a change to any of them rebuilds. */
  settings: string;
  bundle: string;
  inputs: [path: string, sha1: string][];
}

const BUILD_OPTIONS = { bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external' } as const;

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

function readStamp(file: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

function isFresh(stamp: Stamp | null, entry: string, settings: string, cacheDir: string): stamp is Stamp {
  if (!stamp || stamp.entry !== entry || stamp.settings !== settings || !existsSync(join(cacheDir, stamp.bundle))) return false;
  try {
    return stamp.inputs.every(([path, hash]) => sha1(readFileSync(path)) === hash);
  } catch {
    return false; // an input was deleted or renamed
  }
}

function writeAtomically(file: string, data: string): void {
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(temporary, data);
  try {
    renameSync(temporary, file);
  } catch (error) {
    // Windows refuses to replace a file another process has open; bundles are named by their
    // content, so one that exists already is the same file.
    rmSync(temporary, { force: true });
    if (!existsSync(file)) throw error;
  }
}

/** Returns the path of an up-to-date bundle of `entry` (an absolute .ts path). */
export function bundleFromSource(entry: string, name: string, callerUrl: string): string {
  const require = createRequire(callerUrl);
  // node_modules/esbuild/lib/main.js → node_modules; the project root is its parent.
  const nodeModules = resolve(dirname(require.resolve('esbuild')), '..', '..');
  const root = dirname(nodeModules);
  const cacheDir = join(nodeModules, '.cache', 'rlm-workers');
  const esbuild = require('esbuild') as Esbuild;
  const tsconfig = join(root, 'tsconfig.json');
  const settings = sha1(JSON.stringify([esbuild.version, BUILD_OPTIONS, existsSync(tsconfig) ? sha1(readFileSync(tsconfig)) : null]));
  const stampFile = join(cacheDir, `${name}-${sha1(entry).slice(0, 12)}.json`);
  const stamp = readStamp(stampFile);
  if (isFresh(stamp, entry, settings, cacheDir)) {
    const bundle = join(cacheDir, stamp.bundle);
    touch(bundle);
    return bundle;
  }

  mkdirSync(cacheDir, { recursive: true });
  const result = esbuild.buildSync({
    ...BUILD_OPTIONS,
    entryPoints: [entry],
    absWorkingDir: root,
    write: false,
    outfile: join(cacheDir, `${name}.mjs`),
    sourcemap: 'external',
    sourcesContent: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'))!.text;
  const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map'))!.text) as { sources: string[]; sourcesContent: string[] };
  const inputs = map.sources.map((source, i): [string, string] => [resolve(cacheDir, source), sha1(map.sourcesContent[i] ?? '')]);
  const bundle = `${name}-${sha1(code).slice(0, 16)}.mjs`;
  writeAtomically(join(cacheDir, bundle), code);
  writeAtomically(stampFile, JSON.stringify({ entry, settings, bundle, inputs } satisfies Stamp));
  pruneOldBundles(cacheDir, name, bundle);
  return join(cacheDir, bundle);
}

/** A bundle in use stays young, so another process' pruning leaves it alone. */
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // pruned meanwhile: the Worker will say so
  }
}

const PRUNE_AFTER_MS = 10 * 60_000;

/** Bundles of older sources. Only old ones: another process may have just picked one to start. */
function pruneOldBundles(cacheDir: string, name: string, keep: string): void {
  const ofThisWorker = new RegExp(`^${name.replace(/[^\w-]/g, '\\$&')}-[0-9a-f]{16}\\.mjs$`);
  for (const file of readdirSync(cacheDir)) {
    if (file === keep || !ofThisWorker.test(file)) continue;
    const path = join(cacheDir, file);
    const modifiedAt = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    if (modifiedAt !== undefined && Date.now() - modifiedAt > PRUNE_AFTER_MS) rmSync(path, { force: true });
  }
}
