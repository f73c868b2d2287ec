import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

export interface ProcessRun {
  /** Spawn to exit: the whole process, start-up included. */
  seconds: number;
  peakRssMb: number;
  stdout: string;
}

/** Runs `node args…` (this Node, started directly: no npm, no npx) and times it from spawn to exit. */
export async function timeProcess(args: string[], cwd: string): Promise<ProcessRun> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let peakKb = 0;
  const sample = () => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // the process is gone (or this is not Linux)
    }
  };
  const timer = setInterval(sample, 50);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}: ${stdout}`);
  return { seconds, peakRssMb: peakKb / 1024, stdout };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
