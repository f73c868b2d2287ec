import { parseArgs } from 'node:util';
import type { SendPlan } from '../../../shared/send-plan';
import type { Backend } from '../../app/backend';
import { isNotSending } from '../../core/dashboard/call-trouble';
import { sendsFor } from '../../../shared/runner-scope';
import { ghlHoldsByCompany } from '../../../shared/ghl-holds';
import { isHourFull, isStalledBySchedule, nearDay, pauseReasonOf, planLine, unreachableFix } from '../../../shared/plan-text';
import { callTroubleDetail, callTroubleOutcome, callTroubleTitle } from '../../../shared/call-trouble-text';
import { resolveSyncConfig, tuningFromEnv } from '../../sync/config';
import { describeBlock, findBlocked, type BlockedCompany } from '../../sync/blocked';
import type { RunnerProgress } from '../../sync/runner';
import { AppError } from '../../core/errors';
import { CliUsageError, table, type Output } from '../output';
import { liftsByItself, type SyncPauseReason } from '../../../shared/sync-pause';
import { counted } from '../../../shared/counted';
import { beginRun, reportedRun } from '../unreported-runs';

export const syncUsage = `rlm sync pause|resume --company NAME_OR_ID   pauses or resumes sending for one company (remembered)
rlm sync unconfirmed [--company NAME_OR_ID]   leads whose enrolment GHL did not confirm (lost answer, timeout,
      crash): check each contact in GHL, then
rlm sync confirm --lead ID   it is enrolled in GHL: mark it so (it is never sent again)
rlm sync resend --lead ID    it is not: send the enrolment once more
rlm sync [--company NAME_OR_ID] [--until-idle] [--timeout SECONDS]
      runs the sync queue in the foreground (progress on stderr); Ctrl-C stops it cleanly. Run for every company, it
      ends the app's Pause all (which the app keeps when it opens again); --company does not.
      --until-idle: keeps going through outages until nothing is left that can go now, then prints
      {"synced","failed","pending","optOutsPending","dnd","unconfirmed","scheduled","unreachable","unreachableByAddress","heldBack","nextSendAt","durationMs","blocked","syncedThisRun","failedThisRun","failureReasons","connectivity","callTroubles"}
      (totals for the selected companies; unreachable: of the scheduled, those no day or hour of the schedule ever lets go (exit 3), unreachableByAddress: of those, the ones whose state and ZIP are on clocks hours apart (correct the address, not the schedule); connectivity: online | offline | unknown at the end of the run; callTroubles: kinds
      of GHL call failing while GHL is reachable, or GHL turning every call away with 429s (isRateLimit), as in rlm status; syncedThisRun: leads sent to GHL
      during this run; failedThisRun: leads that failed during this run (or during an earlier one stopped before its report, e.g. killed), failureReasons: their
      commonest reasons [{"message","leads"}]; unconfirmed: leads (counted in failed) waiting for your check, see rlm sync unconfirmed;
      pending: leads still to go (optOutsPending: opt-outs still to pass to GHL, not in pending);
      scheduled: leads (counted in pending) not in the campaign yet, waiting for their sending window, day or the
      daily cap, which go by themselves, or for GHL to answer again (connectivity offline, or callTroubles); heldBack: leads stored without being queued (import --no-queue), which wait for rlm send;
      nextSendAt: when the first of them may go (ISO time), null when none waits;
      blocked: [{"company","reason","since","until","waiting" (leads),"optOuts","alsoPaused","optOutsHeld","heldFor","heldBecause","heldOnContacts","message"}], reason no-key |
      keychain-unavailable | key-refused | daily-limit | paused-by-user | workflow-missing | shared-customers-unasked (heldFor: the
      companies whose GHL must be asked about those customers first; heldBecause: why it cannot be, null when it did not
      answer; heldOnContacts: it refused or failed the question about those contacts alone: check them there); alsoPaused:
      paused-by-user | workflow-missing | null, a pause that still holds once the block above it is mended; optOutsHeld:
      key-refused | daily-limit | null, under a pause of yours or a missing workflow: GHL also holds the opt-outs that
      the pause lets go).
      Exit codes: 0 everything that could go now went (the rest, if any, is scheduled); 3 leads are left that cannot go without you (blocked, or no time under their schedule lets them go);
      4 stopped at --timeout; 5 done, but leads failed in this run (or GHL did not confirm them): they need you; 1 error, or sending stopped by itself (an error in it, or another
      program took over): the message says which and how many leads wait; 2 bad arguments; 130 interrupted.`;

