/**
 * The import loop, run inside the import worker thread on its own connection: validated chunks
 * (validated-chunks.ts) → written one transaction each, sized to hold the write lock briefly. Each chunk's
 * leads, jobs and batch counters commit together, so after a cancel or a crash the batch row says
 * exactly how far the import got, and rows = imported + updated + duplicates + rejected holds for
 * every committed state.
 */
import { rm } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import { whenLockFree } from '../../../db/lock-attempt';
import { dirname } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { ImportFileError } from '../../parsing/import-file-error';
import { releaseDiskReserve } from '../disk-reserve';
import { rejectedRowsWriter, type RejectedRowsWriter } from '../../parsing/rejected-csv';
import { LeadWriter } from '../leads/lead-writer';
import { JobQueue } from '../jobs/job-queue';
import { contactKeys } from '../jobs/opt-out-everywhere';
import { WriteTurn } from '../write-turn';
import { checkpointBetweenChunks, startCheckpointThread, type Checkpointer } from '../workers/wal-checkpointer';
import { createFileMarks, createOptOutCheck } from '../optouts/import-check';
import type { ReasonedOptOutKey } from '../optouts/list-key';
import { fileRowReasons } from '../optouts/file-row-reason';
import type { LeadDraft } from '../../parsing/row-validator';
import type { IdleThread } from '../workers/idle-thread';
import { importOwnerKey, importOwnerValue } from './import-owner';
import { PARSE_CHUNK_ROWS, startParsing, type ParsedChunks } from './parsed-chunks';
import type { ValidatedChunk } from './validated-chunks';
import type { ImportJob, ImportSummary, ProgressMessage } from './worker-protocol';

export interface RunHooks {
  signal: AbortSignal;
  onProgress(progress: Omit<ProgressMessage, 'type'>): void;
}

/**
 * How long one chunk may hold the database's write lock. A lead saved during an import waits for the
 * chunk in progress (in SQLite's busy handler: the main thread sleeps; the next chunk waits for the
 * save, write-turn.ts): 10k-row chunks held it up to ~140 ms on a 1M-row import. Chunks are resized after each commit to stay near this budget,
 * between MIN_CHUNK_ROWS and the job's chunkRows (bigger commits are cheaper per row).
 */
export const WRITE_LOCK_BUDGET_MS = 40;
const MIN_CHUNK_ROWS = 500;

/** Rows for the next chunk: what the last one's pace fits in the budget, within [MIN_CHUNK_ROWS, max]. */
export function nextChunkRows(lastRows: number, lastMs: number, max: number): number {
  const floor = Math.min(MIN_CHUNK_ROWS, max);
  if (lastRows === 0 || lastMs <= 0) return max;
  return Math.max(floor, Math.min(max, Math.floor((lastRows * WRITE_LOCK_BUDGET_MS) / lastMs)));
}

/** `idleParse`: a parse thread started before the job was known (a warm worker's), used instead of a new one. */
export async function runImport(client: Database.Database, job: ImportJob, hooks: RunHooks, idleParse: IdleThread | null = null): Promise<ImportSummary> {
  // First: the file is read and validated in its own thread while this one prepares to write.
  const parsing = startParsing(job, idleParse);
  // Pages are copied back after each chunk (by this thread or one of their own: job.checkpoints), not inside
  // the commit call: there the automatic checkpoint made the app's saves wait for it.
  let checkpointer: Checkpointer | null = null;
  let autoCheckpoint: number | null = null;
  try {
    checkpointer = job.checkpoints === 'in-thread' ? startCheckpointThread(client, job.databasePath) : checkpointBetweenChunks(client);
    autoCheckpoint = client.pragma('wal_autocheckpoint', { simple: true }) as number;
    client.pragma('wal_autocheckpoint = 0');
    return await writeParsedChunks(client, job, hooks, parsing, checkpointer);
  } finally {
    if (autoCheckpoint !== null) client.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    // Both threads end here, whatever happened: a thread left running would keep this one alive.
    await Promise.all([parsing.stop(), checkpointer?.stop()]);
  }
}

