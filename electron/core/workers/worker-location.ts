import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleFromSource } from './source-bundle';

export interface WorkerLocation {
  url: URL;
  execArgv: string[];
}

/**
 * Where a worker thread's code is, seen from the module that starts it (`callerUrl` =
 * import.meta.url). The Electron build bundles each worker as an entry beside main
 * (`<name>.cjs`); source runs (tests, the CLI through tsx) bundle the `.ts` entry on first use
 * (source-bundle.ts), so workers start the same way in both.
 */
export function workerLocation(callerUrl: string, sourceEntry: string, bundledName: string): WorkerLocation {
  if (callerUrl.endsWith('.ts')) {
    const entry = fileURLToPath(new URL(sourceEntry, callerUrl));
    return { url: pathToFileURL(bundleFromSource(entry, bundledName, callerUrl)), execArgv: [] };
  }
  const extension = callerUrl.endsWith('.js') ? '.js' : '.cjs';
  return { url: new URL(`./${bundledName}${extension}`, callerUrl), execArgv: [] };
}