export const statusUsage = `rlm status [--company NAME_OR_ID] [--json]   counts by lead status and job state, connectivity, runner, and
      per company its sending plan: {"sentToday","unansweredToday" (of sentToday, enrolments GHL has not confirmed: counted
      in case they were texted),"dailyCap","sentThisHour","hourlyCap" (null: none),"scheduled",
      "nextSendAt" (ISO or null),"finishEstimate" (YYYY-MM-DD; null when none waits, when blocked or when nothing is sending)}`;

/**
 * `optOutsOf`: each company's opt-outs among its jobs (a do-not-contact lead's DND on its way to GHL), said apart from
 * the leads to text: "3 pending" and "#1 waiting (3 left)" were said of three STOPs waiting for the connection.
 */
export function describeProgress(p: RunnerProgress, optOutsOf: ReadonlyMap<number, number> = new Map()): string {
  const optOutsIn = (companyId: number, pending: number) => Math.min(pending, optOutsOf.get(companyId) ?? 0);
  const left = (pending: number, optOuts: number) => {
    const leads = pending - optOuts;
    return optOuts === 0 ? `${leads} left` : leads === 0 ? `${counted(optOuts, 'opt-out')} left` : `${leads} left, ${counted(optOuts, 'opt-out')}`;
  };
  // A lane with nothing to do this moment while its leads wait (a retry's pause, the schedule's next hour) is waiting,
  // not idle: "#1 idle (10 left)" during a tag-call outage read as a sync with nothing left to try.
  const companies = p.companies
    .map((c) => `#${c.companyId} ${c.state === 'idle' && c.pending > 0 ? 'waiting' : c.state}${c.pending ? ` (${left(c.pending, optOutsIn(c.companyId, c.pending))})` : ''}`)
    .join(', ');
  const optOuts = p.companies.reduce((sum, c) => sum + optOutsIn(c.companyId, c.pending), 0);
  const pending = `${p.pending - optOuts} pending${optOuts > 0 ? `, ${counted(optOuts, 'opt-out')} to pass to GHL` : ''}`;
  const trouble = p.storageTrouble ? ` — cannot save (${p.storageTrouble.cause}): nothing goes` : '';
  return `sync ${p.state === 'idle' && p.pending > 0 ? 'waiting' : p.state}: ${p.synced} synced, ${p.failed} failed, ${p.dnd} dnd, ${pending}, ${p.leadsPerMinute}/min — ${companies}${trouble}`;
}

/** `rlm sync`'s own options (not a verb's); a bad one is refused before the data folder is looked at (main.ts). */
function runArgs(args: string[]): { company: string | undefined; timeoutMs: number | undefined; isUntilIdle: boolean } {
  const { values } = parseArgs({
    args,
    options: { company: { type: 'string' }, 'until-idle': { type: 'boolean' }, timeout: { type: 'string' } },
    strict: true,
  });
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new CliUsageError('--timeout takes a number of seconds');
  return { company: values.company, timeoutMs, isUntilIdle: values['until-idle'] === true };
}


/** The company a verb names (pause, resume, unconfirmed). */
function companyArgs(args: string[]): { company: string | undefined } {
  const { values } = parseArgs({ args, options: { company: { type: 'string' } }, strict: true });
  return { company: values.company };
}

function pauseArgs(action: 'pause' | 'resume', args: string[]): { company: string } {
  const { company } = companyArgs(args);
  if (!company) throw new CliUsageError(`rlm sync ${action} needs --company NAME_OR_ID`);
  return { company };
}

function leadArgs(action: 'confirm' | 'resend', args: string[]): { leadId: number } {
  const { values } = parseArgs({ args, options: { lead: { type: 'string' } }, strict: true });
  const leadId = Number(values.lead);
  if (!Number.isInteger(leadId) || leadId <= 0) throw new CliUsageError(`rlm sync ${action} needs --lead ID (see rlm sync unconfirmed)`);
  return { leadId };
}

/** Every verb's arguments, judged with no database: a bad one is exit 2 whatever the data folder holds. */
export function checkSyncArgs(args: string[]): void {
  const [verb, ...rest] = args;
  if (verb === 'pause' || verb === 'resume') pauseArgs(verb, rest);
  else if (verb === 'unconfirmed') companyArgs(rest);
  else if (verb === 'confirm' || verb === 'resend') leadArgs(verb, rest);
  else runArgs(args);
}

export function checkStatusArgs(args: string[]): void {
  companyArgs(args);
}