async function writeParsedChunks(client: Database.Database, job: ImportJob, hooks: RunHooks, parsing: ParsedChunks, checkpointer: Checkpointer): Promise<ImportSummary> {
  const writer = new LeadWriter(client, {
    companyId: job.companyId,
    batchId: job.batchId,
    onDuplicate: job.onDuplicate,
    queueSync: job.queueSync,
    tag: job.tag,
    setsInsertTriggersAside: job.setsInsertTriggersAside,
  });
  const recordChunk = client.prepare(
    `UPDATE import_batches SET processed_rows = processed_rows + ?, imported = imported + ?, updated = updated + ?,
       duplicates = duplicates + ?, rejected = rejected + ?, opted_out = opted_out + ?, marked_do_not_contact = marked_do_not_contact + ?,
       no_phone = coalesce(no_phone, 0) + ?, notes_cut = notes_cut + ? WHERE id = ?`,
  );
  // The owner's heartbeat rides on each chunk's commit: a batch whose heartbeat stops is not running (import-owner.ts).
  const beat = client.prepare<[string, string]>('UPDATE app_meta SET value = ? WHERE key = ?');
  // The do-not-contact decision's second half: rows on the office-wide opt-out list are stored as do-not-contact.
  const markOptedOut = createOptOutCheck(client);
  const markFileOwn = createFileMarks(client);
  // Named in the reason of a listed number no lead keeps (otherKeysOfRow).
  const fileName = writer.fileName ?? 'the file';
  // A file's own STOP holds for the customer's leads of every company (opt-out-everywhere.ts).
  const everywhere = new JobQueue(client).optOutEverywhere;
  const turn = job.writeTurn ? new WriteTurn(job.writeTurn) : null;
  const totals = { rows: 0, imported: 0, updated: 0, duplicates: 0, rejected: 0, optedOut: 0, markedDoNotContact: 0, withWarnings: 0 };
  let bytes = { processed: 0, total: 0 };
  let rejectedFile: RejectedRowsWriter | null = null;
  const report = () => hooks.onProgress({ processedRows: totals.rows, processedBytes: bytes.processed, totalBytes: bytes.total });

  // The first chunk is small: its pace sizes the next ones. The parse thread's first message (PARSE_CHUNK_ROWS): the
  // writer starts as soon as it comes, not ~15 ms later with the second (bench:import's timeline).
  let chunkRows = Math.min(job.chunkRows, PARSE_CHUNK_ROWS);
  const write = async (chunk: ValidatedChunk) => {
    const rejectedCount = chunk.rejections.length;
    // Counted before the list marks its rows: these are the file's own marks.
    const fileMarked = chunk.drafts.filter((draft) => draft.doNotContact);
    const markedByFile = fileMarked.length;
    let optedOut = 0;
    // Read inside the chunk's write transaction: a number listed while the chunk waited for the lock (the office
    // adding it, another import) is seen, and its lead stored do-not-contact and counted, not queued.
    const checkList = () => {
      optedOut = markOptedOut(chunk.drafts);
    };
    const writeChunk = () =>
      writer.writeChunk(chunk.drafts, (written) => {
        const recorded = recordChunk.run(chunk.rows, written.imported, written.updated, written.duplicates, rejectedCount, optedOut, markedByFile, written.importedWithoutPhone, written.notesCut, job.batchId);
        // Foreign keys are not checked while chunks are written (withoutForeignKeyChecks): this is the check that
        // the batch, and so its company (removed with it), is still there, under the same write lock. Thrown, the
        // chunk is rolled back whole.
        if (recorded.changes === 0) throw new BatchGoneError();
        markFileOwn(job.companyId, fileMarked);
        // Every do-not-contact row (the file's marks, rows the list matched, maybe by a number the lead does not keep)
        // spreads its keys to every company; its other numbers and emails go on the list (the triggers list its own),
        // and so do those of a refused row the file marks do-not-contact.
        const doNotContactRows = optedOut > 0 || markedByFile > 0 ? chunk.drafts.filter((draft) => draft.doNotContact) : [];
        // The file's own marks are a word of their own on their other numbers; a row the list matched only echoes it.
        const fileOwn = new Set(fileMarked);
        const listed = [
          ...doNotContactRows.flatMap((draft) => otherKeysOfRow(draft, fileName, fileOwn.has(draft))),
          ...refusedRowKeys(chunk.rejections, fileName),
        ];
        if (doNotContactRows.length > 0 || listed.length > 0) everywhere.listFileRowKeys(contactKeys(doNotContactRows), listed, job.companyId, Date.now());
        beat.run(importOwnerValue(), importOwnerKey(job.batchId));
      }, Date.now(), checkList);
    // Chunks follow each other closely: a write waiting on the main thread goes first (write-turn.ts).
    // A lock held by another connection (the search index thread, another process) is waited for
    // outside the turn, in this thread's event loop: asleep in SQLite inside it, this thread held the
    // app's saves back too.
    const counts = await whenLockFree(client, () => (turn ? turn.inChunk(writeChunk) : writeChunk()));
    // Counted once the chunk committed: a commit that fails (a full disk) must not count its rows.
    totals.optedOut += optedOut;
    totals.markedDoNotContact += markedByFile;
    totals.withWarnings += chunk.withWarnings;
    totals.rows += chunk.rows;
    totals.imported += counts.imported;
    totals.updated += counts.updated;
    totals.duplicates += counts.duplicates;
    totals.rejected += rejectedCount;
    checkpointer.afterCommit();
    chunkRows = nextChunkRows(chunk.rows, writer.lastChunkLockMs, job.chunkRows);
    // Written after the commit, so the file never lists rows of a chunk that was rolled back.
    if (rejectedCount > 0) {
      rejectedFile ??= rejectedRowsWriter(job.rejectedFile, chunk.headers);
      await rejectedFile.writeAll(chunk.rejections);
    }
    bytes = { processed: chunk.processedBytes, total: chunk.totalBytes };
    report();
  };

  let failure: { state: 'cancelled' | 'failed'; error: string | null } | null = null;
  // The file was refused whole: its rejected rows are no list of what to fix and import again.
  let isRejectedFileVoid = false;
  try {
    // No signal for the reader: a cancel is honoured between chunks, so one that arrives after the
    // last chunk was read cannot turn a finished import into a 'cancelled' one.
    await withoutForeignKeyChecks(client, async () => {
      for await (const chunk of parsing.chunks(() => chunkRows)) {
        // Parsed chunks are often waiting already, and taking one needs no trip through the event loop:
        // this turn lets a cancel message in.
        await setImmediate();
        // Before a chunk, not inside it: the WAL may need its copy to catch up (wal-checkpointer.ts). A cancel
        // that arrives meanwhile is honoured just below.
        await checkpointer.beforeWrite();
        if (hooks.signal.aborted) {
          // This chunk and the rest of the file are not written; processed_rows says where it stopped.
          failure = { state: 'cancelled', error: null };
          break;
        }
        await write(chunk);
      }
    });
  } catch (error) {
    if (error instanceof BatchGoneError) {
      // Nothing is left to record it in: the batch row went with its company, and so did every lead the file added or
      // filled. Its counts say what is kept (nothing), and its rejected rows are no list of what to import again.
      failure = { state: 'failed', error: error.message };
      Object.assign(totals, { imported: 0, updated: 0, duplicates: 0, rejected: 0, optedOut: 0, markedDoNotContact: 0 });
      isRejectedFileVoid = true;
    } else if (hooks.signal.aborted) {
      // The rows of the chunk in progress were never committed: processed_rows already says where it stopped.
      failure = { state: 'cancelled', error: null };
    } else if (error instanceof ImportFileError) {
      // The count describes leads about to go: the few kept (sent to GHL already) are counted from the table.
      // Cleared first, so that an undo stopped halfway leaves the table's count too.
      client.prepare('UPDATE import_batches SET no_phone = NULL WHERE id = ?').run(job.batchId);
      const removed = await new JobQueue(client).undoBatch(job.batchId);
      const kept = removed.keptSyncedLeads.length > 0 ? ` (except ${removed.keptSyncedLeads.length} lead(s) already sent to GoHighLevel)` : '';
      // 'update' imports fill empty fields of existing leads; those fills are not reverted: say so.
      const filled = totals.updated > 0 ? ` ${totals.updated} existing lead(s) keep the empty fields and notes this file filled in or added.` : '';
      failure = { state: 'failed', error: `${error.message} No lead of this file was kept${kept}.${filled}` };
      // Its counts say what is kept, not what was written and removed again: the history showed 58,999 imported,
      // an Undo and a rejected-rows file of one row beside "No lead of this file was kept". The rows it updated keep
      // their fills (said above).
      totals.imported = removed.keptSyncedLeads.length;
      totals.duplicates = 0;
      totals.rejected = 0;
      isRejectedFileVoid = true;
      client.prepare('UPDATE import_batches SET imported = ?, duplicates = 0, rejected = 0 WHERE id = ?').run(totals.imported, job.batchId);
    } else if (isDiskFull(error)) {
      // Whole chunks committed before the disk filled are kept: say how many, and that importing the
      // same file again (once there is room) adds only the rest — the kept rows come back as duplicates.
      // Room to record the end of the batch (see disk-reserve.ts).
      releaseDiskReserve(dirname(job.databasePath));
      failure = { state: 'failed', error: diskFullMessage(totals.imported + totals.updated) };
    } else {
      throw error;
    }
  } finally {
    // A full disk may refuse the rejected-rows file too: the import's own failure is the news then.
    await (rejectedFile as RejectedRowsWriter | null)?.close().catch((closeError: unknown) => {
      if (!failure) throw closeError;
    });
  }
  if (rejectedFile && isRejectedFileVoid) await rm(job.rejectedFile, { force: true });
  const rejectedPath = rejectedFile && !isRejectedFileVoid ? job.rejectedFile : null;
  let state: ImportSummary['state'] = failure?.state ?? 'completed';
  let error = failure?.error ?? null;
  try {
    client
      .prepare(`UPDATE import_batches SET state = ?, total_rows = ?, finished_at = ?, rejected_file = ?, error = ? WHERE id = ?`)
      .run(state, state === 'completed' ? totals.rows : null, Date.now(), rejectedPath, error, job.batchId);
  } catch (updateError) {
    // The room the reserve freed went to another writer first (the search index thread indexes the new leads):
    // the summary carries the news, and the main thread records it when it can (import-service.ts). It failed
    // as "internal", and the import's own news was lost (a CI run under load).
    if (!isDiskFull(updateError)) throw updateError;
    if (state === 'completed') {
      state = 'failed';
      error = diskFullMessage(totals.imported + totals.updated);
    }
  }
  report();
  const ignoredOptOuts = parsing.ignoredOptOuts();
  return { batchId: job.batchId, state, ...totals, rejectedFile: rejectedPath, error, ...(state === 'completed' && ignoredOptOuts !== null && { ignoredOptOuts }) };
}

