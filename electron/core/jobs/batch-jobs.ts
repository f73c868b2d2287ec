/**
 * The queue's long writes over many leads — queueing a held-back import, undoing one, retrying
 * failures, cancelling a batch — in chunks (see chunks.ts): none holds the write lock for more than
 * a few tens of ms, each chunk leaves leads and jobs consistent, and running one again after an
 * interruption finishes the rest. A chunk's range is a lead (or job) id range, read through an index.
 */
import type Database from 'better-sqlite3';
import type { UndoResult } from '../../../shared/ipc/imports';
import type { RetryScope } from '../../../shared/ipc/sync';
import { runInChunks, type ChunkOptions, type ChunkStep } from './chunks';
import { companyPrefix, SYNC_ACTION, syncJobKeySql } from './job-keys';
import { LEAD_COPY_COLUMNS, LEAD_COPY_REFRESH, leadCopyValues } from './lead-copy';
import { isJobUnwrittenSql } from './queued-without-jobs';

type KeptLead = UndoResult['keptSyncedLeads'][number];
/** A lead undo removed from the app, for the per-lead result file. */
export interface RemovedLead {
  id: number;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
}
type Range = { batchId: number; after: number; last: number };

/**
 * Leads of a batch that are stored but not on their way to GoHighLevel: imported with "queue for
 * sync" off, or whose queued jobs were cancelled. Do-not-contact leads never count. Read through the
 * (company, status) index: a company's 'new' leads are few, a batch can have a million leads.
 */
const HELD_BACK = `leads INDEXED BY leads_company_status_idx WHERE company_id = @companyId AND status = 'new' AND batch_id = @batchId AND do_not_contact = 0`;

/**
 * A lead that reached GoHighLevel, is reaching it, or may have: an upsert of it went whose answer was not
 * recorded (sync_jobs.upsert_sent_at, written before every upsert of a lead with no contact). Undo keeps it:
 * deleting it here would forget a contact GHL may have (and the opt-out that needs to reach it). A lead the
 * sync has only claimed is not one of them: undo takes its job back first (STOP_KEPT) and removes it.
 */
const REACHED = `(l.ghl_contact_id IS NOT NULL OR l.status = 'synced'
  OR EXISTS (SELECT 1 FROM sync_jobs j WHERE j.lead_id = l.id AND (j.state = 'succeeded' OR j.upsert_sent_at IS NOT NULL)))`;
const IN_RANGE = `l.batch_id = @batchId AND l.id > @after AND l.id <= @last`;
/** Being sent to GoHighLevel at this moment: what GHL will answer is not known yet, so undo leaves it alone. */
const IN_FLIGHT = `(l.status = 'syncing' OR EXISTS (SELECT 1 FROM sync_jobs j WHERE j.lead_id = l.id AND j.state = 'running'))`;
/** GHL answered that the import's upsert created this contact (the first answer is kept, lease-statements.ts). */
const CREATED = `(l.ghl_contact_id IS NOT NULL AND l.ghl_is_new = 1 AND NOT ${IN_FLIGHT})`;
/**
 * Another lead of the app points to the same GHL contact (GHL matched it by email or phone, issue #37 of
 * its API docs), or had something made on it (an enrolment, a note, a tag: ghl_creates, by the contact it went to,
 * since a lead edited and upserted again points to another contact now): deleting the contact would pull it, or
 * the campaign it runs, from under that lead. Read through leads_ghl_contact_idx and ghl_creates_contact_idx.
 */
const SHARED = `(EXISTS (SELECT 1 FROM leads o WHERE o.ghl_contact_id = l.ghl_contact_id AND o.id <> l.id)
  OR EXISTS (SELECT 1 FROM ghl_creates g WHERE g.contact_id = l.ghl_contact_id AND g.lead_id <> l.id))`;
/**
 * The customer opted out and GHL's contact holds her DND: she replied STOP there, or the lead's DND job went (the
 * lead's one job succeeded after the mark re-queued it). Deleting that contact would take its DND and the STOP
 * conversation with it, and anything that made the contact again in that location (a GHL form, the company's own
 * import) would text her (a review). A DND not sent yet is no DND there: deleting the contact still ends its workflow.
 */
const OPTED_OUT = `(l.status = 'dnd' OR (l.do_not_contact = 1 AND EXISTS (SELECT 1 FROM sync_jobs j WHERE j.lead_id = l.id AND j.state = 'succeeded')))`;
/** What undo may delete in GHL: created by this import, used by no other lead, of a customer who did not opt out. */
const CREATED_IN_GHL = `(${CREATED} AND NOT ${SHARED} AND NOT ${OPTED_OUT})`;

