import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface WorkerLocation {
  url: URL;
  execArgv: string[];
}

/**
 * Where a worker thread's code is, seen from the module that starts it (`callerUrl` =
 * import.meta.url). Source runs (tests, the CLI through tsx) load the `.ts` entry through tsx's
 * loader, named by absolute path: a bare `--import tsx` resolves from the cwd, which the CLI does
 * not control. The Electron build bundles each worker as an entry beside main (`<name>.cjs`).
 */
export function workerLocation(callerUrl: string, sourceEntry: string, bundledName: string): WorkerLocation {
  if (callerUrl.endsWith('.ts')) {
    const tsxLoader = pathToFileURL(createRequire(callerUrl).resolve('tsx')).href;
    return { url: new URL(sourceEntry, callerUrl), execArgv: ['--import', tsxLoader] };
  }
  const extension = callerUrl.endsWith('.js') ? '.js' : '.cjs';
  return { url: new URL(`./${bundledName}${extension}`, callerUrl), execArgv: [] };
}