/**
 * Runs the chunks' writing with this connection's foreign key checks off, and turns them on again before anything
 * else (the undo of a refused file relies on ON DELETE CASCADE). Every lead of an import names the same company and
 * batch, checked once a chunk instead (recordChunk). Checked by SQLite, each lead cost two lookups of its parents and
 * one search in each of the six tables that refer to leads (for a multi-row INSERT, SQLite looks for children of
 * each new row; lead ids are never reused, so there are none), and each job two lookups more: ~3% of the writer's
 * instructions (callgrind, 20k rows).
 * The pragma is a no-op inside a transaction: it is set between them.
 */
async function withoutForeignKeyChecks(client: Database.Database, write: () => Promise<void>): Promise<void> {
  client.pragma('foreign_keys = OFF');
  try {
    await write();
  } finally {
    client.pragma('foreign_keys = ON');
  }
}

/** How an import's error begins when its company was removed meanwhile: `rlm import` exits with not-found on it. */
export const IMPORT_COMPANY_REMOVED = 'The company was removed while this file was being imported.';

/** The import's batch is no longer in the database: its company was removed while the file was being imported. */
class BatchGoneError extends Error {
  constructor() {
    super(`${IMPORT_COMPANY_REMOVED} Nothing of the file was kept: the leads it had added went with the company.`);
  }
}

