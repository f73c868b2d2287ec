/**
 * Deleting in GoHighLevel the contacts an import CREATED there (`ghl_is_new = 1`), one by one, then
 * removing their leads from the app. Contacts that existed before the import are never touched.
 *
 * Runs in the main process, with the company's key from the keychain (which only main reads) and a
 * GhlClient on main's rate limiter for the location. The sync worker thread has its own limiter for
 * the same location; both read GHL's X-RateLimit-Remaining on every answer and pause when it reaches 0
 * (rate-limiter.ts), and a 429 is retried after Retry-After, so the two together stay within GHL's
 * budget. Not in the sync worker: undo is a short action the user waits on, and the worker's queue
 * owns sync jobs, not deletions.
 *
 * Safe to stop and run again: a contact's lead is removed right after GHL confirms the delete, so a
 * second run never asks again for one that was done; a delete whose answer was lost is asked again
 * and GHL's "not found" reads as already gone (deleteContact is idempotent).
 */
import type { UndoOutcome } from '../../../shared/ipc/imports';
import { createGhlClient, isGhlError, plainLanguage, type GhlClient } from '../../ghl';
import type { BatchJobs, UndoCandidate } from '../jobs/batch-jobs';
import type { CompanyService } from '../companies/company-service';
import type { UndoReportRow } from './undo-report';

const PAGE = 200;

export interface GhlDeletion {
  deleted: number;
  alreadyGone: number;
  failed: number;
  stopped: { code: string; message: string; notDone: number } | null;
}

/** The errors after which no further delete can work now: stop, keep what was done. */
function stopCode(error: unknown): string | null {
  if (!isGhlError(error)) return null;
  if (error.kind === 'offline') return 'offline';
  if (error.kind === 'auth') return 'ghl-auth';
  if (error.kind === 'daily-limit') return 'ghl-rate-limit';
  return null;
}

/**
 * Why a delete failed, for the report. GHL's 5xx (or an answer lost on the way) may follow work it did: the contact may be
 * gone all the same, and "it will be retried" (the sync's wording) was untrue here, where nothing retries by itself.
 */
function failedDeleteText(error: unknown): string {
  if (!isGhlError(error)) return plainLanguage(error);
  const answer =
    error.kind === 'unknown-outcome' ? 'GoHighLevel’s answer was lost' : error.kind === 'transient' && error.status !== null && error.status >= 500 ? `GoHighLevel answered with an error (${error.status})` : null;
  if (answer === null) return plainLanguage(error);
  return `${answer}, so it may have deleted the contact all the same. Undo again to finish: a contact already gone counts as done.`;
}

/** A client for the company's location with its key; null when no key is set. */
export async function companyGhlClient(companies: CompanyService, companyId: number): Promise<GhlClient | null> {
  const company = companies.row(companyId);
  const token = await companies.apiKey(companyId);
  if (!token) return null;
  return createGhlClient({ token, locationId: company.ghlLocationId, baseUrl: company.ghlBaseUrl, retry: { attempts: 3 } });
}

export async function deleteCreatedContacts(input: {
  jobs: BatchJobs;
  client: GhlClient;
  batchId: number;
  total: number;
  onRows: (rows: UndoReportRow[]) => void;
  onProgress: (progress: { done: number; total: number; deleted: number; failed: number }) => void;
}): Promise<GhlDeletion & { handled: Set<number>; removedIds: Set<number> }> {
  const { jobs, client, batchId, onRows } = input;
  const result = { deleted: 0, alreadyGone: 0, failed: 0, stopped: null as GhlDeletion['stopped'], handled: new Set<number>(), removedIds: new Set<number>() };
  const row = (lead: UndoCandidate, outcome: UndoOutcome, details?: string): UndoReportRow => ({ lead, ghlContactId: lead.ghlContactId, outcome, details });
  let afterId = 0;
  let done = 0;
  for (;;) {
    const page = jobs.createdInGhl(batchId, afterId, PAGE);
    if (page.length === 0) break;
    for (const [index, lead] of page.entries()) {
      afterId = lead.id;
      try {
        // Asked again right before sending (after the rate limiter's wait): a lead the sync started
        // sending meanwhile is left alone, its contact is not deleted under it.
        const answer = await client.deleteContact(lead.ghlContactId, { shouldContinue: () => jobs.isDeletableInGhl(lead.id, lead.ghlContactId) });
        const isRemoved = jobs.removeAfterGhlDelete(lead.id, lead.ghlContactId);
        result.handled.add(lead.id);
        if (isRemoved) result.removedIds.add(lead.id);
        if (answer === 'deleted') result.deleted += 1;
        else result.alreadyGone += 1;
        onRows([
          row(
            lead,
            answer === 'deleted' ? 'deleted-in-ghl' : 'already-gone-in-ghl',
            isRemoved ? undefined : 'The lead changed while its contact was deleted (it is being sent again): it stays in the app',
          ),
        ]);
      } catch (error) {
        const code = stopCode(error);
        if (isGhlError(error) && error.kind === 'superseded') {
          result.handled.add(lead.id);
          onRows([row(lead, 'kept-sending-now', 'It started being sent to GHL before its delete went out: not deleted')]);
        } else if (code === null) {
          result.failed += 1;
          result.handled.add(lead.id);
          onRows([row(lead, 'failed', failedDeleteText(error))]);
        } else {
          const message = plainLanguage(error);
          // This lead and every candidate after it: left as they are, listed as not done.
          const rest = [...page.slice(index), ...(await remaining(jobs, batchId, page[page.length - 1]!.id))];
          for (const left of rest) result.handled.add(left.id);
          // The first one's delete may have reached GHL (a lost answer); the others were not tried.
          onRows(
            rest.map((left, at) =>
              row(left, 'not-done', at === 0 ? `${message}. GoHighLevel did not confirm the delete; undo again to finish.` : `Not tried: ${message}. Undo again to finish.`),
            ),
          );
          result.stopped = { code, message, notDone: rest.length };
          input.onProgress({ done, total: input.total, deleted: result.deleted, failed: result.failed });
          return result;
        }
      }
      done += 1;
      input.onProgress({ done, total: input.total, deleted: result.deleted, failed: result.failed });
    }
  }
  return result;
}

/** The candidates not tried yet, in pages with a yield between them (the main thread serves IPC meanwhile). */
async function remaining(jobs: BatchJobs, batchId: number, afterId: number): Promise<UndoCandidate[]> {
  const out: UndoCandidate[] = [];
  for (let cursor = afterId; ; ) {
    const page = jobs.createdInGhl(batchId, cursor, 1_000);
    out.push(...page);
    if (page.length < 1_000) return out;
    cursor = page[page.length - 1]!.id;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
