import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const PRODUCT_NAME = 'Roofing Lead Manager';

/**
 * The per-user folder Electron's `app.getPath('userData')` resolves to, computed without
 * Electron so the CLI and the browser harness open the same database as the desktop app.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/**
 * Why RLM_DATA_DIR cannot be used, or null: set but empty (`RLM_DATA_DIR="$DIR"` with DIR unset), it made the current
 * folder a new data folder for `rlm` ("Everything went" every night) and the office's usual one for `npm run web`,
 * which started sending its leads. A `--data-dir` given wins over it.
 */
export function emptyDataDirVariable(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  return flag === undefined && env.RLM_DATA_DIR !== undefined && !env.RLM_DATA_DIR.trim()
    ? 'RLM_DATA_DIR is set but empty: set it to a folder, or unset it for the usual data folder.'
    : null;
}

/** The data folder's path, not created: `--data-dir` wins, then RLM_DATA_DIR, then the per-user default. */
export function dataDirPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.RLM_DATA_DIR ?? defaultDataDir(process.platform, env));
}

/** The data folder (dataDirPath), created when it is not there yet. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const dir = dataDirPath(flag, env);
  // Customers' names, phones and notes live here: a folder the app creates is the user's alone (Windows
  // ignores the mode; its per-user AppData is private already). An existing folder keeps its owner's mode.
  makeFolders(dir, 0o700);
  return dir;
}

/**
 * `mkdir -p`, one level at a time. Node's own `recursive: true` never returns for a folder that cannot
 * be made under an existing parent such as /proc (it retries the "missing" parent forever): this throws
 * the first refusal instead (ENOENT, EACCES…), which the caller turns into words (storage-errors.ts).
 */
function makeFolders(dir: string, mode: number): void {
  const missing: string[] = [];
  for (let at = dir; !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break; // a drive root that does not exist
  }
  for (const folder of missing.reverse()) mkdirSync(folder, { mode });
}

export const databaseFile = (dataDir: string) => join(dataDir, 'leads.sqlite');