export async function syncCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  if (args[0] === 'pause' || args[0] === 'resume') return pauseCommand(backend, args[0], args.slice(1), out);
  if (args[0] === 'unconfirmed') return unconfirmedCommand(backend, args.slice(1), out);
  if (args[0] === 'confirm' || args[0] === 'resend') return resolveCommand(backend, args[0], args.slice(1), out);
  const { company, timeoutMs, isUntilIdle } = runArgs(args);
  const { ctx } = backend;
  const companyId = company ? ctx.companies.resolve(company).id : undefined;

  const startedAt = Date.now();
  let lastLine = 0;
  // Sending that cannot save (a full disk) is not idle and never becomes so: --until-idle waited for ever (a review).
  // (The context's sync service applies the same RLM_SYNC_TUNING to the run.)
  const { storageGiveUpMs } = resolveSyncConfig(tuningFromEnv());
  let giveUpOnStorage: (outcome: 'storage') => void = () => undefined;
  const storageStalled = new Promise<'storage'>((resolve) => (giveUpOnStorage = resolve));
  const stopProgress = ctx.sync.onProgress((p) => {
    if (isUntilIdle && p.storageTrouble && ctx.sync.now() - p.storageTrouble.since >= storageGiveUpMs) giveUpOnStorage('storage');
    // One line a second is plenty on a terminal.
    if (Date.now() - lastLine < 1_000) return;
    lastLine = Date.now();
    out.progress(describeProgress(p, optOutsWaiting(backend)));
  });
  // Before the runner takes its lock: a signal that came between the two killed the run by its default, the lock kept.
  const interrupted = new Promise<'interrupted'>((resolve) => {
    // SIGHUP: the terminal closed. Its default killed the run without stopping the runner or giving back the lock.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve('interrupted'));
  });
  ctx.sync.start({ companyIds: companyId === undefined ? undefined : [companyId], processLabel: 'the command line (rlm sync)' });
  // Holding the runner lock now: failures (and enrolments GHL did not confirm) are news from when the first run of these
  // companies that never printed its report began (unreported-runs.ts).
  const run = beginRun(ctx.db.$client, startedAt, companyId ?? null);
  const deadline = timeoutMs === undefined ? undefined : startedAt + timeoutMs;
  const finished = async (): Promise<'idle' | 'timeout' | 'stopped'> => {
    for (;;) {
      const result = await ctx.sync.waitForIdle(deadline === undefined ? undefined : Math.max(0, deadline - Date.now()));
      // Without --until-idle an idle queue just waits for more work (a retry coming due, a new import).
      if (result !== 'idle' || isUntilIdle) return result;
    }
  };
  const outcome = await Promise.race([finished(), interrupted, storageStalled]);
  stopProgress();
  // Read while the runner still runs: once stopped, a last "offline" is no longer current (it says unknown).
  const { connectivity, runner } = ctx.sync.runnerStatus();
  await ctx.sync.stop();
  if (outcome === 'storage' && runner.storageTrouble) {
    // Exit 1 with the cause's own code: a script must not read a run that could save nothing as done, or as waiting.
    throw new AppError(runner.storageTrouble.cause, `${runner.storageTrouble.message} Leads still wait: run rlm sync again once it is fixed.`);
  }

  const status = ctx.sync.status(companyId);
  // Opt-outs (a do-not-contact lead's DND on its way to GHL) are jobs too, but not leads to text: counted apart.
  const optOutsOf = optOutsWaiting(backend);
  const optOutsPending = status.companies.reduce((sum, c) => sum + (optOutsOf.get(c.companyId) ?? 0), 0);
  const leadsPending = Math.max(0, status.total.jobs.queued + status.total.jobs.running - optOutsPending);
  if (outcome === 'stopped') {
    // The runner ended by itself (an error in its thread, another program took over): whatever the
    // counts say, this run did not finish, and a script must not read it as done.
    const stop = ctx.sync.lastUnaskedStop;
    throw new AppError(
      stop?.kind === 'taken-over' ? 'locked' : 'internal',
      `${stop?.message ?? 'Sending stopped before it was done.'} ${leadsAndOptOuts(leadsPending, optOutsPending)} still wait${stop?.kind === 'taken-over' ? ' and go from that program' : ': run rlm sync again (the log in the data folder says more)'}.`,
    );
  }
  const blocked = await blockedCompanies(backend, status.companies, optOutsOf);
  const { total } = status;
  // A blocked company's leads go at no time until the user acts: its block says so, not a send time.
  const blockedIds = wholeCompanyBlocks(blocked);
  const allPlans = await sendPlans(backend, status.companies);
  const plans = allPlans.filter(({ plan }) => !blockedIds.has(plan.companyId));
  const stalled = plans.filter(({ plan }) => isStalledBySchedule(plan));
  const thisRun = ctx.sync.queries.failuresSince(run.newsSince, companyId);
  // A kind of GHL call failing while GHL answered the others (its tag endpoint down): why nothing more went, in the
  // words of `rlm status` and the dashboard. Asked of the companies that were sending, unless the connection was down.
  const troubles = connectivity.state === 'offline' ? [] : troublesOfSending(backend, status.companies, blockedIds, ctx.sync.now());
  const failingCalls = [...new Set(troubles.filter((trouble) => !trouble.isRateLimit).map((trouble) => trouble.call))].join(' and ');
  const isRateLimited = troubles.some((trouble) => trouble.isRateLimit);
  const summary = {
    synced: total.leads.synced,
    failed: total.leads.failed,
    pending: leadsPending,
    /** Opt-outs still to pass to GHL (not in pending: "5 pending" counted 2 customers' STOPs as leads to text). */
    optOutsPending,
    dnd: total.leads.dnd,
    unconfirmed: ctx.sync.unconfirmed.count(companyId ?? null),
    // Leads that go by themselves later: a blocked company's go at no time until the user acts (its block says so).
    scheduled: plans.reduce((sum, { plan }) => sum + plan.scheduled, 0),
    /** Of those, the leads no day or hour of their company's schedule ever lets go: why exit 3 when a send time is known (a review). */
    unreachable: plans.reduce((sum, { plan }) => sum + plan.unreachable, 0),
    unreachableByAddress: plans.reduce((sum, { plan }) => sum + plan.unreachableByAddress, 0),
    /** Leads stored without being queued (an import with --no-queue, a group not sent yet): they wait for `rlm send`. */
    heldBack: total.leads.new,
    nextSendAt: isoOrNull(earliestSend(plans.map(({ plan }) => plan))),
    durationMs: Date.now() - startedAt,
    blocked: blocked.map(toBlockedJson),
    /** Leads this run sent (the totals above are of every run: "Everything went: 150 synced" read as this run's). */
    syncedThisRun: ctx.sync.queries.syncedSince(startedAt, companyId),
    failedThisRun: thisRun.failed,
    failureReasons: thisRun.reasons,
    connectivity: connectivity.state,
    callTroubles: troubles,
  };
  // A blocked company's leads wait for its block (said on its own line), not for the connection.
  // Nor do the leads no day or hour of their schedule reaches: no connection lets them go.
  const stalledLeads = new Map(stalled.map(({ plan }) => [plan.companyId, plan.unreachable > 0 ? plan.unreachable : plan.scheduled]));
  const sendingCompanies = status.companies.filter((c) => !blockedIds.has(c.companyId));
  const optOutsForConnection = sendingCompanies.reduce((sum, c) => sum + (optOutsOf.get(c.companyId) ?? 0), 0);
  const waitingForConnection = sendingCompanies.reduce(
    (sum, c) => sum + Math.max(0, c.jobs.queued + c.jobs.running - (optOutsOf.get(c.companyId) ?? 0) - (stalledLeads.get(c.companyId) ?? 0)),
    0,
  );
  const isOffline = connectivity.state === 'offline' && waitingForConnection + optOutsForConnection > 0;
  const offlineLine = `  GoHighLevel could not be reached (last success: ${connectivity.lastSuccessAt ? new Date(connectivity.lastSuccessAt).toISOString() : 'never'}): ${leadsAndOptOuts(waitingForConnection, optOutsForConnection)} wait for the connection. Check the internet and each company's GHL address (rlm company list).`;
  // GHL's request limit lifts by itself, and another company's GHL that did not answer about shared customers is asked
  // again by itself: still exit 3 (nothing more goes in this run), but nobody needs to act.
  const isOnlyWaitingForGhl = blocked.length > 0 && stalled.length === 0 && blocked.every(liftsByItself);
  const hasLimit = blocked.some((block) => block.reason === 'daily-limit');
  const hasShared = blocked.some((block) => block.reason === 'shared-customers-unasked');
  const headline =
    outcome === 'timeout'
      ? runner.storageTrouble
        ? 'Stopped at the timeout while sending could not save to the database'
        : isOffline
        ? 'Stopped at the timeout while GoHighLevel could not be reached'
        : isRateLimited
          ? 'Stopped at the timeout while GoHighLevel turned calls away (too many requests)'
          : troubles.length > 0
            ? `Stopped at the timeout while GoHighLevel’s ${failingCalls} calls kept failing`
            : 'Stopped at the timeout'
      : outcome === 'interrupted'
        ? 'Stopped'
        : isOnlyWaitingForGhl
          ? `Waiting for GHL: ${[
              ...(hasLimit ? ['its request limit was reached'] : []),
              ...(hasShared ? ["another company's GoHighLevel must first say whether shared customers opted out there"] : []),
            ].join(', and ')}, and sending resumes by itself`
          : blocked.length > 0 || stalled.length > 0
          ? 'Stuck: leads are waiting that cannot go without you'
          : thisRun.failed > 0
            ? `Done, but ${thisRun.failed} lead(s) failed in this run and need you`
            : summary.pending + summary.optOutsPending > 0
              ? 'Nothing more can go now'
              : summary.failed > 0
                ? `Done; ${summary.failed} lead(s) failed earlier and still wait for you (the Leads page's Failed filter)`
                : summary.heldBack > 0
                  ? `Everything queued went; ${summary.heldBack} lead(s) held back wait until you send them (rlm send, or Import history)`
                  : 'Everything went';
  out.result(summary, () =>
    [
      `${headline}: ${summary.syncedThisRun} sent to GHL in this run (${Math.round(summary.durationMs / 1000)} s); in all ${summary.synced} synced, ${summary.failed} failed, ${summary.dnd} do-not-disturb, ${summary.pending} pending${summary.optOutsPending > 0 ? `, ${counted(summary.optOutsPending, 'opt-out')} to pass to GHL` : ''}.`,
      ...(outcome === 'timeout' && runner.storageTrouble ? [`  ${runner.storageTrouble.message}`] : []),
      ...thisRun.reasons.map((reason) => `  ${reason.leads} failed: ${reason.message}`),
      ...blocked.map((b) => `  ${describeBlock(b)}`),
      ...troubles.map((trouble) => `  ${callTroubleTitle(trouble, true)}. ${callTroubleDetail(trouble, (at) => new Date(at).toISOString())} ${callTroubleOutcome([trouble])}`),
      // Offline, each plan would say what the connection line says; a schedule stall is still the office's to mend.
      ...(isOffline ? [offlineLine] : []),
      ...plans.filter(({ plan }) => plan.scheduled > 0 && !plan.paused && (!isOffline || isStalledBySchedule(plan))).map(({ name, plan }) => `  ${name}: ${describeScheduled(plan)}`),
      ...(summary.unconfirmed > 0
        ? [`  ${summary.unconfirmed} lead(s) wait for your check: GHL did not confirm their enrolment. See: rlm sync unconfirmed`]
        : []),
    ].join('\n'),
  );
  // Reported: the next run's news begins with it.
  reportedRun(ctx.db.$client, run, companyId ?? null);
  if (outcome === 'timeout') process.exitCode = 4;
  else if (outcome === 'interrupted') process.exitCode = 130;
  else if (blocked.length > 0 || stalled.length > 0) process.exitCode = 3;
  else if (thisRun.failed > 0) process.exitCode = 5;
}