/** Where a kept lead stands, for the undo's per-lead result; `appOnly` never appears after the removal. */
export type UndoPlace = 'appOnly' | 'createdInGhl' | 'sharedInGhl' | 'optedOutInGhl' | 'existedInGhl' | 'sendingNow' | 'mayBeInGhl';
const PLACE = `CASE WHEN NOT ${REACHED} THEN 'appOnly' WHEN ${CREATED} THEN (CASE WHEN ${SHARED} THEN 'sharedInGhl' WHEN ${OPTED_OUT} THEN 'optedOutInGhl' ELSE 'createdInGhl' END)
  WHEN l.ghl_contact_id IS NOT NULL AND NOT ${IN_FLIGHT} THEN 'existedInGhl' WHEN ${IN_FLIGHT} THEN 'sendingNow' ELSE 'mayBeInGhl' END`;

/** Leads whose jobs were cancelled (Stop sending, undo) go back to held back: Send to GHL sends them again. */
const LEADS_HELD_BACK = `UPDATE leads SET status = 'new', updated_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND status IN ('queued', 'syncing', 'failed')`;

/**
 * How long an enrolment call may be on its way: three of the sync's default request timeouts (sync/config.ts
 * requestTimeoutMs, 20 s), the time the sync itself gives an intent before it asks GHL what became of it.
 */
export const ENROLMENT_IN_FLIGHT_MS = 60_000;

/**
 * The jobs Stop sending and undo take back: the waiting ones, and those the sync claimed whose enrolment has
 * not left. A claim's hundred leads wait in the sync's memory for half a minute or more, and they were
 * enrolled (texted) after the office pressed Stop. The sync checks its claim in the transaction that writes
 * each intent (create-once.ts) and the mark before a new contact's upsert (JobQueue.markUpsertSent), so a stop
 * that lands first is obeyed; an enrolment already on its way (its intent pending, written in the last
 * ENROLMENT_IN_FLIGHT_MS) is GHL's now, and finishes. An older pending intent is one a run killed or cut off left
 * behind: its call may never have reached GHL, and the sync settles it by asking GHL, then sent the lead afresh
 * when GHL had nothing, after Stop. Such a job is taken back: what GHL answers is still recorded when the lead is
 * sent again, and nothing new goes meanwhile.
 */
const TAKEN_BACK = `(state = 'queued' OR (state = 'running' AND NOT EXISTS (
  SELECT 1 FROM ghl_creates g WHERE g.lead_id = sync_jobs.lead_id AND g.state = 'pending' AND g.kind IN ('enrol-workflow', 'enrol-tag')
    AND g.sent_at > @now - ${ENROLMENT_IN_FLIGHT_MS})))`;
const CANCEL = `state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, updated_at = @now`;

/**
 * Undo stops what it keeps: the jobs of leads not in the campaign yet (a contact waiting for its enrolment's
 * window, an upsert to retry, a claim not sent yet) are cancelled as "Stop sending" cancels them, so nobody of
 * an undone import is texted afterwards. An enrolled lead's update and a do-not-contact lead's DND still go.
 */
const STOP_KEPT = `UPDATE sync_jobs SET ${CANCEL}, last_error_message = 'Cancelled: its import was undone'
  WHERE ${TAKEN_BACK} AND lead_id IN (SELECT l.id FROM leads l WHERE ${IN_RANGE} AND l.do_not_contact = 0 AND l.enrolled_at IS NULL)
  RETURNING lead_id AS leadId`;

export interface UndoCandidate extends RemovedLead {
  ghlContactId: string;
}
export type PlacedLead = RemovedLead & { ghlContactId: string | null; place: UndoPlace };

/** The same reset as a single enqueue (job-queue.ts), set-based over the lead ids in `ids`. */
const ENQUEUE_IDS = `
  INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, ${LEAD_COPY_COLUMNS})
  SELECT :companyId, l.id, '${SYNC_ACTION}', ${syncJobKeySql('l.id')}, 'queued', 0, :now, :now, :now, ${leadCopyValues('l')}
  FROM json_each(:ids) AS ids JOIN leads l ON l.id = ids.value WHERE true
  ON CONFLICT (idempotency_key) DO UPDATE SET
    ${LEAD_COPY_REFRESH},
    state = 'queued', attempts = 0, next_run_at = excluded.next_run_at, line_at = NULL, lease_owner = NULL, lease_expires_at = NULL, held_for_company_id = NULL,
    last_error_code = NULL, last_error_message = NULL, updated_at = excluded.updated_at`;

