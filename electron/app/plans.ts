/**
 * A company's send plan and an import's part of it, read at one instant: the Companies page, the import
 * summary and `rlm import`/`rlm status` ask here (the dashboard reads the same `sendPlan` inside its own
 * transaction). `now` is injected so tests can move the clock.
 */
import type { SendPlan } from '../../shared/send-plan';
import { batchWaiting } from '../core/schedule/batch-waiting';
import { hasUnplacedJobs, sendPlan } from '../core/schedule/send-plan';
import type { AppContext } from './app-context';

export function companyPlan(ctx: AppContext, companyId: number, now: number = Date.now()): SendPlan {
  return sendPlan(ctx.db.$client, ctx.companies.row(companyId), now);
}

/** A company's plan and whether some of its waiting leads are not placed yet (a day it names may move), from one read. */
export function companyQueuePlan(ctx: AppContext, companyId: number, now: number = Date.now()): { plan: SendPlan; isProvisional: boolean } {
  return ctx.db.$client.transaction(() => ({ plan: companyPlan(ctx, companyId, now), isProvisional: hasUnplacedJobs(ctx.db.$client, companyId) })).deferred();
}

/** How many of the batch's leads wait to go, and their company's plan, from one read. */
export function importPlan(ctx: AppContext, batchId: number, now: number = Date.now()): { queued: number; plan: SendPlan; isProvisional: boolean } {
  const { companyId } = ctx.imports.get(batchId);
  return ctx.db.$client
    .transaction(() => ({
      queued: batchWaiting(ctx.db.$client, batchId),
      plan: companyPlan(ctx, companyId, now),
      isProvisional: hasUnplacedJobs(ctx.db.$client, companyId),
    }))
    .deferred();
}
