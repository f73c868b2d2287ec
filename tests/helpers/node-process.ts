import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in its output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /**
   * Sends the signal and resolves with the exit code once the process has ended, or with the signal that ended it
   * (CI once saw a bare `null` here: a demo killed by the Ctrl-C it had not installed its handler for yet).
   */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
}

/**
 * Starts a built Node entry point (out/node/NAME.mjs, rebuilt by the globalSetup) as a real
 * process; every process a test started is killed after it.
 */
export function useNodeProcesses(): (entry: string, args?: string[], env?: NodeJS.ProcessEnv) => RunningProcess {
  const started: ChildProcess[] = [];
  afterEach(() => {
    for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return (entry, args = [], env = process.env) => {
    const child = spawn(process.execPath, [join(projectRoot, 'out/node', entry), ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let output = '';
    const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return {
      child,
      output: () => output,
      waitFor: (pattern, timeoutMs = 30_000) =>
        new Promise((resolve, reject) => {
          const check = () => {
            const match = pattern.exec(output);
            if (!match) return false;
            clearInterval(poll);
            clearTimeout(timer);
            resolve(match);
            return true;
          };
          const poll = setInterval(check, 25);
          const timer = setTimeout(() => {
            clearInterval(poll);
            reject(new Error(`${entry} never printed ${pattern}:\n${output}`));
          }, timeoutMs);
          void exited.then(() => setTimeout(() => check() || (clearInterval(poll), clearTimeout(timer), reject(new Error(`${entry} exited before printing ${pattern}:\n${output}`))), 50));
        }),
      stop: async (signal = 'SIGINT') => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        return exited;
      },
    };
  };
}