const maxOf = (ids: readonly number[]) => ids.reduce((a, b) => (b > a ? b : a), 0);

export class BatchJobs {
  constructor(private readonly db: Database.Database) {}

  /** From the trigger-kept held_back_counts (migration 0023): the same rule as HELD_BACK, without counting a million-lead batch. */
  countHeldBack(companyId: number, batchId: number): number {
    return this.db
      .prepare<{ companyId: number; batchId: number }, { n: number }>(
        `SELECT coalesce((SELECT n FROM held_back_counts WHERE company_id = @companyId AND batch_id = @batchId), 0) AS n`,
      )
      .get({ companyId, batchId })!.n;
  }

  /** Queues the batch's held-back leads, each with its job (leads and jobs commit together per chunk); returns how many. */
  async queueHeldBack(companyId: number, batchId: number, now: () => number, options: ChunkOptions = {}): Promise<number> {
    const markQueued = this.db.prepare<{ companyId: number; batchId: number; after: number; limit: number; now: number }, { id: number }>(
      `UPDATE leads SET status = 'queued', updated_at = @now
       WHERE id IN (SELECT id FROM ${HELD_BACK} AND id > @after ORDER BY id LIMIT @limit) RETURNING id`,
    );
    const enqueue = this.db.prepare(ENQUEUE_IDS);
    const keyPrefix = companyPrefix(companyId);
    const result = await runInChunks(
      this.db,
      (limit, after): ChunkStep => {
        const at = now();
        const ids = markQueued.all({ companyId, batchId, after, limit, now: at }).map((r) => r.id);
        if (ids.length > 0) enqueue.run({ companyId, keyPrefix, ids: JSON.stringify(ids), now: at });
        return { rows: ids.length, next: ids.length < limit ? null : maxOf(ids) };
      },
      options,
    );
    return result.done;
  }

  /**
   * Queues a company's held-back leads (status 'new', not do-not-contact) that match an audience
   * filter (`where` on `leads l`, with its own named params), in chunks like a held-back batch.
   */
  async queueMatching(companyId: number, where: string, params: Record<string, unknown>, now: () => number, options: ChunkOptions = {}): Promise<number> {
    const markQueued = this.db.prepare<Record<string, unknown>, { id: number }>(
      `UPDATE leads SET status = 'queued', updated_at = @now
       WHERE id IN (SELECT l.id FROM leads l INDEXED BY leads_company_status_idx
                    WHERE l.company_id = @companyId AND l.status = 'new' AND l.do_not_contact = 0 AND (${where}) AND l.id > @after
                    ORDER BY l.id LIMIT @limit) RETURNING id`,
    );
    const enqueue = this.db.prepare(ENQUEUE_IDS);
    const keyPrefix = companyPrefix(companyId);
    const result = await runInChunks(
      this.db,
      (limit, after): ChunkStep => {
        const at = now();
        const ids = markQueued.all({ ...params, companyId, after, limit, now: at }).map((r) => r.id);
        if (ids.length > 0) enqueue.run({ companyId, keyPrefix, ids: JSON.stringify(ids), now: at });
        return { rows: ids.length, next: ids.length < limit ? null : maxOf(ids) };
      },
      options,
    );
    return result.done;
  }

