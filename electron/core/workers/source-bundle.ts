import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
 * Cache: node_modules/.cache/rlm-workers/<name>-<key>.mjs, and <name>.json listing the bundle's
 * inputs with the hash of each. Files are written under a temporary name and renamed, so test
 * processes building the same worker at once never see half a file.
 */

type Esbuild = typeof import('esbuild');

interface Stamp {
  bundle: string;
  inputs: [path: string, sha1: string][];
}

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

function readStamp(file: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

function isFresh(stamp: Stamp | null, cacheDir: string): stamp is Stamp {
  if (!stamp || !existsSync(join(cacheDir, stamp.bundle))) return false;
  try {
    return stamp.inputs.every(([path, hash]) => sha1(readFileSync(path)) === hash);
  } catch {
    return false; // an input was deleted or renamed
  }
}

function writeAtomically(file: string, data: string): void {
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/** Returns the path of an up-to-date bundle of `entry` (an absolute .ts path). */
export function bundleFromSource(entry: string, name: string, callerUrl: string): string {
  // node_modules/esbuild/lib/main.js → node_modules; the project root is its parent.
  const nodeModules = resolve(dirname(createRequire(callerUrl).resolve('esbuild')), '..', '..');
  const root = dirname(nodeModules);
  const cacheDir = join(nodeModules, '.cache', 'rlm-workers');
  const stampFile = join(cacheDir, `${name}.json`);
  const stamp = readStamp(stampFile);
  if (isFresh(stamp, cacheDir)) return join(cacheDir, stamp.bundle);

  const esbuild = createRequire(callerUrl)('esbuild') as Esbuild;
  mkdirSync(cacheDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const startedAt = Date.now();
    const result = esbuild.buildSync({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      write: false,
      outdir: cacheDir,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external', // resolved from node_modules at run time, as in the packaged app
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(root, input));
    // A file saved while esbuild read it would leave a bundle older than its stamp: build again.
    const changedMeanwhile = inputs.some((path) => statSync(path).mtimeMs >= startedAt);
    if (changedMeanwhile && attempt < 3) continue;
    const code = result.outputFiles[0]!.text;
    const bundle = `${name}-${sha1(code).slice(0, 16)}.mjs`;
    writeAtomically(join(cacheDir, bundle), code);
    writeAtomically(stampFile, JSON.stringify({ bundle, inputs: inputs.map((path) => [path, sha1(readFileSync(path))]) } satisfies Stamp));
    pruneOldBundles(cacheDir, name, bundle);
    return join(cacheDir, bundle);
  }
}

const PRUNE_AFTER_MS = 10 * 60_000;

/** Bundles of older sources. Only old ones: another process may have just picked one to start. */
function pruneOldBundles(cacheDir: string, name: string, keep: string): void {
  for (const file of readdirSync(cacheDir)) {
    if (file === keep || !file.startsWith(`${name}-`) || !file.endsWith('.mjs')) continue;
    const path = join(cacheDir, file);
    const modifiedAt = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    if (modifiedAt !== undefined && Date.now() - modifiedAt > PRUNE_AFTER_MS) rmSync(path, { force: true });
  }
}
