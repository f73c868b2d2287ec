/**
 * The per-lead result of an undo: one row per lead of the batch, what happened to it, as a CSV in
 * exports/ through the app's one CSV writer (formula-safe, UTF-8 with BOM, opens in Excel). Written as
 * the undo goes, so a deletion stopped half-way still leaves a file saying what was done.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { UndoOutcome } from '../../../shared/ipc/imports';
import { csvFileWriter, type CsvFileWriter } from '../../parsing/csv-writer';
import type { RemovedLead } from '../jobs/batch-jobs';

export const UNDO_REPORT_HEADERS = ['Lead id', 'First name', 'Last name', 'Phone', 'Email', 'GHL contact id', 'What happened', 'Details'] as const;

/** The words an office manager reads in the file, per outcome. */
export const UNDO_OUTCOME_LABELS: Record<UndoOutcome, string> = {
  removed: 'Removed from the app',
  'deleted-in-ghl': 'Deleted in GHL and removed from the app',
  'already-gone-in-ghl': 'Already gone in GHL; removed from the app',
  'kept-existed-before': 'Kept: the contact existed in GHL before this import (only updated)',
  'kept-created-not-deleted': 'Kept: created in GHL by this import, not deleted there',
  'kept-shared-contact': 'Kept: another lead in the app uses the same GHL contact, so it was not deleted',
  'kept-opted-out': 'Kept: the customer opted out, and deleting the GHL contact would lose its do-not-disturb',
  'kept-sending-now': 'Kept: being sent to GHL right now',
  'kept-may-be-in-ghl': 'Kept: sent to GHL with no answer (lost, or not back yet), so GHL may have it; held back (Send to GHL on the import sends it again)',
  failed: 'Failed',
  'not-done': 'Not done yet',
};

export interface UndoReportRow {
  lead: RemovedLead;
  ghlContactId: string | null;
  outcome: UndoOutcome;
  details?: string;
}

export interface UndoReportFile {
  add(rows: readonly UndoReportRow[]): void;
  /** Writes the last rows and moves the file into place; resolves with where it is. */
  finish(): Promise<{ path: string; fileName: string; rows: number }>;
  /** Removes the partial file after a failure. */
  abandon(): Promise<void>;
}

/** Opens `exports/undo-<batch>-<stamp>.csv` (stamped so a second undo run never overwrites the first run's file). */
export function openUndoReport(dataDir: string, batchId: number, now: number): UndoReportFile {
  const dir = join(dataDir, 'exports');
  mkdirSync(dir, { recursive: true });
  const fileName = `undo-import-${batchId}-${new Date(now).toISOString().replace(/[:.]/g, '-')}.csv`;
  const path = join(dir, fileName);
  const partial = `${path}.${randomUUID().slice(0, 8)}.partial`;
  const file: CsvFileWriter = csvFileWriter(partial, UNDO_REPORT_HEADERS);
  // Rows come from synchronous chunk callbacks: each write is chained, so order and back-pressure hold.
  let pending: Promise<void> = Promise.resolve();
  let count = 0;
  return {
    add(rows) {
      if (rows.length === 0) return;
      count += rows.length;
      const cells = rows.map((row) => [
        String(row.lead.id),
        row.lead.firstName,
        row.lead.lastName,
        row.lead.phone,
        row.lead.email,
        row.ghlContactId,
        UNDO_OUTCOME_LABELS[row.outcome],
        row.details ?? null,
      ]);
      pending = pending.then(() => file.write(cells));
    },
    async finish() {
      await pending;
      await file.close();
      renameSync(partial, path);
      return { path, fileName, rows: count };
    },
    async abandon() {
      await pending.catch(() => undefined);
      await file.destroy();
      rmSync(partial, { force: true });
    },
  };
}
