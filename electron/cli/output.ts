import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fieldLabel } from '../../shared/field-label';
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
  if (!result.ok) throw Object.assign(new Error(cliMessage(result.error)), { code: result.error.code, details: result.error.details });
  return result.value;
}

/** Fields whose option is not simply the field's name in kebab-case. */
const OPTION_FOR_FIELD: Record<string, string> = {
  ghlLocationId: '--location-id',
  ghlBaseUrl: '--ghl-url',
  timeZone: '--timezone',
  hourlyCap: '--per-hour',
  window: '--send-window',
  startDate: '--start',
  workflowId: '--workflow',
  address1: '--address',
  postalCode: '--zip',
  zips: '--zip',
  // set-key takes no option for it: the key comes on stdin, never on the command line.
  apiKey: 'The key read from stdin',
};

const optionFor = (field: string) => OPTION_FOR_FIELD[field] ?? `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/**
 * The contract's checks name a refused value by its field in the form's words ("Daily cap: …", with its
 * path in the details), which the renderer shows beside its form fields; on the command line the option
 * that gave the value says it ("--daily-cap: …"). Messages that name no field are already the user's words.
 */
function cliMessage(error: { code: string; message: string; details?: unknown }): string {
  const first = Array.isArray(error.details) ? (error.details[0] as { path?: unknown; message?: unknown } | undefined) : undefined;
  const path = typeof first?.path === 'string' ? first.path : '';
  const segments = path.split('.');
  if (error.code !== 'validation' || path === '' || typeof first?.message !== 'string' || error.message !== `${fieldLabel(segments)}: ${first.message}`) return error.message;
  const field = segments.filter((segment) => !/^\d+$/.test(segment)).pop() ?? path;
  return `${optionFor(field)}: ${first.message}`;
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

/**
 * A file argument ending in a slash names a folder (`rlm backup /backups/`): one that does not exist is refused, not
 * written as a file named after it (`/backups` was a SQLite file, and the next backup there refused to replace it).
 */
export function refuseMissingFolder(argument: string): void {
  if (!/[\\/]$/.test(argument)) return;
  const folder = resolve(argument);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new CliUsageError(`There is no folder ${folder}: create it first, or name a file.`);
}
