/** Messages between the import's writer (parsed-chunks.ts) and its parse thread (parse-worker.ts). Plain data. */
import type { ImportFileErrorCode } from '../../parsing/import-file-error';
import type { IgnoredOptOutColumn } from '../../../shared/opt-out-words';
import type { PackedDrafts } from './draft-codec';
import type { ImportJob } from './worker-protocol';

export interface ParseJob extends Pick<ImportJob, 'path' | 'options' | 'mapping' | 'fixes'> {
  /** Source rows per message. */
  chunkRows: number;
  /** Messages the thread may send before the writer asks for more: bounds what waits in memory. */
  window: number;
}

export interface Rejection {
  rowNumber: number;
  cells: string[];
  reason: string;
}

export type ParseMessage =
  | { type: 'chunk'; rows: number; drafts: PackedDrafts; rejections: Rejection[]; withWarnings: number; headers: string[]; processedBytes: number; totalBytes: number }
  /** `ignoredOptOuts`: of every row read, the columns left out whose cells say the customer opted out (shared/opt-out-words.ts). */
  | { type: 'end'; ignoredOptOuts: IgnoredOptOutColumn[] }
  /** `fileError`: the file's own problem (ImportFileError), shown as is; null: a bug or the system. */
  | { type: 'error'; fileError: ImportFileErrorCode | null; message: string };

/** Writer → thread: `n` more messages may be sent. */
export type CreditMessage = { type: 'more'; n: number };

/** Writer → thread: the job of a thread started before it was known (its workerData is null: parsed-chunks.ts). */
export type StartMessage = { type: 'start'; job: ParseJob };

export type ToParseThread = CreditMessage | StartMessage;