/**
 * Each selected company's sending plan (shared/send-plan.ts) at the sync's clock. Loaded here, not at the
 * top: `rlm --help` reads this file for its usage and must not load the database layer.
 */
async function sendPlans(backend: Backend, companies: SyncStatusCompanies): Promise<Array<{ name: string; plan: SendPlan }>> {
  const { companyPlan } = await import('../../app/plans');
  const now = backend.ctx.sync.now();
  return companies.map((company) => ({ name: company.name, plan: companyPlan(backend.ctx, company.companyId, now) }));
}

/** The first time a scheduled lead of a company that is not paused may go. */
function earliestSend(plans: readonly SendPlan[]): number | null {
  let next: number | null = null;
  for (const plan of plans) {
    if (plan.scheduled === 0 || plan.paused || plan.nextSendAt === null) continue;
    if (next === null || plan.nextSendAt < next) next = plan.nextSendAt;
  }
  return next;
}

/** "250 scheduled, next tomorrow 10:00 EST (cap 50 a day reached)": the day in `rlm status`'s words (it said "next Wed" where status said "today"). */
export function describeScheduled(plan: SendPlan): string {
  const count = `${plan.scheduled.toLocaleString('en-US')} scheduled`;
  // The leads' own addresses (state and ZIP on clocks hours apart) keep some: the schedule is not what to check for those.
  const fix = plan.unreachableByAddress > 0 ? unreachableFix(plan) : "check its days, hours and the leads' states";
  const reason = plan.unreachableByAddress > 0 && plan.unreachableByAddress >= plan.unreachable ? ', as no hour is legal on both their state’s and their ZIP’s clocks' : ' under the current schedule';
  if (plan.nextSendAt === null) return `${count}: none can go${reason} (${fix})`;
  const why = plan.sentToday >= plan.dailyCap ? ` (cap ${plan.dailyCap} a day reached)` : isHourFull(plan) ? ` (${plan.hourlyCap} an hour reached)` : '';
  const never = plan.unreachable > 0 ? `; ${plan.unreachable.toLocaleString('en-US')} of them can never go${reason} (${fix})` : '';
  return `${count}, next ${nearDay(plan)}${why}${never}`;
}

