import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const KEPT_FILES = 3;

const secretsToRedact = new Set<string>();

/** Registers a secret (an API key) so it is masked wherever it would reach a log line. */
export function registerSecret(secret: string): void {
  if (secret.length >= 8) secretsToRedact.add(secret);
}

/**
 * Masks tokens, phone numbers and email addresses: a log file is something users attach to support emails.
 * Phones keep their last 4 digits and emails their first letter and domain, so support can still match a lead.
 */
export function redact(text: string): string {
  let out = text;
  for (const secret of secretsToRedact) out = out.split(secret).join('[redacted-key]');
  out = out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]');
  out = out.replace(/\bpit-[A-Za-z0-9-]{8,}\b/g, '[redacted-key]');
  // A URL's query writes "+1512…" as "%2B1512…" (a GHL lookup by number): read as the phone it is.
  out = out.replace(/%2B(?=\d)/gi, '+');
  out = out.replace(PHONE_LIKE, maskPhone);
  out = out.replace(EMAIL_LIKE, (_, first: string, at: string, domain: string) => `${first}•••${at}${domain}`);
  return out;
}

/** A run of digits and the separators phones are written with: "(512) 555-0142", "+1 512 555 0142", "555-0142". */
const PHONE_LIKE = /(?<![\w+.-])\+?\(?\d[\d\s().-]*\d(?!\w)/g;

/** An address, plain or in a URL's query (`%40` for "@"): its local part goes but its first character. */
const EMAIL_LIKE = /(?<![\w.%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*(@|%40)([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/gi;

/** A US phone written in groups ("512 555 0142", "(512) 555-0142"), inside a longer run. */
const GROUPED_PHONE = /\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}/;

/**
 * 7 to 15 digits ending in 4 together is a phone: masked but its last 4 digits ("••••••0142"). Dates and times stay.
 * A longer run may be phones side by side ("5125550142 5125550143"): each part that is one is masked; a run with
 * a phone written in groups ("512 555 0142 512 555 0143") is masked whole but its last 4 digits. Other long runs
 * ("companies 1001 1002 1003 1004") stay as they are.
 */
function maskPhone(run: string): string {
  const digits = run.replace(/\D/g, '');
  if (digits.length < 7 || !/\d{4}$/.test(run)) return run;
  if (digits.length <= 15) return `${'•'.repeat(Math.min(digits.length - 4, 8))}${digits.slice(-4)}`;
  if (GROUPED_PHONE.test(run)) return `${'•'.repeat(8)}${digits.slice(-4)}`;
  const parts = run.split(/(\s+)/);
  // One number of over 15 digits (an id) is no phone either.
  if (parts.length === 1) return run;
  return parts.map((part, i) => (i % 2 === 1 ? part : maskPhone(part))).join('');
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}${value.stack ? `\n${value.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export class Logger {
  private readonly file: string | null;

  constructor(
    logDir: string | null,
    private readonly minLevel: LogLevel = 'info',
    private readonly echo: ((line: string) => void) | null = null,
    private readonly scope = 'main',
  ) {
    if (logDir) mkdirSync(logDir, { recursive: true });
    this.file = logDir ? join(logDir, 'app.log') : null;
  }

  child(scope: string): Logger {
    return new Logger(this.file ? join(this.file, '..') : null, this.minLevel, this.echo, scope);
  }

  log(level: LogLevel, message: string, ...extra: unknown[]): void {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[this.minLevel]) return;
    const line = redact(`${new Date().toISOString()} ${level.toUpperCase()} [${this.scope}] ${[message, ...extra.map(describe)].join(' ')}`);
    this.echo?.(line);
    if (!this.file) return;
    try {
      this.rotateIfLarge();
      appendFileSync(this.file, `${line}\n`);
    } catch {
      // A full disk (or a log folder gone) loses the line, not the caller: a log call comes from anywhere,
      // a worker's message handler included, where a throw is an uncaught exception.
    }
  }

  private rotateIfLarge(): void {
    try {
      if (statSync(this.file!).size < MAX_FILE_BYTES) return;
    } catch {
      return;
    }
    for (let i = KEPT_FILES - 1; i >= 1; i--) {
      try {
        renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(this.file!, `${this.file}.1`);
  }

  debug = (message: string, ...extra: unknown[]) => this.log('debug', message, ...extra);
  info = (message: string, ...extra: unknown[]) => this.log('info', message, ...extra);
  warn = (message: string, ...extra: unknown[]) => this.log('warn', message, ...extra);
  error = (message: string, ...extra: unknown[]) => this.log('error', message, ...extra);
}

export const logDirOf = (dataDir: string) => join(dataDir, 'logs');
