/** Messages between the main process and the import worker thread (structured-clone safe: plain data). */
import type { ColumnMapping } from '../../parsing/mapping';
import type { FileSniffResult } from '../../parsing/row-source';
import type { CsvOptions, PreviewResult, ProblemKind, RowFix } from '../../../shared/ipc/imports';
import type { OnDuplicate } from '../leads/new-lead';
import type { IgnoredOptOutColumn } from '../../../shared/opt-out-words';

/**
 * Where an import copies its pages from the WAL back into the database file (core/workers/wal-checkpointer.ts):
 * - 'between-chunks': the writer itself, after each chunk, outside its turn. The app's choice: on two cores a
 *   thread of its own took CPU from the window's event loop (1M rows while a lead was saved every 0.25 s:
 *   longest save 72–105 → 124–155 ms, main-thread stall p99 17–19 → 24–34 ms);
 * - 'in-thread': a thread of its own, while the writer goes on. The command line's, with no window to serve:
 *   100k rows 2.94 → 2.76 s (medians of 4 alternating runs), 1M rows 43.6 → 35.3 s (single runs).
 */
export type ImportCheckpoints = 'between-chunks' | 'in-thread';

interface JobBase {
  databasePath: string;
  companyId: number;
  path: string;
  options: CsvOptions;
  mapping: ColumnMapping;
  fixes: RowFix[];
}

export interface ImportJob extends JobBase {
  kind: 'import';
  batchId: number;
  tag: string | null;
  onDuplicate: OnDuplicate;
  queueSync: boolean;
  rejectedFile: string;
  /** Most source rows per transaction (run-import.ts makes chunks smaller when writes are slow). */
  chunkRows: number;
  /** The app's WriteTurn buffer (core/write-turn.ts): the main thread's writes go before the next chunk. None from the CLI. */
  writeTurn?: SharedArrayBuffer;
  checkpoints: ImportCheckpoints;
  /**
   * Whether the chunks set leads' insert triggers aside while their leads go in, and do the triggers' work themselves
   * (insert-triggers.ts). The command line's choice: 100k rows 1.85 → 1.74 s (medians of 9 interleaved runs). Not the
   * app's: each chunk's change of the schema makes every other connection read it again and prepare its statements
   * again, the window's thread too (300k rows while a lead was saved every 0.25 s, medians of 7 runs: main-thread stall
   * p99 22 → 26 ms, longest 33 → 51 ms; longest save 78 → 84 ms).
   */
  setsInsertTriggersAside: boolean;
}

export interface PreviewJob extends JobBase {
  kind: 'preview';
  filterKind: ProblemKind | null;
  offset: number;
  limit: number;
}

/** A workbook's first look: SheetJS parses it whole, which must not stall the main process. No database. */
export interface SniffJob {
  kind: 'sniff';
  path: string;
  sheet?: string;
  hasHeader?: boolean;
}

export type WorkerJob = ImportJob | PreviewJob | SniffJob;

export interface ImportSummary {
  batchId: number;
  state: 'completed' | 'cancelled' | 'failed';
  rows: number;
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  /** Rows on the office-wide opt-out list, stored as do-not-contact (within imported/updated/duplicates). */
  optedOut: number;
  /**
   * Rows the file itself marks do-not-contact, new or duplicates (within imported/updated/duplicates; those
   * also on the list count in optedOut too). Stored with the batch (0 for imports before migration 0028).
   */
  markedDoNotContact: number;
  /** Rows stored with a value changed on the way in (see ValidatedChunk). Null for a batch read back after its run. */
  withWarnings: number | null;
  rejectedFile: string | null;
  error: string | null;
  /**
   * Of every row the import read: the columns left out whose cells say the customer opted out ("Flags": "DNC"). Absent
   * when it did not read to the end (cancelled, failed) and for a batch read back after its run.
   */
  ignoredOptOuts?: IgnoredOptOutColumn[];
}

export interface ProgressMessage {
  type: 'progress';
  processedRows: number;
  processedBytes: number;
  totalBytes: number;
}

export type WorkerMessage =
  | ProgressMessage
  | { type: 'done'; result: ImportSummary | PreviewResult | FileSniffResult }
  | { type: 'failed'; error: { code: string; message: string } };

/**
 * `start`: the job of a worker started before it was known (warm-import-worker.ts; its workerData is null).
 * `cancel`: stop after the chunk in progress.
 */
export type ParentMessage = { type: 'start'; job: WorkerJob } | { type: 'cancel' };
