import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fastConfig } from '../integration/sync/world';
import { projectRoot } from './node-process';

export interface RlmRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `rlm --data-dir DIR …` as a real process (the bin, as a user starts it), with the sync tuned fast
 * for tests; `input` goes to its stdin (an API key), `env` is added to this process's environment.
 */
export function rlm(dataDir: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<RlmRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot, 'scripts/rlm.cjs'), '--data-dir', dataDir, ...args], {
      cwd: projectRoot,
      env: { ...process.env, RLM_SYNC_TUNING: JSON.stringify(fastConfig), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