async function unconfirmedCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const { company } = companyArgs(args);
  const companyId = company ? backend.ctx.companies.resolve(company).id : null;
  const leads = backend.ctx.sync.unconfirmed.list(companyId);
  out.result({ leads }, () =>
    leads.length === 0
      ? 'No enrolment waits for a check.'
      : [
          'GHL did not confirm these enrolments. Check each contact in GHL, then: rlm sync confirm --lead ID (it is enrolled) or rlm sync resend --lead ID (it is not).',
          table(
            leads.map((l) => ({ lead: l.leadId, name: [l.firstName, l.lastName].filter(Boolean).join(' '), phone: l.phone ?? '', email: l.email ?? '', contact: l.contactId, workflow: l.target, sent: new Date(l.sentAt).toISOString() })),
            ['lead', 'name', 'phone', 'email', 'contact', 'workflow', 'sent'],
          ),
        ].join('\n'),
  );
}

async function resolveCommand(backend: Backend, action: 'confirm' | 'resend', args: string[], out: Output): Promise<void> {
  const { leadId } = leadArgs(action, args);
  const result = backend.ctx.sync.resolveUnconfirmed(leadId, action);
  out.result(result, () =>
    action === 'confirm'
      ? `Lead ${leadId}: marked enrolled. Its contact is updated on the next sync; it is never enrolled again.`
      : `Lead ${leadId}: queued to be enrolled once more on the next sync.`,
  );
}