  /**
   * Removes the leads an import CREATED, with their unsent jobs (sync_jobs cascade with the lead).
   * Leads that reached GoHighLevel or may have — a GHL contact id, status syncing/synced, a job in flight
   * or done, an upsert sent without its answer — are KEPT and returned: deleting them would silently
   * forget a contact that exists in GHL (and may be in a campaign); those not in the campaign yet stop
   * there (STOP_KEPT). Fields an 'update' import filled on older leads are not reverted (no history of
   * previous values is kept). Interrupted, it leaves whole chunks removed; run again, it removes the
   * rest and lists the kept leads of the whole batch again.
   */
  async undoBatch(
    batchId: number,
    options: ChunkOptions & { onRemoved?: (leads: RemovedLead[]) => void } = {},
    now: () => number = Date.now,
  ): Promise<Omit<UndoResult, 'batchId'>> {
    const rangeEnd = this.db.prepare<{ batchId: number; after: number; limit: number }, { last: number | null; n: number }>(
      `SELECT max(id) AS last, count(*) AS n FROM (SELECT id FROM leads WHERE batch_id = @batchId AND id > @after ORDER BY id LIMIT @limit)`,
    );
    const kept = this.db.prepare<Range, KeptLead>(
      `SELECT l.id, l.first_name AS firstName, l.last_name AS lastName, l.phone, l.ghl_contact_id AS ghlContactId, l.status
       FROM leads l WHERE ${IN_RANGE} AND ${REACHED} ORDER BY l.id`,
    );
    // With the sends to come of the queued leads whose jobs the sync had yet to write (queued-without-jobs.ts).
    const jobsOfRemoved = this.db.prepare<Range, { n: number }>(
      `SELECT (SELECT count(*) FROM sync_jobs WHERE lead_id IN (SELECT l.id FROM leads l WHERE ${IN_RANGE} AND NOT ${REACHED}))
            + (SELECT count(*) FROM leads l WHERE ${IN_RANGE} AND ${isJobUnwrittenSql('l')}) AS n`,
    );
    const remove = this.db.prepare<Range, RemovedLead>(
      `DELETE FROM leads AS l WHERE ${IN_RANGE} AND NOT ${REACHED} RETURNING id, first_name AS firstName, last_name AS lastName, phone, email`,
    );
    const stopKept = this.db.prepare<Range & { now: number }, { leadId: number }>(STOP_KEPT);
    const keptBack = this.db.prepare<[number, string]>(LEADS_HELD_BACK);
    const result: Omit<UndoResult, 'batchId'> = { removedLeads: 0, removedJobs: 0, keptSyncedLeads: [], stoppedLeads: 0 };
    await runInChunks(
      this.db,
      (limit, after): ChunkStep => {
        const { last, n } = rangeEnd.get({ batchId, after, limit })!;
        if (last === null) return { rows: 0, next: null };
        const range = { batchId, after, last };
        // Stopped first: a lead the sync had claimed but not sent is then one GHL never got, and goes.
        const at = now();
        const stoppedIds = stopKept.all({ ...range, now: at }).map((row) => row.leadId);
        if (stoppedIds.length > 0) keptBack.run(at, JSON.stringify(stoppedIds));
        const keptHere = kept.all(range);
        const jobs = jobsOfRemoved.get(range)!.n;
        const removed = remove.all(range);
        const removedIds = new Set(removed.map((lead) => lead.id));
        const stopped = stoppedIds.filter((id) => !removedIds.has(id));
        return {
          rows: n,
          next: n < limit ? null : last,
          afterCommit: () => {
            result.keptSyncedLeads.push(...keptHere);
            result.removedJobs += jobs;
            result.removedLeads += removed.length;
            result.stoppedLeads += stopped.length;
            options.onRemoved?.(removed);
          },
        };
      },
      options,
    );
    // Every lead of the batch is removed or kept with its job: no lead of it is left for the sync to write a job for.
    // Only now: an undo cut short leaves the range, and the sync writes the jobs of the queued leads it did not reach.
    this.db.prepare('DELETE FROM queued_without_jobs WHERE batch_id = ?').run(batchId);
    return result;
  }

