/**
 * `dashboard:overview`: every number on the dashboard from one read transaction, so the cards, the
 * blocked and held-back lists, "Sending to GHL" and the companies table cannot disagree. It lives in
 * the composition root because it joins two layers: the dashboard's aggregates (core) and the
 * runner's state and the blocked-company judgement (sync).
 */
import { sendsFor } from '../../shared/runner-scope';
import type { DashboardOverview } from '../../shared/ipc/dashboard';
import { emptyQueue, type QueueCounts } from '../core/dashboard/dashboard-service';
import { companiesHeldBy, isNotSending } from '../core/dashboard/call-trouble';
import { hasUnplacedJobs, sendPlan } from '../core/schedule/send-plan';
import { cannotCallGhl, describeBlock, findBlocked } from '../sync/blocked';
import { keychainAnswersFor } from '../core/secrets/secret-store';
import type { AppContext } from './app-context';

export interface OverviewOptions {
  companyId?: number | undefined;
  now?: () => number;
  /** How a time in a sentence reads ("sending resumes by itself at …"). */
  formatTime?: (epochMs: number) => string;
}

const waitingOf = (q: QueueCounts | undefined) => (q ? q.due + q.scheduled + q.sending : 0);

export async function dashboardOverview(ctx: AppContext, options: OverviewOptions = {}): Promise<DashboardOverview> {
  const { companyId } = options;
  const now = (options.now ?? Date.now)();
  // The keychain is asynchronous and outside the database: asked once, before the read transaction.
  const companies = await ctx.companies.list();
  const hasKey = new Map(companies.map((company) => [company.id, company.hasApiKey]));
  const isKeyUnreadable = new Set(companies.filter((company) => company.isKeyUnreadable).map((company) => company.id));
  const keychainAnswers = await keychainAnswersFor(companies, ctx.secrets);
  const client = ctx.db.$client;
  // A read-only transaction (DEFERRED: it takes no write lock) so every number comes from one snapshot.
  return client.transaction(() => {
    const summary = ctx.dashboard.summary(companyId, now);
    const { queue, optOutsDue, heldBack, pauses } = ctx.dashboard.queueAndHeldBack(now, companyId);
    // Not `sync.status()`: its counts scan every lead; the aggregates above already have them.
    const sync = ctx.sync.runnerStatus();
    const companyCount = ctx.dashboard.companyCount();
    // The shape `findBlocked` judges (sync:status's companies), from the same read.
    const syncCompanies = pauses.map((pause) => {
      const q = queue.get(pause.companyId) ?? emptyQueue();
      const counts = summary.companies.find((c) => c.companyId === pause.companyId)?.counts;
      return {
        ...pause,
        leads: { new: 0, queued: 0, syncing: 0, synced: 0, failed: 0, dnd: 0, 'do-not-contact': 0, ...counts },
        // The opt-outs too: a block holds them (a paused company's alert says when GHL holds them as well); the block
        // counts them apart from its leads (findBlocked's optOutsWaiting).
        jobs: { queued: q.due + q.scheduled + q.optOuts, running: q.sending, succeeded: 0, failed: 0, cancelled: 0 },
      };
    });
    const blocked = findBlocked(syncCompanies, (id) => hasKey.get(id) ?? false, keychainAnswers, ctx.sync.queries.heldOptOuts(now), new Map([...queue].map(([id, q]) => [id, q.optOuts])), ctx.sync.queries.heldForOthers()).map((block) => ({
      ...block,
      message: describeBlock(block, options.formatTime, { forScreen: true, isAllPaused: sync.runner.state === 'paused' || sync.runner.heldBy?.isPaused === true }),
    }));
    // Companies nothing of whose goes: one whose leads held for another company's GHL are not all it has still sends.
    const blockedIds = new Set(blocked.filter((block) => block.holdsEveryLead).map((block) => block.companyId));
    const heldBackBy = new Map<number, number>();
    for (const batch of heldBack) heldBackBy.set(batch.companyId, (heldBackBy.get(batch.companyId) ?? 0) + batch.count);
    const totalQueue = [...queue.values()].reduce<QueueCounts>(
      (sum, q) => ({ due: sum.due + q.due, scheduled: sum.scheduled + q.scheduled, sending: sum.sending + q.sending, optOuts: sum.optOuts + q.optOuts }),
      emptyQueue(),
    );
    const heldBackTotal = heldBack.reduce((sum, batch) => sum + batch.count, 0);
    const waiting = totalQueue.due + totalQueue.scheduled + totalQueue.sending;
    // Inside this read, so "4,480 scheduled" agrees with the queue counts beside it.
    const plans = new Map(summary.companies.map((company) => [company.companyId, sendPlan(client, ctx.companies.row(company.companyId), now)]));
    // Work the runner can do now: leads in flight, or due for a company that nothing blocks — less the
    // leads waiting for their turn (window, day or cap) when none of them may go yet: "due" only means
    // no retry delay holds them, and saying "About to send" at 06:00 would be untrue. Leads not yet placed
    // in their time zone are work now (the sync worker places them first).
    const dueNow = (companyId: number, due: number) => {
      const plan = plans.get(companyId);
      const isWaitingForTurn = plan !== undefined && (plan.nextSendAt === null || plan.nextSendAt > now) && !hasUnplacedJobs(client, companyId);
      return Math.max(0, due - (isWaitingForTurn ? plan.scheduled : 0));
    };
    // A kind of GHL call failing (call-trouble.ts), asked of companies that send: leads still to go, nothing blocking
    // them (and, above, sending neither paused nor stopped, not offline). "They are tried again by themselves" is said
    // of no one else; the other alerts say the rest.
    // A sync run for some companies only (`rlm sync --company A`) sends no other's leads: those are no work of its.
    const isServed = (companyId: number) => sendsFor(sync.runner, companyId);
    const sendingCompanies = summary.companies
      .filter((company) => waitingOf(queue.get(company.companyId)) > 0 && !blockedIds.has(company.companyId) && isServed(company.companyId))
      .map((company) => ({ id: company.companyId, name: company.name }));
    // Opt-outs due are work now too: they go as soon as they can, whatever the schedule (not one waiting out a retry's delay).
    const dueOf = ([id, q]: [number, QueueCounts]) => q.sending + dueNow(id, q.due) + (optOutsDue.get(id) ?? 0);
    const unblocked = [...queue].filter(([id]) => !blockedIds.has(id));
    const sendable = unblocked.filter(([id]) => isServed(id)).reduce((sum, entry) => sum + dueOf(entry), 0);
    // Every lead of theirs waits for a sync that sends them, due now or not: "Scheduled — At their set times" was untrue.
    const waitingElsewhere = unblocked.filter(([id]) => !isServed(id)).reduce((sum, [, q]) => sum + waitingOf(q) + q.optOuts, 0);
    const callTroubles = isNotSending(sync) ? [] : ctx.dashboard.callTroubles(sendingCompanies, now);
    // The companies whose leads may go now, each held by a failing call its leads wait for: the card says "Waiting for
    // GHL", not "About to send". A company whose leads wait for tomorrow's window is not held by GHL (it is scheduled).
    const held = companiesHeldBy(callTroubles);
    // A company whose window is open now is going too while its leads all wait for a retry's delay: after GHL's errors
    // that is what holds them (the card said "Scheduled — at their set times" under the alert).
    const isWindowOpen = (companyId: number) => {
      const nextSendAt = plans.get(companyId)?.nextSendAt;
      return nextSendAt !== undefined && nextSendAt !== null && nextSendAt <= now;
    };
    const goingNow = [...queue]
      .filter(([id, q]) => !blockedIds.has(id) && isServed(id) && (q.sending + dueNow(id, q.due) > 0 || (waitingOf(q) > 0 && isWindowOpen(id))))
      .map(([id]) => id);
    const isWaitingForGhl = goingNow.length > 0 && goingNow.every((id) => held.has(id));
    return {
      totals: summary.totals,
      queue: totalQueue,
      heldBackTotal,
      heldBack,
      blocked,
      isAllSent: waiting === 0 && totalQueue.optOuts === 0 && heldBackTotal === 0 && blocked.length === 0,
      waiting,
      runner: { ...sync.runner, hasWork: sendable > 0, waitingElsewhere },
      connectivity: sync.connectivity,
      companies: summary.companies.map((company) => {
        const status = pauses.find((c) => c.companyId === company.companyId);
        return {
          companyId: company.companyId,
          name: company.name,
          counts: company.counts,
          queue: queue.get(company.companyId) ?? emptyQueue(),
          heldBack: heldBackBy.get(company.companyId) ?? 0,
          hasApiKey: hasKey.get(company.companyId) ?? false,
          isServed: isServed(company.companyId),
          cannotCallGhl: cannotCallGhl(hasKey.get(company.companyId) ?? false, isKeyUnreadable.has(company.companyId), status, now),
          blocked: blocked.find((block) => block.companyId === company.companyId) ?? null,
          lastSyncAt: status?.lastSyncAt ?? company.lastSyncAt,
          plan: plans.get(company.companyId)!,
        };
      }),
      companyCount,
      failedReasons: summary.failedReasons,
      syncedToday: summary.syncedToday,
      callTroubles,
      isWaitingForGhl,
      warnings: ctx.warnings,
      restoreWaiting: ctx.restoreWaiting(),
    };
  }).deferred();
}