/** A remembered per-company pause, the same one as the dashboard's Pause button. */
async function pauseCommand(backend: Backend, action: 'pause' | 'resume', args: string[], out: Output): Promise<void> {
  const company = backend.ctx.companies.resolve(pauseArgs(action, args).company);
  if (action === 'pause') backend.ctx.sync.pause(company.id);
  else backend.ctx.sync.resume(company.id);
  const row = backend.ctx.sync.status(company.id).companies[0];
  const pausedReason = row?.pausedReason ?? null;
  // The pause lets opt-outs go (CompanyLane.optOutRound), but only with a key to call GHL with.
  const hasKey = pausedReason === 'user' && (await backend.ctx.companies.list()).some((listed) => listed.id === company.id && listed.hasApiKey);
  const optOuts = hasKey ? 'a customer who opts out still gets do-not-disturb there' : 'once it has an API key, a customer who opts out gets do-not-disturb there all the same';
  out.result({ company: company.name, pausedReason }, () =>
    pausedReason === 'user'
      ? `${company.name}: paused. No lead is sent to GHL for it until you resume (rlm sync resume --company "${company.name}"); ${optOuts}.`
      : pausedReason
        ? `${company.name}: not paused by you, but waiting: ${pauseLabel(pausedReason, undefined)}.`
        : `${company.name}: sending.`,
  );
}

/** The keychain is asked once per company: a company without a key is blocked whatever else holds. */
/** `optOutsOf`: optOutsWaiting(), when the caller has read it already. */
async function blockedCompanies(backend: Backend, companies: SyncStatusCompanies, optOutsOf: ReadonlyMap<number, number> = optOutsWaiting(backend)): Promise<BlockedCompany[]> {
  const listed = await backend.ctx.companies.list();
  const withKey = new Set(listed.filter((c) => c.hasApiKey).map((c) => c.id));
  // Loaded here, not at the top: `rlm --help` loads this module and must not load the keychain library.
  const { keychainAnswersFor } = await import('../../core/secrets/secret-store');
  const keychainAnswers = await keychainAnswersFor(listed, backend.ctx.secrets);
  return findBlocked(companies, (id) => withKey.has(id), keychainAnswers, backend.ctx.sync.queries.heldOptOuts(), optOutsOf, backend.ctx.sync.queries.heldForOthers());
}

/** Each company's opt-outs on their way to GHL (counted apart from its leads: "5 leads waiting" counted 2 STOPs). */
function optOutsWaiting(backend: Backend, now = Date.now()): Map<number, number> {
  return new Map([...backend.ctx.dashboard.queue(now).queue].map(([id, q]) => [id, q.optOuts]));
}

