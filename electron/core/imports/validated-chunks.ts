/**
 * Read → fix → validate, grouped into chunks of source rows: the first half of an import, kept
 * apart from the writing (run-import.ts). It runs in the import's parse thread (parse-worker.ts),
 * beside the thread that writes.
 */
import { ImportFileError } from '../../parsing/import-file-error';
import { readFileRows } from '../../parsing/row-source';
import { createRowValidator, type LeadDraft, type RowIssue } from '../../parsing/row-validator';
import type { ContactKey } from '../../parsing/contact-values';
import { assertMappingFits, createRowFixer } from './row-fixes';
import type { ImportJob } from './worker-protocol';

export interface Rejection {
  rowNumber: number;
  cells: string[];
  reason: string;
  /** A refused row marked do-not-contact: its usable phones and emails, listed all the same (row-validator.ts). */
  optOutKeys?: ContactKey[];
}

export interface ValidatedChunk<Drafts = LeadDraft[]> {
  /** Source rows this chunk accounts for: drafts + rejections. */
  rows: number;
  drafts: Drafts;
  rejections: Rejection[];
  /** Drafts with a value changed on the way in (cut, moved to notes, read as do-not-contact): `--dry-run` lists them. */
  withWarnings: number;
  /** The file's header row (or synthetic "Column N"), for the rejected-rows file. */
  headers: string[];
  processedBytes: number;
  totalBytes: number;
}

const describeIssues = (issues: readonly RowIssue[]) =>
  issues.map((issue) => (issue.column ? `${issue.column}: ${issue.message}` : issue.message)).join('; ');

/** Where a chunk's drafts go as they are validated, and what the chunk hands on: an array, or packed columns (DraftPacker). */
export interface DraftCollector<Drafts> {
  add(draft: LeadDraft): void;
  readonly count: number;
  /** The drafts added since the last take(); the collector starts empty again. */
  take(): Drafts;
}

class DraftList implements DraftCollector<LeadDraft[]> {
  private drafts: LeadDraft[] = [];
  get count(): number {
    return this.drafts.length;
  }
  add(draft: LeadDraft): void {
    this.drafts.push(draft);
  }
  take(): LeadDraft[] {
    const drafts = this.drafts;
    this.drafts = [];
    return drafts;
  }
}

/**
 * `chunkRows` is asked before each chunk: the writer sizes chunks to what it can commit quickly. `onRow` sees every
 * source row's cells as read, refused or not (the parse thread watches the columns left out: parse-worker.ts).
 */
export function validatedChunks(
  job: Pick<ImportJob, 'path' | 'options' | 'mapping' | 'fixes'>,
  chunkRows: () => number,
  onRow: (cells: readonly string[]) => void = () => {},
): AsyncGenerator<ValidatedChunk> {
  return validatedChunksInto(job, chunkRows, onRow, new DraftList());
}

/** validatedChunks, each chunk's drafts gathered by `drafts` (the parse thread packs them as they come: DraftPacker). */
export async function* validatedChunksInto<Drafts>(
  job: Pick<ImportJob, 'path' | 'options' | 'mapping' | 'fixes'>,
  chunkRows: () => number,
  onRow: (cells: readonly string[]) => void,
  drafts: DraftCollector<Drafts>,
): AsyncGenerator<ValidatedChunk<Drafts>> {
  let bytes = { processed: 0, total: 0 };
  const reader = readFileRows(job.path, {
    ...job.options,
    onProgress: (processed, total) => {
      bytes = { processed, total };
    },
  });
  let fixer: ReturnType<typeof createRowFixer> | null = null;
  let validate: ReturnType<typeof createRowValidator> | null = null;
  let rejections: Rejection[] = [];
  let withWarnings = 0;
  let size = chunkRows();
  const take = (): ValidatedChunk<Drafts> => {
    const rows = drafts.count + rejections.length;
    const chunk = { rows, drafts: drafts.take(), rejections, withWarnings, headers: reader.headers ?? [], processedBytes: bytes.processed, totalBytes: bytes.total };
    rejections = [];
    withWarnings = 0;
    return chunk;
  };
  // A piece of the file at a time: one await per piece, not per row (row-batches.ts).
  for await (const rows of reader.batches()) {
    for (const row of rows) {
      if (validate === null || fixer === null) {
        assertMappingFits(job.mapping, reader.headers?.length ?? row.cells.length);
        fixer = createRowFixer(job.mapping, reader.headers?.length ?? row.cells.length, job.fixes);
        validate = createRowValidator({ mapping: fixer.mapping });
      }
      onRow(row.cells);
      const problem = row.problem;
      if (problem?.kind === 'unterminated-quote') {
        // The rest of the file was swallowed into this one cell: importing "the part before" would
        // leave a silently half-imported file. Fail instead (the writer removes what was written).
        throw new ImportFileError('read-failed', `Row ${row.rowNumber}: ${problem.message}`);
      }
      if (problem?.rejectRow) {
        rejections.push({ rowNumber: row.rowNumber, cells: row.cells, reason: problem.message });
      } else {
        const result = validate(fixer.apply(row.rowNumber, row.cells));
        if (result.ok) {
          result.lead.sourceRow = row.rowNumber;
          drafts.add(result.lead);
          // A slip the reader read past (text after a closing quote) counts as a warning, as the review shows it.
          if (result.warnings.length > 0 || problem !== null) withWarnings++;
        }
        else rejections.push({ rowNumber: row.rowNumber, cells: row.cells, reason: describeIssues(result.reasons), ...(result.optOutKeys && { optOutKeys: result.optOutKeys }) });
      }
      if (drafts.count + rejections.length >= size) {
        yield take();
        size = chunkRows(); // resumed: the writer has written that chunk and sized the next one
      }
    }
  }
  if (drafts.count + rejections.length > 0) yield take();
}
