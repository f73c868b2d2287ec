import type { WriteTurn } from '../write-turn';
import { ensureDiskReserve } from '../disk-reserve';
import { existsSync, mkdirSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import type * as z from 'zod';
import type { Db } from '../../../db/open';
import type {
  ImportBatch,
  InspectResult,
  PreviewResult,
  UndoOutcome,
  UndoPlan,
  UndoResultWithReport,
  columnMappingSchema,
  previewInputSchema,
  startInputSchema,
  undoInputSchema,
} from '../../../shared/ipc/imports';
import { DELETE_CONFIRM_WORD, MAX_COLUMNS } from '../../../shared/ipc/imports';
import type { CompanyService } from '../companies/company-service';
import type { UndoPlace } from '../jobs/batch-jobs';
import { companyGhlClient, deleteCreatedContacts, type GhlDeletion } from './undo-in-ghl';
import { openUndoReport, type UndoReportRow } from './undo-report';
import { ImportFileError } from '../../parsing/import-file-error';
import { headerKey, suggestMapping, validateMapping, type ColumnMapping } from '../../parsing/mapping';
import { sniffAnyFile, type FileSniffOptions, type FileSniffResult } from '../../parsing/row-source';
import { isWorkbookFile } from '../../parsing/workbook-detect';
import { campaignTagFor } from '../companies/campaign-tag';
import { customFieldIdOf, customFieldTarget, isCustomFieldTarget, matchCustomFields, type CustomFieldInfo } from '../../../shared/custom-fields';
import { CustomFieldCache } from './custom-fields';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import { BatchStore, toBatch } from './batch-store';
import { JobQueue, type ChunkOptions } from '../jobs/job-queue';
import { importWorkerLocation, launchWorker, type RunningWorker } from './worker-launcher';
import type { ImportCheckpoints, ImportSummary, ProgressMessage } from './worker-protocol';
import { batchWaiting } from '../schedule/batch-waiting';

type StartInput = z.output<typeof startInputSchema>;
type PreviewInput = z.output<typeof previewInputSchema>;
type MappingInput = z.output<typeof columnMappingSchema>;
type UndoInput = z.output<typeof undoInputSchema>;

/** Why a lead left in the app after an undo is there ('appOnly' cannot be left: undo removes those). */
const KEPT_OUTCOME: Record<UndoPlace, UndoOutcome> = {
  appOnly: 'failed',
  createdInGhl: 'kept-created-not-deleted',
  sharedInGhl: 'kept-shared-contact',
  optedOutInGhl: 'kept-opted-out',
  existedInGhl: 'kept-existed-before',
  sendingNow: 'kept-sending-now',
  mayBeInGhl: 'kept-may-be-in-ghl',
};

/** Most source rows per transaction: IMPORT-NOTES measured 10k-row commits at ~2x the speed of 1k ones. */
export const DEFAULT_CHUNK_ROWS = 10_000;
const PROGRESS_EVENT_INTERVAL_MS = 250;
const DATA_CHANGED_INTERVAL_MS = 2_000;

export interface ImportServiceOptions {
  dataDir: string;
  databasePath: string;
  chunkRows?: number;
  /** The main thread's turns at the write lock (app-context.ts): imports defer their next chunk to its writes. */
  writeTurn?: WriteTurn;
  /** Where an import copies its pages back (worker-protocol.ts); 'between-chunks' unless said. */
  checkpoints?: ImportCheckpoints;
  /** Whether an import's chunks set leads' insert triggers aside (worker-protocol.ts ImportJob); not unless said. */
  setsInsertTriggersAside?: boolean;
}

/**
 * The file's stat, when it is a regular file. A named pipe blocked the import until something wrote to it, and
 * then failed inside as an "internal" error; a folder was said to be one by the start only.
 */
function regularFile(path: string): Stats {
  const stats = statSync(path);
  if (stats.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
  if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
  return stats;
}

function fileProblem(error: unknown, path: string): AppError | null {
  if (error instanceof ImportFileError) return new AppError('bad-file', error.message, { kind: error.code });
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new AppError('not-found', `The file ${path} does not exist (moved or renamed?).`);
  if (code === 'EISDIR') return new AppError('bad-file', `${path} is a folder, not a CSV file or workbook.`);
  if (code === 'ENOTFILE') return new AppError('bad-file', `${path} is not a regular file (a pipe or a device): save the data as a CSV file or workbook and import that.`);
  if (code === 'EACCES' || code === 'EPERM') return new AppError('bad-file', `The file ${path} cannot be read (permissions, or open in another program?).`);
  return null;
}

/** A remembered mapping without the custom fields the location no longer lists (those columns are ignored). */
function forgetUnknownFields(mapping: ColumnMapping, fields: readonly CustomFieldInfo[]): ColumnMapping {
  const known = new Set(fields.map((field) => customFieldTarget(field.id)));
  return {
    columns: mapping.columns.map((column) =>
      isCustomFieldTarget(column.field) && !known.has(column.field) ? { ...column, field: 'ignore', confidence: 0 } : column,
    ),
  };
}

/** Orders the mapping's headers by column index: the remembered-mapping key of the file it was made for. */
const mappingHeaders = (mapping: ColumnMapping) => [...mapping.columns].sort((a, b) => a.index - b.index).map((column) => column.header);

/**
 * Import batches: inspect a file, preview it, run it in a worker thread, cancel, undo, history.
 * One worker per running import; the main process only relays progress.
 */
export class ImportService {
  private readonly store: BatchStore;
  private readonly jobs: JobQueue;
  private readonly running = new Map<number, RunningWorker<ImportSummary>>();
  /** Batches whose undo runs now (a second one at once would send each GHL delete twice). */
  private readonly undoing = new Set<number>();
  private readonly chunkRows: number;
  private readonly customFields: CustomFieldCache;

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly options: ImportServiceOptions,
  ) {
    this.store = new BatchStore(db);
    this.jobs = new JobQueue(db.$client);
    this.chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
    this.customFields = new CustomFieldCache(db.$client);
    this.store.markInterrupted();
  }

  private ensureCompany(companyId: number): void {
    const row = this.db.$client.prepare('SELECT id FROM companies WHERE id = ?').get(companyId);
    if (!row) throw notFound(`Company #${companyId}`);
  }

  async inspect(input: { path: string; companyId: number } & FileSniffOptions): Promise<InspectResult> {
    this.ensureCompany(input.companyId);
    let sniffed: FileSniffResult;
    let fileBytes;
    try {
      fileBytes = regularFile(input.path).size;
      sniffed = isWorkbookFile(input.path)
        ? await launchWorker<FileSniffResult>({ kind: 'sniff', path: input.path, sheet: input.sheet, hasHeader: input.hasHeader }).done
        : await sniffAnyFile(input.path, { encoding: input.encoding, delimiter: input.delimiter, hasHeader: input.hasHeader });
    } catch (error) {
      throw fileProblem(error, input.path) ?? error;
    }
    if (sniffed.headers.length > MAX_COLUMNS) {
      // The mapping could not be answered (it said "The app produced an invalid answer").
      throw new AppError(
        'bad-file',
        `The file has ${sniffed.headers.length.toLocaleString('en-US')} columns; the app reads at most ${MAX_COLUMNS}. Delete the columns you do not need (or check the separator), save, and import it again.`,
      );
    }
    const key = headerKey(sniffed.headers);
    const remembered = this.store.rememberedMapping(input.companyId, key);
    const usable = remembered !== null && remembered.columns.every((column) => column.index < sniffed.headers.length);
    const fields = this.customFields.fields(input.companyId);
    // Auto mapping with the fields GHL listed last (the wizard reads them again and re-matches); a
    // remembered column whose field GHL no longer lists goes back to "ignore".
    const mapping = usable
      ? forgetUnknownFields(remembered, fields)
      : { columns: matchCustomFields(suggestMapping(sniffed.headers, sniffed.previewRows).columns, fields) };
    const validation = validateMapping(mapping, this.customFields.names(input.companyId));
    return {
      fileName: basename(input.path),
      fileBytes,
      ...sniffed,
      mapping,
      mappingSource: usable ? 'remembered' : 'suggested',
      headerKey: key,
      mappingErrors: validation.ok ? [] : validation.errors,
      defaultTag: campaignTagFor(this.db.$client, input.companyId),
    };
  }

  private checkMapping(companyId: number, mapping: MappingInput): ColumnMapping {
    const validation = validateMapping(mapping, this.customFields.names(companyId));
    if (!validation.ok) {
      throw new AppError('validation', validation.errors.join('. '), validation.errors.map((message) => ({ path: 'mapping', message })));
    }
    const known = new Set(this.customFields.fields(companyId).map((field) => customFieldTarget(field.id)));
    const unknown = mapping.columns.filter((column) => isCustomFieldTarget(column.field) && !known.has(column.field));
    if (unknown.length > 0) {
      const names = this.customFields.names(companyId);
      const errors = unknown.map((column) => {
        const id = isCustomFieldTarget(column.field) ? customFieldIdOf(column.field) : column.field;
        const name = names.get(id);
        return name
          ? `Column "${column.header}" is mapped to the GHL custom field "${name}", which GHL no longer has: map it again`
          : `Column "${column.header}" is mapped to a GHL custom field this company does not have (id ${id}): read the location's custom fields again and map it`;
      });
      throw new AppError('validation', errors.join('. '), errors.map((message) => ({ path: 'mapping', message })));
    }
    return mapping;
  }

  private checkFile(path: string): void {
    try {
      regularFile(path);
    } catch (error) {
      throw fileProblem(error, path) ?? error;
    }
  }

  /** Validates every row in a worker (the file is streamed) and returns counts and one page of problem rows. */
  async preview(input: PreviewInput): Promise<PreviewResult> {
    this.ensureCompany(input.companyId);
    this.checkFile(input.path);
    const mapping = this.checkMapping(input.companyId, input.mapping);
    const worker = launchWorker<PreviewResult>({
      kind: 'preview',
      databasePath: this.options.databasePath,
      companyId: input.companyId,
      path: input.path,
      options: input.options,
      mapping,
      fixes: input.fixes ?? [],
      filterKind: input.kind ?? null,
      offset: input.offset,
      limit: input.limit,
    });
    return worker.done;
  }

  /** Creates the batch row and starts the worker; returns at once. Follow with `import:progress` or `finished()`. */
  start(input: StartInput): { batchId: number } {
    this.ensureCompany(input.companyId);
    this.checkFile(input.path);
    const mapping = this.checkMapping(input.companyId, input.mapping);
    ensureDiskReserve(this.options.dataDir);
    const location = importWorkerLocation();
    // A cleared tag field means "the campaign's tag", never "no tag": the leads must be tagged in GHL.
    const tag = input.tag?.trim() || campaignTagFor(this.db.$client, input.companyId);
    const batch = this.store.create({
      companyId: input.companyId,
      fileName: basename(input.path),
      tag,
      onDuplicate: input.onDuplicate,
      queueSync: input.queueSync,
    });
    this.store.rememberMapping(input.companyId, headerKey(mappingHeaders(mapping)), mapping);
    const exportsDir = join(this.options.dataDir, 'exports');
    mkdirSync(exportsDir, { recursive: true });
    const startedAt = Date.now();
    let lastEventAt = 0;
    let lastChangedAt = startedAt;
    const relay = (progress: Omit<ProgressMessage, 'type'>, state: 'running' | 'completed' | 'cancelled' | 'failed') => {
      const now = Date.now();
      if (state === 'running' && now - lastEventAt < PROGRESS_EVENT_INTERVAL_MS) return;
      lastEventAt = now;
      const seconds = Math.max((now - startedAt) / 1000, 0.001);
      const bytesPerSecond = progress.processedBytes / seconds;
      const etaSeconds = state === 'running' && bytesPerSecond > 0 ? Math.max(0, (progress.totalBytes - progress.processedBytes) / bytesPerSecond) : null;
      this.events.emit('import:progress', {
        batchId: batch.id,
        processedRows: progress.processedRows,
        totalBytes: progress.totalBytes,
        processedBytes: progress.processedBytes,
        rowsPerSecond: Math.round(progress.processedRows / seconds),
        etaSeconds: etaSeconds === null ? null : Math.round(etaSeconds),
        state,
      });
      if (state === 'running' && now - lastChangedAt >= DATA_CHANGED_INTERVAL_MS) {
        lastChangedAt = now;
        this.events.emit('data:changed', { domain: 'leads', companyId: input.companyId });
      }
    };
    let lastProgress: Omit<ProgressMessage, 'type'> = { processedRows: 0, processedBytes: 0, totalBytes: 0 };
    const worker = this.launchOrFail(batch.id, () => launchWorker<ImportSummary>(
      {
        kind: 'import',
        databasePath: this.options.databasePath,
        batchId: batch.id,
        companyId: input.companyId,
        path: input.path,
        options: input.options,
        mapping,
        fixes: input.fixes ?? [],
        tag,
        onDuplicate: input.onDuplicate,
        queueSync: input.queueSync,
        rejectedFile: join(exportsDir, `batch-${batch.id}-rejected.csv`),
        chunkRows: this.chunkRows,
        writeTurn: this.options.writeTurn?.buffer,
        checkpoints: this.options.checkpoints ?? 'between-chunks',
        setsInsertTriggersAside: this.options.setsInsertTriggersAside ?? false,
      },
      (progress) => {
        lastProgress = progress;
        relay(progress, 'running');
      },
      location,
    ));
    const finish = (state: 'completed' | 'cancelled' | 'failed') => {
      this.running.delete(batch.id);
      try {
        this.store.releaseOwner(batch.id);
      } catch {
        // A full disk can refuse even this small delete; a batch whose owner process is gone is
        // treated as ended at the next start, so nothing is stuck.
      }
      relay(lastProgress, state);
      this.events.emit('data:changed', { domain: 'leads', companyId: input.companyId });
      this.events.emit('data:changed', { domain: 'imports', companyId: input.companyId });
    };
    const done = worker.done.then(
      (summary) => {
        // The worker could not write the batch's end itself when the disk was full: best effort here, else the
        // next start marks it interrupted.
        if (summary.state === 'failed' && summary.error) {
          try {
            this.store.markFailed(batch.id, summary.error);
          } catch {
            // (still full)
          }
        }
        finish(summary.state);
        return summary;
      },
      (error: unknown) => {
        // The worker died before it could end the batch itself (crash, out of memory), perhaps inside a
        // chunk: the main thread must not wait for that chunk's end (write-turn.ts).
        this.options.writeTurn?.forgetChunks();
        try {
          this.store.markFailed(batch.id, error instanceof Error ? error.message : String(error));
        } catch {
          // (a full disk: the batch is marked interrupted at the next start instead)
        }
        finish('failed');
        throw error;
      },
    );
    done.catch(() => {}); // failures are recorded on the batch; finished() callers still see them
    this.running.set(batch.id, { cancel: worker.cancel, done });
    this.events.emit('data:changed', { domain: 'imports', companyId: input.companyId });
    return { batchId: batch.id };
  }

  /** A worker that cannot start must not leave its batch 'running' (undo and history would wait on it). */
  private launchOrFail<T>(batchId: number, launch: () => T): T {
    try {
      return launch();
    } catch (error) {
      this.store.markFailed(batchId, `The import could not start: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  /**
   * What the counts do not say about a file: its new leads without a usable phone, and the rows it marks
   * do-not-contact, and the leads whose notes could not take all it added, as the import counted them while writing, i.e. as the import left them (the batch
   * row: read at once, whatever the file's size). Batches from before the phone count was kept are counted from their leads (BatchStore.noPhoneCount).
   */
  facts(batchId: number): { noPhone: number; markedDoNotContact: number; notesCut: number } {
    const row = this.store.row(batchId);
    return { noPhone: row.noPhone ?? this.store.noPhoneCount(batchId), markedDoNotContact: row.markedDoNotContact, notesCut: row.notesCut };
  }

  /** Resolves when a batch started by this process ends (the CLI waits on it). */
  async finished(batchId: number): Promise<ImportSummary> {
    const running = this.running.get(batchId);
    if (running) return running.done;
    const row = this.store.row(batchId);
    return {
      batchId,
      state: row.state === 'completed' ? 'completed' : row.state === 'cancelled' ? 'cancelled' : 'failed',
      rows: row.processedRows,
      imported: row.imported,
      updated: row.updated,
      duplicates: row.duplicates,
      rejected: row.rejected,
      optedOut: row.optedOut,
      markedDoNotContact: row.markedDoNotContact,
      withWarnings: null,
      rejectedFile: row.rejectedFile,
      error: row.error,
    };
  }

  /** Asks the worker to stop after the chunk in progress is dropped; whole committed chunks stay. */
  cancel(batchId: number): { cancelled: boolean } {
    const running = this.running.get(batchId);
    if (!running) {
      this.store.row(batchId);
      return { cancelled: false };
    }
    running.cancel();
    return { cancelled: true };
  }

  get(batchId: number): ImportBatch {
    return this.withNotQueued(this.store.row(batchId));
  }

  list(companyId: number | undefined, limit: number): ImportBatch[] {
    return this.store.list(companyId, limit).map((row) => this.withNotQueued(row));
  }

  private withNotQueued(row: Parameters<typeof toBatch>[0]): ImportBatch {
    const settled = row.state !== 'running' && row.state !== 'undone';
    return toBatch(row, {
      notQueued: settled ? this.jobs.countHeldBack(row.companyId, row.id) : 0,
      keptAfterUndo: row.state === 'undone' ? this.store.leadCount(row.id) : 0,
      waiting: settled ? batchWaiting(this.db.$client, row.id) : 0,
      ...this.store.outcomeCounts(row.id),
    });
  }

  /**
   * Sends later what was imported with "queue for sync" off (or whose sync was cancelled). In short
   * chunks (a million leads would hold the write lock for seconds), with `data:changed` as it goes;
   * interrupted, the leads queued so far stay queued and a second call queues the rest.
   */
  async queueBatch(batchId: number): Promise<{ queued: number }> {
    const batch = this.store.row(batchId);
    if (batch.state === 'running') throw new AppError('conflict', 'This import is still running: its leads can be sent once it has finished.');
    if (batch.state === 'undone') throw new AppError('conflict', 'This import was undone: its leads are no longer in the app.');
    const queued = await this.jobs.queueHeldBack(batch.companyId, batchId, Date.now, this.chunkProgress(batch.companyId));
    if (queued > 0) this.emitChanged(batch.companyId);
    return { queued };
  }

  /** What an undo would do: how many leads are only in the app, created in GHL by this import, existed there before, being sent. */
  async undoPlan(batchId: number, companies: CompanyService): Promise<UndoPlan> {
    const batch = this.store.row(batchId);
    const counts = await this.jobs.batches.undoPlan(batchId);
    return { batchId, ...counts, hasApiKey: (await companies.apiKey(batch.companyId)) !== null };
  }

  /**
   * Removes the batch's leads that never reached GHL with their unsent jobs, in chunks (see
   * BatchJobs.undoBatch); with `deleteInGhl` (and its typed confirmation), then deletes in GHL the
   * contacts this import created there and removes their leads. Contacts that existed before the
   * import are never deleted. Every lead's outcome goes to a CSV in exports/, written as it goes.
   */
  async undo(input: UndoInput, companies: CompanyService, now: () => number = Date.now): Promise<UndoResultWithReport> {
    const { batchId } = input;
    const batch = this.store.row(batchId);
    if (batch.state === 'running') throw new AppError('conflict', 'This import is still running: cancel it first, then undo.');
    if (this.undoing.has(batchId)) throw new AppError('conflict', 'This import is being undone already: wait for it to finish.');
    // Everything that can refuse is checked before anything changes.
    const client = input.deleteInGhl ? await this.checkGhlDeletion(input, batch.companyId, companies) : null;
    const report = openUndoReport(this.options.dataDir, batchId, now());
    this.undoing.add(batchId);
    try {
      const removed = await this.jobs.undoBatch(batchId, {
        ...this.chunkProgress(batch.companyId),
        onRemoved: (leads) => report.add(leads.map((lead) => ({ lead, ghlContactId: null, outcome: 'removed' }))),
      });
      let ghl: GhlDeletion | null = null;
      let handled = new Set<number>();
      let removedIds = new Set<number>();
      if (client) {
        const total = (await this.jobs.batches.undoPlan(batchId)).createdInGhl;
        const deletion = await deleteCreatedContacts({
          jobs: this.jobs.batches,
          client,
          batchId,
          total,
          onRows: (rows) => report.add(rows),
          onProgress: (progress) => this.events.emit('undo:progress', { batchId, ...progress }),
        });
        ({ handled, removedIds, ...ghl } = deletion);
      }
      await this.reportKept(batchId, handled, report.add);
      const file = await report.finish();
      const keptSyncedLeads = removed.keptSyncedLeads.filter((lead) => !removedIds.has(lead.id));
      const removedLeads = removed.removedLeads + removedIds.size;
      // Nothing removed (every lead already reached GHL): the batch is not "undone", its leads are all still here.
      // A GHL deletion that stopped (offline, key refused) leaves it open too, so "Undo" can finish it.
      if (!ghl?.stopped && (removedLeads > 0 || keptSyncedLeads.length === 0)) this.store.setState(batchId, 'undone');
      this.emitChanged(batch.companyId);
      return { batchId, removedLeads, removedJobs: removed.removedJobs, keptSyncedLeads, stoppedLeads: removed.stoppedLeads, ghl, report: file };
    } catch (error) {
      await report.abandon();
      this.emitChanged(batch.companyId);
      throw error;
    } finally {
      this.undoing.delete(batchId);
    }
  }

  /** The typed confirmation must match (the count the plan shows, or DELETE), and the company needs its key. */
  private async checkGhlDeletion(input: UndoInput, companyId: number, companies: CompanyService) {
    const created = (await this.jobs.batches.undoPlan(input.batchId)).createdInGhl;
    const typed = input.confirmation?.trim() ?? '';
    if (typed !== DELETE_CONFIRM_WORD && typed !== String(created)) {
      throw new AppError('validation', `To delete contacts in GoHighLevel, type ${created} (the number of contacts) or ${DELETE_CONFIRM_WORD}.`, [
        { path: 'confirmation', message: `Type ${created} or ${DELETE_CONFIRM_WORD}` },
      ]);
    }
    const client = await companyGhlClient(companies, companyId);
    if (!client) throw new AppError('no-api-key', 'This company has no GoHighLevel API key: set it on the Companies page to delete contacts there. Nothing was changed.');
    return client;
  }

  /** The leads left in the app after an undo, each with why it was kept (keyset pages: a batch can be huge). */
  private async reportKept(batchId: number, handled: Set<number>, add: (rows: UndoReportRow[]) => void): Promise<void> {
    for (let afterId = 0; ; ) {
      const page = this.jobs.batches.placedLeads(batchId, afterId, 2_000);
      add(
        page
          .filter((lead) => !handled.has(lead.id))
          .map((lead) => ({
            lead,
            ghlContactId: lead.ghlContactId,
            outcome: KEPT_OUTCOME[lead.place],
          })),
      );
      if (page.length < 2_000) return;
      afterId = page[page.length - 1]!.id;
      await new Promise<void>((resolve) => setImmediate(resolve)); // other IPC calls between pages
    }
  }


  /** Progress of a chunked write: the pages that show the batch refetch, at most a few times a second. */
  private chunkProgress(companyId: number): ChunkOptions {
    let lastEmit = Date.now();
    return {
      onChunk: () => {
        if (Date.now() - lastEmit < DATA_CHANGED_INTERVAL_MS) return;
        lastEmit = Date.now();
        this.emitChanged(companyId);
      },
    };
  }

  private emitChanged(companyId: number): void {
    this.events.emit('data:changed', { domain: 'leads', companyId });
    this.events.emit('data:changed', { domain: 'imports', companyId });
  }

  rejectedFile(batchId: number): { path: string | null; rows: number } {
    const batch = this.store.row(batchId);
    const path = batch.rejectedFile && existsSync(batch.rejectedFile) ? batch.rejectedFile : null;
    return { path, rows: batch.rejected };
  }

  /** On close: stop running imports at a chunk boundary and wait for them (bounded), so nothing is left 'running'. */
  async shutdown(timeoutMs = 10_000): Promise<void> {
    const pending = [...this.running.values()];
    for (const worker of pending) worker.cancel();
    const settled = Promise.allSettled(pending.map((worker) => worker.done));
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }
}