/** "3 lead(s)", "3 lead(s) and 2 opt-out(s)", "2 opt-out(s)": before "wait", as the lines around them say it. */
const leadsAndOptOuts = (leads: number, optOuts: number) => {
  const withS = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}(s)`;
  return optOuts === 0 ? withS(leads, 'lead') : leads === 0 ? withS(optOuts, 'opt-out') : `${withS(leads, 'lead')} and ${withS(optOuts, 'opt-out')}`;
};

type SyncStatusCompanies = ReturnType<Backend['ctx']['sync']['status']>['companies'];

/** The kinds of GHL call failing (call-trouble.ts) of the companies with leads to go that nothing the office must do blocks. */
function troublesOfSending(backend: Backend, companies: SyncStatusCompanies, blockedIds: ReadonlySet<number>, now: number, servedBy: { companyIds: number[] | null } = { companyIds: null }) {
  const sending = companies.filter((company) => company.jobs.queued + company.jobs.running > 0 && !blockedIds.has(company.companyId) && sendsFor(servedBy, company.companyId));
  return backend.ctx.dashboard.callTroubles(sending.map((company) => ({ id: company.companyId, name: company.name })), now);
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The companies nothing of whose goes (BlockedCompany.holdsEveryLead): their plans, troubles and counts are left out. */
const wholeCompanyBlocks = (blocked: readonly BlockedCompany[]): Set<number> => new Set(blocked.filter((block) => block.holdsEveryLead).map((block) => block.companyId));

function toBlockedJson(block: BlockedCompany) {
  return { company: block.company, reason: block.reason, since: isoOrNull(block.since), until: isoOrNull(block.until), waiting: block.waiting, optOuts: block.optOuts, alsoPaused: block.alsoPaused, optOutsHeld: block.optOutsHeld ?? null, heldFor: block.heldFor ?? null, heldBecause: block.heldBecause ?? null, heldOnContacts: block.heldOnContacts ?? false, message: describeBlock(block) };
}

/**
 * What `rlm status --json` prints: sync:status, the blocked companies and, per company, its send plan
 * (today's count against the cap, what waits, when the next lead goes, the finish day) read at `now`.
 */
export async function readStatus(backend: Backend, companyId: number | undefined, now: number = Date.now()) {
  const { ctx } = backend;
  // Loaded here, not at the top: `rlm --help` loads this module and must not load the database layer.
  const { companyPlan } = await import('../../app/plans');
  const status = ctx.sync.status(companyId);
  const blocked = await blockedCompanies(backend, status.companies);
  const keyBlocks = new Map(blocked.filter((block) => block.reason === 'no-key' || block.reason === 'keychain-unavailable').map((block) => [block.companyId, block.reason]));
  const blockedIds = wholeCompanyBlocks(blocked);
  // This process does not send; another one may (the app, an rlm sync), and holds the runner lock then.
  const { heldBy } = status.runner;
  const notSending = heldBy?.isPaused
    ? `sending is paused in ${heldBy.process} (pid ${heldBy.pid}): resume it there`
    : heldBy === null && status.runner.state === 'stopped'
      ? 'nothing is sending: start the app or rlm sync'
      : null;
  // Only while something sends: with nothing running, "start the app or rlm sync" is the news, not the last connection.
  const isOffline = status.connectivity.state === 'offline' && notSending === null;
  // A kind of GHL call failing while GHL is reachable (its tag endpoint down), as the dashboard says it: of companies
  // that send (leads to go, not blocked), and not while offline or while nothing sends (those lines say it then).
  const callTroubles = isNotSending(status) ? [] : troublesOfSending(backend, status.companies, blockedIds, now, status.runner);
  // An opt-out's do-not-disturb call failing holds no lead back: the plan still says when they go.
  const heldByGhl = ghlHoldsByCompany(callTroubles);
  // The program that holds the runner paused all sending (the dashboard's Pause): no lead goes until it resumes, as the
  // dashboard's plans say. "next: tomorrow 09:00 · done by Jan 14" was said of leads nothing would send (leads due now
  // read "due now, but sending is paused in …: resume it there", which names the program).
  const isAllPaused = heldBy?.isPaused === true;
  // A sync that runs for other companies only (`rlm sync --company A`, another program's or this one's) sends none of
  // this one's leads, whatever its pause says.
  const otherCompaniesOnly = `nothing is sending it: ${heldBy ? `${heldBy.process} (pid ${heldBy.pid})` : 'the sync running here'} sends other companies only`;
  const companies = status.companies.map((company) => {
    const plan = companyPlan(ctx, company.companyId, now);
    const isServed = sendsFor(status.runner, company.companyId);
    const notSendingThis = isServed ? notSending : otherCompaniesOnly;
    // Blocked (no key, key refused, paused, GHL's daily limit): no lead goes at any time until that changes.
    const isBlocked = blockedIds.has(company.companyId) || (isAllPaused && isServed);
    return {
      ...company,
      sentToday: plan.sentToday,
      unansweredToday: plan.unansweredToday,
      dailyCap: plan.dailyCap,
      sentThisHour: plan.sentThisHour,
      hourlyCap: plan.hourlyCap,
      scheduled: plan.scheduled,
      nextSendAt: isBlocked ? null : isoOrNull(plan.nextSendAt),
      // With nothing sending (no app, no rlm sync) no day is promised, as the words say ("next: …, but nothing is
      // sending"): the JSON still gave the finish day a script would print.
      finishEstimate: isBlocked || notSendingThis !== null ? null : plan.finishEstimate,
      /** The plan in words ("62 of 100 today · next: Tue 10:00 CST · 4,480 scheduled, done by Jan 14"). */
      // GHL out of reach holds every company as the app's plans say (use-sending-hold.ts): "sending now" was untrue.
      plan: planLine(plan, (keyBlocks.get(company.companyId) === 'keychain-unavailable' ? 'keychain' : pauseReasonOf(company.pausedReason, !keyBlocks.has(company.companyId))) ?? (isAllPaused && isServed && plan.nextSendText !== 'now' ? 'all-paused' : isOffline && notSendingThis === null ? 'offline' : (heldByGhl.get(company.companyId) ?? null)), {
        notSending: notSendingThis,
      }),
    };
  });
  // The data folder's own warnings (an opt-out list a restore could not carry over): stderr has them too.
  return { status: { ...status, companies, blocked: blocked.map(toBlockedJson), callTroubles, warnings: ctx.warnings, restoreWaiting: ctx.restoreWaiting() }, blocked };
}

export async function statusCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const { company } = companyArgs(args);
  const companyId = company ? backend.ctx.companies.resolve(company).id : undefined;
  const { status, blocked } = await readStatus(backend, companyId);
  const blockById = new Map(blocked.map((b) => [b.companyId, b]));
  out.result(status, () => {
    const { heldBy } = status.runner;
    const runner = heldBy ? `${heldBy.isPaused ? 'paused' : 'running'} in process ${heldBy.pid} (${heldBy.process})` : status.runner.state;
    // Jobs "being sent" with no sync running: a sync was killed or crashed mid-send. Not "sending now".
    const orphaned = status.runner.heldBy === null && status.runner.state !== 'running' ? status.total.jobs.running : 0;
    // Of those, customers' opt-outs (their DND on its way to GHL): counted apart from the leads, as everywhere.
    const orphanedLeads = orphaned === 0 ? 0 : [...backend.ctx.dashboard.queue(Date.now(), companyId).queue.values()].reduce((sum, q) => sum + q.sending, 0);
    const rows = status.companies.map((c) => ({
      company: c.name,
      paused: pauseLabel(c.pausedReason, blockById.get(c.companyId)?.reason),
      ...c.leads,
      'jobs queued': c.jobs.queued,
      'jobs failed': c.jobs.failed,
    }));
    return [
      // First: every figure below is of the database the backup is about to replace.
      ...(status.restoreWaiting ? [status.restoreWaiting] : []),
      `Sync runner: ${runner}. Connectivity: ${connectivityText(status.connectivity)}`,
      table(rows, ['company', 'paused', 'new', 'queued', 'syncing', 'synced', 'failed', 'dnd', 'do-not-contact', 'jobs queued', 'jobs failed']),
      ...status.companies.map((c) => `${c.name}: ${c.plan}`),
      ...blocked.map((b) => describeBlock(b, undefined, { isAllPaused: heldBy?.isPaused === true })),
      ...status.callTroubles.map((trouble) => `${callTroubleTitle(trouble, true)}. ${callTroubleDetail(trouble, (at) => new Date(at).toISOString())} ${callTroubleOutcome([trouble])}`),
      ...(orphaned > 0
        ? [`${leadsAndOptOuts(orphanedLeads, orphaned - orphanedLeads)} were being sent by a sync that stopped (killed or crashed): nothing is sending them now. The next rlm sync (or the app) asks GHL what became of them first, and sends nothing twice.`]
        : []),
    ].join('\n');
  });
}

/** "online (last success …)"; with no sync running, that nothing checks now and what the last sync found. */
function connectivityText(connectivity: ReturnType<Backend['ctx']['sync']['status']>['connectivity']): string {
  const lastSuccess = connectivity.lastSuccessAt ? `last success ${new Date(connectivity.lastSuccessAt).toISOString()}` : null;
  const found = connectivity.lastState === 'online' ? 'reached GHL' : connectivity.lastState === 'offline' ? 'could not reach GHL' : null;
  if (connectivity.state === 'unknown' && found) return `not checked now, no sync runs (the last one ${found}${lastSuccess ? `; ${lastSuccess}` : ''})`;
  return `${connectivity.state}${lastSuccess ? ` (${lastSuccess})` : ''}`;
}

/** The pause column: why the company does not send, in words; blank when it sends. */
function pauseLabel(pausedReason: SyncPauseReason | null, block: BlockedCompany['reason'] | undefined): string {
  if (block === 'no-key') return 'no API key';
  if (block === 'keychain-unavailable') return 'keychain did not answer';
  switch (pausedReason) {
    case 'user':
      return 'paused by you';
    case 'auth':
      return 'key refused by GHL';
    case 'daily-limit':
      return 'GHL request limit';
    case 'workflow-missing':
      return 'workflow gone from GHL';
    default:
      return '';
  }
}