  /**
   * What an undo would do with each lead of the batch, counted (see undoPlanSchema); contacts with an
   * unknown "created" answer count as existed (never deleted). Read in pages of lead ids through
   * leads_batch_idx, yielding between pages: ~1 µs a lead measured, so a million-lead batch read in
   * one go would hold the main thread for a second.
   */
  async undoPlan(batchId: number, pageRows = 20_000): Promise<Record<UndoPlace, number>> {
    const page = this.db.prepare<{ batchId: number; afterId: number; limit: number }, { place: UndoPlace; n: number; last: number }>(
      `SELECT ${PLACE} AS place, count(*) AS n, max(l.id) AS last FROM leads l
       WHERE l.id IN (SELECT id FROM leads WHERE batch_id = @batchId AND id > @afterId ORDER BY id LIMIT @limit) GROUP BY 1`,
    );
    const counts: Record<UndoPlace, number> = { appOnly: 0, createdInGhl: 0, sharedInGhl: 0, optedOutInGhl: 0, existedInGhl: 0, sendingNow: 0, mayBeInGhl: 0 };
    for (let afterId = 0; ; ) {
      const rows = page.all({ batchId, afterId, limit: pageRows });
      let seen = 0;
      for (const row of rows) {
        counts[row.place] += row.n;
        seen += row.n;
        afterId = Math.max(afterId, row.last);
      }
      if (seen < pageRows) return counts;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** The next leads (by id, after `afterId`) whose GHL contact this import created: what undo may delete there. */
  createdInGhl(batchId: number, afterId: number, limit: number): UndoCandidate[] {
    return this.db
      .prepare<{ batchId: number; afterId: number; limit: number }, UndoCandidate>(
        `SELECT l.id, l.first_name AS firstName, l.last_name AS lastName, l.phone, l.email, l.ghl_contact_id AS ghlContactId
         FROM leads l WHERE l.batch_id = @batchId AND l.id > @afterId AND ${CREATED_IN_GHL} ORDER BY l.id LIMIT @limit`,
      )
      .all({ batchId, afterId, limit });
  }

  /** Still one undo may delete in GHL (asked right before the DELETE goes out: the sync may have picked it up meanwhile). */
  isDeletableInGhl(leadId: number, contactId: string): boolean {
    return (
      this.db
        .prepare<{ leadId: number; contactId: string }, { one: number }>(`SELECT 1 AS one FROM leads l WHERE l.id = @leadId AND l.ghl_contact_id = @contactId AND ${CREATED_IN_GHL}`)
        .get({ leadId, contactId }) !== undefined
    );
  }

  /**
   * After its contact was deleted in GHL: removes the lead (its jobs cascade), unless it started
   * being sent meanwhile or now points to another contact. True when removed.
   */
  removeAfterGhlDelete(leadId: number, contactId: string): boolean {
    return this.db
      .transaction(() => {
        const removed = this.db
          .prepare<{ leadId: number; contactId: string }>(`DELETE FROM leads AS l WHERE l.id = @leadId AND l.ghl_contact_id = @contactId AND NOT ${IN_FLIGHT}`)
          .run({ leadId, contactId }).changes > 0;
        // The record the delete left for a restore (trigger leads_removed_in_ghl) keeps its enrolment and ledger (a
        // restored lead is not noted or enrolled again), not a contact GHL no longer has.
        if (removed) this.db.prepare(`UPDATE removed_leads_in_ghl SET ghl_contact_id = NULL, ghl_contact_phone = NULL WHERE lead_id = ?`).run(leadId);
        return removed;
      })
      .immediate();
  }

  /** The batch's leads still in the app, after `afterId`, each with where it stands (keyset pages for the result file). */
  placedLeads(batchId: number, afterId: number, limit: number): PlacedLead[] {
    return this.db
      .prepare<{ batchId: number; afterId: number; limit: number }, PlacedLead>(
        `SELECT l.id, l.first_name AS firstName, l.last_name AS lastName, l.phone, l.email, l.ghl_contact_id AS ghlContactId, ${PLACE} AS place
         FROM leads l WHERE l.batch_id = @batchId AND l.id > @afterId ORDER BY l.id LIMIT @limit`,
      )
      .all({ batchId, afterId, limit });
  }

  /** Failed jobs go back to the queue with fresh attempts, their leads to 'queued'; returns how many. */
  async retryFailed(scope: RetryScope, now: () => number, options: ChunkOptions = {}): Promise<number> {
    // At its place in line (the one it kept while put off, or its own), not behind every lead queued since: a lead whose
    // contact and note GHL had, retried by the office, waited for the whole backlog (a review).
    const toQueued = `state = 'queued', attempts = 0, next_run_at = min(coalesce(line_at, next_run_at), @now), line_at = NULL, last_error_code = NULL, last_error_message = NULL,
      lease_owner = NULL, lease_expires_at = NULL, updated_at = @now`;
    const leadsBack = this.db.prepare<[number, string]>(
      `UPDATE leads SET status = 'queued', last_error = NULL, updated_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND status = 'failed'`,
    );
    const reset = (leadIds: number[], at: number) => {
      if (leadIds.length > 0) leadsBack.run(at, JSON.stringify(leadIds));
    };
    if (scope.scope === 'batch') {
      return this.overBatchLeads(scope.batchId, `UPDATE sync_jobs SET ${toQueued} WHERE state = 'failed'`, now, reset, options);
    }
    // A job id cursor (primary key range) for the whole queue; a company's failed jobs come straight
    // from sync_jobs_claim_idx, and the ones done leave 'failed', so no cursor is needed there.
    const filter =
      scope.scope === 'lead'
        ? { where: 'lead_id = @id', id: scope.leadId, cursor: false }
        : scope.companyId === undefined
          ? { where: 'id > @after', id: 0, cursor: true }
          : { where: 'company_id = @id', id: scope.companyId, cursor: false };
    const update = this.db.prepare<{ id: number; after: number; limit: number; now: number }, { jobId: number; leadId: number }>(
      `UPDATE sync_jobs SET ${toQueued}
       WHERE id IN (SELECT id FROM sync_jobs WHERE state = 'failed' AND ${filter.where} ${filter.cursor ? 'ORDER BY id' : ''} LIMIT @limit)
       RETURNING id AS jobId, lead_id AS leadId`,
    );
    const result = await runInChunks(
      this.db,
      (limit, after): ChunkStep => {
        const at = now();
        const rows = update.all({ id: filter.id, after, limit, now: at });
        reset(
          rows.map((r) => r.leadId),
          at,
        );
        const isLast = rows.length < limit;
        return { rows: rows.length, next: isLast ? null : filter.cursor ? maxOf(rows.map((r) => r.jobId)) : 0 };
      },
      options,
    );
    return result.done;
  }

  /**
   * Cancels what is still waiting for an import batch (leads back to held back), claimed but not sent
   * included (TAKEN_BACK); an enrolment on its way finishes (GHL may have it). Not the job of a lead that
   * opted out after GHL got its contact: it turns on DND there (JobQueue.cancelPending), and nothing would
   * queue it again (a do-not-contact lead is never sent). Nor the
   * update of a lead already enrolled: it texts nobody, and the lead is no longer one the batch holds back
   * (it read "New, not queued" beside its own enrolment, and its next edits stayed here).
   */
  async cancelBatch(batchId: number, now: () => number, options: ChunkOptions = {}): Promise<number> {
    const leadsBack = this.db.prepare<[number, string]>(LEADS_HELD_BACK);
    // Queued by the import, their jobs not written yet (queued-without-jobs.ts): held back too, or the sync would write
    // their jobs after the stop and send them.
    const queuedWithoutJobBack = this.db.prepare<Range & { now: number }>(
      `UPDATE leads AS l SET status = 'new', updated_at = @now WHERE ${IN_RANGE} AND ${isJobUnwrittenSql('l')}`,
    );
    return this.overBatchLeads(
      batchId,
      `UPDATE sync_jobs SET ${CANCEL}, last_error_message = 'Cancelled by the user'
       WHERE ${TAKEN_BACK} AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.id = sync_jobs.lead_id AND (l.do_not_contact = 1 OR l.enrolled_at IS NOT NULL))`,
      now,
      (leadIds, at, range) => {
        if (leadIds.length > 0) leadsBack.run(at, JSON.stringify(leadIds));
        return queuedWithoutJobBack.run({ ...range, now: at }).changes;
      },
      options,
    );
  }

  /** Runs a job UPDATE (`… WHERE <state>`) over the jobs of a batch's leads, chunked by lead id (leads_batch_idx); counts changed jobs. */
  private async overBatchLeads(
    batchId: number,
    updateWhere: string,
    now: () => number,
    /** Returns how many more leads it changed (beside the jobs' leads). */
    afterChange: (leadIds: number[], now: number, range: Range) => number | void,
    options: ChunkOptions,
  ): Promise<number> {
    const rangeEnd = this.db.prepare<{ batchId: number; after: number; limit: number }, { last: number | null; n: number }>(
      `SELECT max(id) AS last, count(*) AS n FROM (SELECT id FROM leads WHERE batch_id = @batchId AND id > @after ORDER BY id LIMIT @limit)`,
    );
    const update = this.db.prepare<{ batchId: number; after: number; last: number; now: number }, { leadId: number }>(
      `${updateWhere} AND lead_id IN (SELECT id FROM leads WHERE batch_id = @batchId AND id > @after AND id <= @last) RETURNING lead_id AS leadId`,
    );
    let changed = 0;
    await runInChunks(
      this.db,
      (limit, after): ChunkStep => {
        const { last, n } = rangeEnd.get({ batchId, after, limit })!;
        if (last === null) return { rows: 0, next: null };
        const at = now();
        const leadIds = update.all({ batchId, after, last, now: at }).map((r) => r.leadId);
        const more = afterChange(leadIds, at, { batchId, after, last }) ?? 0;
        return { rows: n, next: n < limit ? null : last, afterCommit: () => (changed += leadIds.length + more) };
      },
      options,
    );
    return changed;
  }
}
