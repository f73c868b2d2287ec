import { randomBytes } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { AppError } from './errors';

/**
 * What a granted file may be used for. A handle is single-purpose: a file the user chose to read
 * (an import, a backup to restore) can never become the target of a backup write, and back.
 */
export const filePurposes = ['import-source', 'restore-source', 'backup-target'] as const;
export type FilePurpose = (typeof filePurposes)[number];

/**
 * Who asks. The renderer (Electron window, browser harness) can name a file only by a handle main
 * granted; in-process callers (the CLI, tests) run with the user's own rights and may name any path.
 */
export type Caller = 'renderer' | 'in-process';

/** How long an unused handle lives: the import wizard reads its file for as long as the user reviews it. */
const IDLE_MS: Record<FilePurpose, number> = {
  'import-source': 60 * 60_000,
  'restore-source': 10 * 60_000,
  'backup-target': 10 * 60_000,
};

const HANDLE_PATTERN = /^fh_[A-Za-z0-9_-]{24}$/;

interface Grant {
  path: string;
  purpose: FilePurpose;
  lastUsedAt: number;
  /** Runs once when the grant ends (used, expired, or the app closes): the harness deletes its uploaded copy here. */
  onRelease?: () => void;
}

/** A file taken out of the registry for its one use; `release()` ends the grant (after the use, not before). */
export interface TakenFile {
  path: string;
  release(): void;
}

const refused = (purpose: FilePurpose) =>
  new AppError(
    'validation',
    purpose === 'backup-target'
      ? 'Choose where to save the backup again: the app writes only where you chose, once.'
      : 'Choose the file again: the app reads only files you picked, and this choice is unknown, used up or expired.',
    [{ path: 'path', message: 'not a file handle granted for this use' }],
  );

/**
 * The one owner of the rule "the renderer cannot name a file path": main (the OS dialog, a
 * dropped file, a harness upload) grants an opaque, expiring, single-purpose handle for a path it
 * trusts, and every channel that reads or writes a user file turns its `path` field into a real
 * path here.
 */
export class FileGrants {
  private readonly grants = new Map<string, Grant>();
  /** Taken but not yet released (an import still reading its file): released at close at the latest. */
  private readonly inUse = new Set<() => void>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  grant(path: string, purpose: FilePurpose, options: { onRelease?: () => void } = {}): string {
    if (!isAbsolute(path)) throw new Error(`FileGrants.grant needs an absolute path, got ${path}`);
    this.sweep();
    const handle = `fh_${randomBytes(18).toString('base64url')}`;
    this.grants.set(handle, { path, purpose, lastUsedAt: this.now(), onRelease: options.onRelease });
    return handle;
  }

  /** The path behind a reference, leaving the handle usable (an import source is read by inspect and preview many times). */
  peek(reference: string, purpose: FilePurpose, caller: Caller): string {
    const inProcessPath = this.inProcessPath(reference, caller);
    if (inProcessPath) return inProcessPath;
    const grant = this.live(reference, purpose);
    grant.lastUsedAt = this.now();
    return grant.path;
  }

  /** Takes the handle out for its one use: it cannot be used again; call `release()` once the file is no longer needed. */
  take(reference: string, purpose: FilePurpose, caller: Caller): TakenFile {
    const inProcessPath = this.inProcessPath(reference, caller);
    if (inProcessPath) return { path: inProcessPath, release: () => {} };
    const grant = this.live(reference, purpose);
    this.grants.delete(reference);
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      this.inUse.delete(release);
      grant.onRelease?.();
    };
    this.inUse.add(release);
    return { path: grant.path, release };
  }

  /** Ends the grants nobody used for their idle time (an abandoned import wizard, a dialog choice never used). */
  sweep(): void {
    const now = this.now();
    for (const [handle, grant] of this.grants) {
      if (now - grant.lastUsedAt > IDLE_MS[grant.purpose]) this.end(handle, grant);
    }
  }

  /** Sweeps every `intervalMs` without keeping the process alive. */
  startSweeping(intervalMs = 60_000): void {
    this.sweeper ??= setInterval(() => this.sweep(), intervalMs).unref();
  }

  /** At close: every grant ends, taken ones included (their files' cleanups run). */
  releaseAll(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const [handle, grant] of this.grants) this.end(handle, grant);
    for (const release of [...this.inUse]) release();
  }

  get size(): number {
    return this.grants.size;
  }

  private inProcessPath(reference: string, caller: Caller): string | null {
    if (caller !== 'in-process' || HANDLE_PATTERN.test(reference)) return null;
    return reference;
  }

  private live(reference: string, purpose: FilePurpose): Grant {
    this.sweep();
    const grant = HANDLE_PATTERN.test(reference) ? this.grants.get(reference) : undefined;
    if (!grant || grant.purpose !== purpose) throw refused(purpose);
    return grant;
  }

  private end(handle: string, grant: Grant): void {
    this.grants.delete(handle);
    try {
      grant.onRelease?.();
    } catch {
      // A cleanup that fails (the copy is already gone) must not stop the others.
    }
  }
}
