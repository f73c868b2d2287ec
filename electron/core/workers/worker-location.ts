import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors';

/** The worker threads; each is built as an entry of its own under this name (out/node/, out/main/). */
export type WorkerName = 'import-worker' | 'import-parse-worker' | 'checkpoint-worker' | 'sync-worker' | 'search-index-worker' | 'bulk-write-worker';

/**
 * Where a worker's prebuilt code can be, seen from the module that holds this code. Nothing is
 * compiled or bundled when a worker starts; every layout runs a build made beforehand:
 * - the Electron app (electron-vite, vite.config.ts): `out/main/<name>.cjs` beside main.cjs, or one
 *   folder up should this code land in a shared chunk (`out/main/chunks/`);
 * - the Node entry points (esbuild, scripts/build-node.ts): `out/node/<name>.mjs` beside the entry
 *   or chunk holding this code;
 * - source runs (vitest, tsx; this file is `electron/core/workers/worker-location.ts`): the Node
 *   build in `out/node/`, which vitest's globalSetup and `npm run build` refresh.
 */
export function workerCandidates(name: WorkerName, moduleUrl: string): URL[] {
  if (/\.tsx?$/.test(moduleUrl)) return [new URL(`../../../out/node/${name}.mjs`, moduleUrl)];
  return [new URL(`./${name}.mjs`, moduleUrl), new URL(`./${name}.cjs`, moduleUrl), new URL(`../${name}.cjs`, moduleUrl)];
}

/**
 * The URL to start the worker `name` from. Callers ask before they record anything (a batch row,
 * the runner lock), so a missing build fails cleanly with nothing to undo.
 */
export function workerLocation(name: WorkerName, moduleUrl: string = import.meta.url): URL {
  const candidates = workerCandidates(name, moduleUrl);
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (found) return found;
  throw new AppError(
    'internal',
    `The ${name} thread's code is not built (looked for ${candidates.map((url) => fileURLToPath(url)).join(', ')}). Run \`npm run build\`.`,
  );
}
