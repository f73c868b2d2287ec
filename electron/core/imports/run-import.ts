/**
 * The import loop, run inside the worker thread on its own connection: stream rows → validate →
 * write in chunks. Each chunk's leads, jobs and batch counters commit in one transaction, so after
 * a cancel or a crash the batch row says exactly how far the import got, and
 * rows = imported + updated + duplicates + rejected holds for every committed state.
 */
import type Database from 'better-sqlite3';
import { readCsvRows } from '../../import/csv-reader';
import { ImportFileError } from '../../import/import-file-error';
import { rejectedRowsWriter, type RejectedRowsWriter } from '../../import/rejected-csv';
import { createRowValidator, type LeadDraft, type RowIssue } from '../../import/row-validator';
import { LeadWriter } from '../leads/lead-writer';
import { removeBatchLeads } from './undo-batch';
import { createRowFixer } from './row-fixes';
import type { ImportJob, ImportSummary, ProgressMessage } from './worker-protocol';

export interface RunHooks {
  signal: AbortSignal;
  onProgress(progress: Omit<ProgressMessage, 'type'>): void;
}

interface Rejection {
  rowNumber: number;
  cells: string[];
  reason: string;
}

export const describeIssues = (issues: readonly RowIssue[]) =>
  issues.map((issue) => (issue.column ? `${issue.column}: ${issue.message}` : issue.message)).join('; ');

const PROGRESS_INTERVAL_MS = 200;

export async function runImport(client: Database.Database, job: ImportJob, hooks: RunHooks): Promise<ImportSummary> {
  const writer = new LeadWriter(client, {
    companyId: job.companyId,
    batchId: job.batchId,
    onDuplicate: job.onDuplicate,
    queueSync: job.queueSync,
    tag: job.tag,
  });
  const recordChunk = client.prepare(
    `UPDATE import_batches SET processed_rows = processed_rows + ?, imported = imported + ?, updated = updated + ?,
       duplicates = duplicates + ?, rejected = rejected + ? WHERE id = ?`,
  );
  const totals = { rows: 0, imported: 0, updated: 0, duplicates: 0, rejected: 0 };
  let bytes = { processed: 0, total: 0 };
  const reader = readCsvRows(job.path, {
    ...job.options,
    signal: hooks.signal,
    onProgress: (processed, total) => {
      bytes = { processed, total };
    },
  });

  let fixer: ReturnType<typeof createRowFixer> | null = null;
  let validate: ReturnType<typeof createRowValidator> | null = null;
  let rejectedFile: RejectedRowsWriter | null = null;
  let drafts: LeadDraft[] = [];
  let rejections: Rejection[] = [];
  let chunkRows = 0;
  let lastProgressAt = 0;

  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
    lastProgressAt = now;
    hooks.onProgress({ processedRows: totals.rows, processedBytes: bytes.processed, totalBytes: bytes.total });
  };

  const flush = async () => {
    if (chunkRows === 0) return;
    const rejectedCount = rejections.length;
    const rowsInChunk = chunkRows;
    writer.writeChunk(drafts, (counts) => {
      recordChunk.run(rowsInChunk, counts.imported, counts.updated, counts.duplicates, rejectedCount, job.batchId);
      totals.rows += rowsInChunk;
      totals.imported += counts.imported;
      totals.updated += counts.updated;
      totals.duplicates += counts.duplicates;
      totals.rejected += rejectedCount;
    });
    // Written after the commit, so the file never lists rows of a chunk that was rolled back.
    if (rejections.length > 0) {
      rejectedFile ??= rejectedRowsWriter(job.rejectedFile, reader.headers ?? []);
      for (const rejection of rejections) await rejectedFile.write(rejection.rowNumber, rejection.cells, rejection.reason);
    }
    drafts = [];
    rejections = [];
    chunkRows = 0;
    report(true);
  };

  let failure: { state: 'cancelled' | 'failed'; error: string | null } | null = null;
  try {
    for await (const row of reader) {
      if (validate === null || fixer === null) {
        fixer = createRowFixer(job.mapping, reader.headers?.length ?? row.cells.length, job.fixes);
        validate = createRowValidator({ mapping: fixer.mapping });
      }
      chunkRows++;
      const problem = row.problem;
      if (problem?.kind === 'unterminated-quote') {
        // The rest of the file was swallowed into this one cell: importing "the part before" would
        // leave a silently half-imported file. Fail instead, and remove what was written.
        throw new ImportFileError('read-failed', `Row ${row.rowNumber}: ${problem.message}`);
      }
      if (problem?.rejectRow) {
        rejections.push({ rowNumber: row.rowNumber, cells: row.cells, reason: problem.message });
      } else {
        const result = validate(fixer.apply(row.rowNumber, row.cells));
        if (result.ok) drafts.push(result.lead);
        else rejections.push({ rowNumber: row.rowNumber, cells: row.cells, reason: describeIssues(result.reasons) });
      }
      if (chunkRows >= job.chunkRows) await flush();
      else if ((chunkRows & 1023) === 0) report(false);
    }
    await flush();
  } catch (error) {
    if (hooks.signal.aborted) {
      // The rows of the chunk in progress were never committed: processed_rows already says where it stopped.
      failure = { state: 'cancelled', error: null };
    } else if (error instanceof ImportFileError) {
      const removed = removeBatchLeads(client, job.batchId);
      const kept = removed.keptSyncedLeads.length > 0 ? ` (except ${removed.keptSyncedLeads.length} lead(s) already sent to GoHighLevel)` : '';
      // 'update' imports fill empty fields of existing leads; those fills are not reverted: say so.
      const filled = totals.updated > 0 ? ` ${totals.updated} existing lead(s) keep the empty fields this file filled in.` : '';
      failure = { state: 'failed', error: `${error.message} No lead of this file was kept${kept}.${filled}` };
    } else {
      throw error;
    }
  } finally {
    await (rejectedFile as RejectedRowsWriter | null)?.close();
  }
  const rejectedPath = rejectedFile ? job.rejectedFile : null;
  const state = failure?.state ?? 'completed';
  client
    .prepare(`UPDATE import_batches SET state = ?, total_rows = ?, finished_at = ?, rejected_file = ?, error = ? WHERE id = ?`)
    .run(state, state === 'completed' ? totals.rows : null, Date.now(), rejectedPath, failure?.error ?? null, job.batchId);
  report(true);
  return { batchId: job.batchId, state, ...totals, rejectedFile: rejectedPath, error: failure?.error ?? null };
}
