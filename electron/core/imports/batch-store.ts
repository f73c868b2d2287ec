import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/open';
import { appMeta, columnMappings, importBatches, type ImportBatchRow } from '../../../db/schema';
import type { ImportBatch } from '../../../shared/ipc/imports';
import type { ColumnMapping } from '../../parsing/mapping';
import { importOwnerKey as ownerKey, importOwnerValue, isLiveImportOwner } from './import-owner';
import { notFound } from '../errors';

export const INTERRUPTED_MESSAGE = 'Interrupted: the app stopped while this import was running. The rows counted as processed were saved.';

/** What became of a batch's leads since the import (read from counts kept by triggers, migration 0038). */
export interface BatchOutcome {
  notQueued: number;
  keptAfterUndo: number;
  waiting: number;
  sent: number;
  failed: number;
  optedOutNow: number;
}

export const NO_OUTCOME: BatchOutcome = { notQueued: 0, keptAfterUndo: 0, waiting: 0, sent: 0, failed: 0, optedOutNow: 0 };

export function toBatch(row: ImportBatchRow, outcome: BatchOutcome = NO_OUTCOME): ImportBatch {
  return {
    id: row.id,
    companyId: row.companyId,
    fileName: row.fileName,
    tag: row.tag,
    state: row.state,
    onDuplicate: row.onDuplicate,
    queueSync: row.queueSync,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    imported: row.imported,
    updated: row.updated,
    duplicates: row.duplicates,
    rejected: row.rejected,
    optedOut: row.optedOut,
    rejectedFile: row.rejectedFile,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    ...outcome,
  };
}

export class BatchStore {
  private readonly outcomeRows;

  constructor(private readonly db: Db) {
    this.outcomeRows = db.$client.prepare<[number], { status: string; n: number }>('SELECT status, n FROM batch_outcome_counts WHERE batch_id = ?');
  }

  create(values: { companyId: number; fileName: string; tag: string | null; onDuplicate: 'skip' | 'update'; queueSync: boolean }): ImportBatchRow {
    return this.db.transaction((tx) => {
      const row = tx
        .insert(importBatches)
        .values({ ...values, state: 'running', createdAt: Date.now() })
        .returning()
        .get();
      const owner = importOwnerValue();
      tx.insert(appMeta).values({ key: ownerKey(row.id), value: owner }).onConflictDoUpdate({ target: appMeta.key, set: { value: owner } }).run();
      return row;
    }, { behavior: 'immediate' });
  }

  setRejectedFile(batchId: number, path: string): void {
    this.db.update(importBatches).set({ rejectedFile: path }).where(eq(importBatches.id, batchId)).run();
  }

  row(batchId: number): ImportBatchRow {
    const row = this.db.select().from(importBatches).where(eq(importBatches.id, batchId)).get();
    if (!row) throw notFound(`Import #${batchId}`);
    return row;
  }

  list(companyId: number | undefined, limit: number): ImportBatchRow[] {
    const query = this.db.select().from(importBatches);
    const filtered = companyId === undefined ? query : query.where(eq(importBatches.companyId, companyId));
    return filtered.orderBy(desc(importBatches.createdAt), desc(importBatches.id)).limit(limit).all();
  }

  /** Ends a batch the worker could not end itself (it crashed or was killed). */
  markFailed(batchId: number, message: string): void {
    this.db
      .update(importBatches)
      .set({ state: 'failed', error: message, finishedAt: Date.now() })
      .where(and(eq(importBatches.id, batchId), eq(importBatches.state, 'running')))
      .run();
    this.releaseOwner(batchId);
  }

  releaseOwner(batchId: number): void {
    this.db.delete(appMeta).where(eq(appMeta.key, ownerKey(batchId))).run();
  }

  /** The batch's leads sent, failed and opted out: a few rows of batch_outcome_counts, whatever the batch's size. */
  outcomeCounts(batchId: number): Pick<BatchOutcome, 'sent' | 'failed' | 'optedOutNow'> {
    const rows = this.outcomeRows.all(batchId);
    const count = (...statuses: string[]) => rows.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row.n, 0);
    return { sent: count('synced'), failed: count('failed'), optedOutNow: count('dnd', 'do-not-contact') };
  }

  /** The batch's leads still in the app (leads_batch_idx): after an undo, the ones it kept. */
  leadCount(batchId: number): number {
    return (this.db.$client.prepare<[number], { n: number }>('SELECT count(*) AS n FROM leads WHERE batch_id = ?').get(batchId) ?? { n: 0 }).n;
  }

  setState(batchId: number, state: ImportBatchRow['state']): void {
    this.db.update(importBatches).set({ state, finishedAt: Date.now() }).where(eq(importBatches.id, batchId)).run();
  }

  /**
   * Batches left 'running' by a process that no longer exists become 'failed' ("interrupted"); the
   * committed chunks and processed_rows stay, so the history shows how far each got. Batches of a
   * live process (the desktop app while the CLI runs, say) are left alone.
   */
  markInterrupted(): number {
    const running = this.db.select({ id: importBatches.id }).from(importBatches).where(eq(importBatches.state, 'running')).all();
    let marked = 0;
    for (const { id } of running) {
      const owner = this.db.select().from(appMeta).where(eq(appMeta.key, ownerKey(id))).get();
      if (isLiveImportOwner(owner?.value)) continue;
      this.markFailed(id, INTERRUPTED_MESSAGE);
      marked++;
    }
    return marked;
  }

  /**
   * How many of a file's leads have no phone now: kept for their email or address, but no SMS campaign can
   * text them. One walk of the batch's leads (leads_batch_idx): only for batches without the import's own count
   * (import_batches.no_phone: as the import left them; later edits do not change it), which the summary reads instead.
   */
  noPhoneCount(batchId: number): number {
    return this.db.$client.prepare<[number], { n: number }>('SELECT count(*) AS n FROM leads WHERE batch_id = ? AND phone IS NULL').get(batchId)!.n;
  }

  rememberedMapping(companyId: number, key: string): ColumnMapping | null {
    const row = this.db
      .select()
      .from(columnMappings)
      .where(and(eq(columnMappings.companyId, companyId), eq(columnMappings.headerKey, key)))
      .get();
    if (!row) return null;
    try {
      return JSON.parse(row.mappingJson) as ColumnMapping;
    } catch {
      return null;
    }
  }

  rememberMapping(companyId: number, key: string, mapping: ColumnMapping): void {
    const mappingJson = JSON.stringify(mapping);
    const updatedAt = Date.now();
    this.db
      .insert(columnMappings)
      .values({ companyId, headerKey: key, mappingJson, updatedAt })
      .onConflictDoUpdate({ target: [columnMappings.companyId, columnMappings.headerKey], set: { mappingJson, updatedAt } })
      .run();
  }
}
