import type { Result } from '../../shared/ipc/result';

export class CliUsageError extends Error {}

export interface Output {
  isJson: boolean;
  /** Prints the command's result: one JSON document with --json, readable text otherwise. */
  result(value: unknown, human: () => string): void;
  progress(line: string): void;
}

export function createOutput(isJson: boolean): Output {
  return {
    isJson,
    result(value, human) {
      process.stdout.write(isJson ? `${JSON.stringify(value)}\n` : `${human()}\n`);
    },
    progress(line) {
      // Progress goes to stderr so `--json` stdout stays one parseable document.
      if (!isJson || process.stderr.isTTY) process.stderr.write(`${line}\n`);
    },
  };
}

/** Unwraps a dispatcher result; an error becomes the CLI's error (printed by main, non-zero exit). */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, details: result.error.details });
  return result.value;
}

export function table(rows: Array<Record<string, unknown>>, columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => text(r[c]))))].join('\n');
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