/** How an import's error begins when the disk filled: `rlm import` exits with disk-full on it (cli/commands/import.ts). */
export const IMPORT_DISK_FULL = "The disk that holds the app's data is full.";

/** The batch's end when the disk filled: how many rows are kept, and that importing again adds only the rest. */
function diskFullMessage(kept: number): string {
  return (
    `${IMPORT_DISK_FULL} ${kept.toLocaleString('en-US')} row(s) of this file were saved before it filled and are kept. ` +
    'Free some space, then import the same file again: the saved rows are recognised as duplicates and only the rest is added.'
  );
}

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/** A do-not-contact row's other numbers and emails, each with why it is listed: no lead keeps them. */
function otherKeysOfRow(draft: LeadDraft, fileName: string, isOwnWord: boolean): ReasonedOptOutKey[] {
  return (draft.otherContactKeys ?? []).map((key) => ({ ...key, reason: fileRowReasons.otherKey(draft, fileName, key.kind), isOwnWord }));
}

/** The phones and emails of refused rows the file marks do-not-contact (row-validator.ts optOutKeys). */
function refusedRowKeys(rejections: ValidatedChunk['rejections'], fileName: string): ReasonedOptOutKey[] {
  // The file itself marks them (row-validator.ts): a word of their own.
  return rejections.flatMap((rejection) =>
    (rejection.optOutKeys ?? []).map((key) => ({ ...key, reason: fileRowReasons.rejected(rejection.rowNumber, fileName, rejection.reason), isOwnWord: true })),
  );
}
