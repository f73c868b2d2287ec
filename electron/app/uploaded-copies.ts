import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ChosenFile } from '../../shared/ipc/contract';
import { AppError } from '../core/errors';
import type { FilePurpose } from '../core/file-grants';
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { FileGrants } from '../core/file-grants';

/** What the renderer may hand main a copy of: a file to import, a backup to restore (never a place to write). */
export type UploadPurpose = Extract<FilePurpose, 'import-source' | 'restore-source'>;
export const isUploadPurpose = (value: unknown): value is UploadPurpose => value === 'import-source' || value === 'restore-source';

export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

export interface UploadedCopy {
  /** Where to write the bytes. */
  target: string;
  /** The copy is complete: grants its handle. */
  finish(): ChosenFile;
  /** The copy failed or was abandoned mid-way: deletes it. */
  abort(): void;
}

/**
 * Copies of files the renderer handed over as bytes (a browser upload, a file dropped on the
 * Electron window), in the data folder's `uploads/`, one folder each so the user's file name
 * survives (the import history shows it). Each copy is deleted when its grant ends: its import
 * finished, its restore was staged, nobody used it for the grant's idle time, or the app closed.
 */
export class UploadedCopies {
  private readonly folders = new Set<string>();
  /** Copies arriving in chunks (Electron IPC), by id. */
  private readonly arriving = new Map<string, { copy: UploadedCopy; fd: number; bytes: number }>();

  constructor(private readonly ctx: { dataDir: string; fileGrants: FileGrants }) {}

  create(fileName: string, purpose: UploadPurpose): UploadedCopy {
    const folder = join(this.ctx.dataDir, 'uploads', randomUUID());
    mkdirSync(folder, { recursive: true });
    this.folders.add(folder);
    const name = basename(fileName).replace(/[^\w.\- ]/g, '_') || 'upload.csv';
    const target = join(folder, name);
    return {
      target,
      finish: () => ({ handle: this.ctx.fileGrants.grant(target, purpose, { onRelease: () => this.remove(folder) }), name }),
      abort: () => this.remove(folder),
    };
  }

  /** Chunked arrival (Electron): begin, append each chunk, end. The id is main's, random, and means nothing else. */
  begin(fileName: string, purpose: UploadPurpose): string {
    const copy = this.create(fileName, purpose);
    const id = randomUUID();
    this.arriving.set(id, { copy, fd: openSync(copy.target, 'w'), bytes: 0 });
    return id;
  }

  append(id: string, chunk: Uint8Array): void {
    const upload = this.arriving.get(id);
    if (!upload) throw new AppError('validation', 'This file transfer is unknown or already finished.');
    upload.bytes += chunk.byteLength;
    if (upload.bytes > MAX_UPLOAD_BYTES) {
      this.drop(id);
      throw new AppError('bad-file', 'The file is larger than 4 GB.');
    }
    writeSync(upload.fd, chunk);
  }

  end(id: string): ChosenFile {
    const upload = this.arriving.get(id);
    if (!upload) throw new AppError('validation', 'This file transfer is unknown or already finished.');
    this.arriving.delete(id);
    closeSync(upload.fd);
    return upload.copy.finish();
  }

  /** At close: every copy goes, granted or half-arrived. */
  removeAll(): void {
    for (const id of [...this.arriving.keys()]) this.drop(id);
    for (const folder of [...this.folders]) this.remove(folder);
  }

  private drop(id: string): void {
    const upload = this.arriving.get(id);
    if (!upload) return;
    this.arriving.delete(id);
    closeSync(upload.fd);
    upload.copy.abort();
  }

  private remove(folder: string): void {
    this.folders.delete(folder);
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // Still open elsewhere (Windows): the folder stays; nothing else depends on it.
    }
  }
}

/**
 * One step of a chunked copy from the Electron preload: ('begin', name, purpose) → id,
 * ('append', id, bytes), ('end', id) → ChosenFile. Arguments come from the renderer process, so
 * each is checked; errors are data.
 */
export function uploadStep(uploads: UploadedCopies, step: unknown, first: unknown, second: unknown): Result<string | ChosenFile | null> {
  try {
    if (step === 'begin' && typeof first === 'string' && isUploadPurpose(second)) return ok(uploads.begin(first, second));
    if (step === 'append' && typeof first === 'string' && second instanceof Uint8Array) return ok((uploads.append(first, second), null));
    if (step === 'end' && typeof first === 'string') return ok(uploads.end(first));
    return fail('validation', 'A file transfer step the app does not know was refused.');
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toData() };
    return fail('bad-file', `The file could not be copied: ${error instanceof Error ? error.message : String(error)}`);
  }
}
