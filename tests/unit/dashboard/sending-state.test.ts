import { isStalledBySchedule } from '../../../shared/plan-text';
import { describe, expect, it } from 'vitest';
import type { DashboardOverview } from '../../../shared/ipc/dashboard';
import { isNothingSending, pacedFinish, sendingView, waitingAtSpeed } from '../../../renderer/src/pages/dashboard/sending-state';

const zeroCounts = { new: 0, queued: 0, syncing: 0, synced: 0, failed: 0, dnd: 0, 'do-not-contact': 0 };

type CompanyRow = DashboardOverview['companies'][number];
type CompanyPlanPatch = Partial<CompanyRow['plan']>;

/** One company's row of the overview: Summit, 100 a day, nothing sent today, no next send, with the given changes. */
const companyRow = (row: Partial<CompanyRow>, plan: CompanyPlanPatch): CompanyRow => ({
  companyId: 1,
  name: 'Summit',
  counts: zeroCounts,
  queue: { due: 0, scheduled: 0, sending: 0, optOuts: 0 },
  heldBack: 0,
  hasApiKey: true,
  isServed: true,
  cannotCallGhl: null,
  blocked: null,
  lastSyncAt: null,
  ...row,
  plan: {
    companyId: 1,
    timeZone: 'America/Chicago',
    dailyCap: 100,
    hourlyCap: null,
    sentToday: 0,
    unansweredToday: 0,
    sentThisHour: 0,
    scheduled: 0,
    unreachable: 0,
    unreachableByAddress: 0,
    paused: false,
    nextSendAt: null,
    finishEstimate: null,
    nextSendText: 'not scheduled',
    finishText: null,
    days: [],
    ...plan,
  },
});

function overview(patch: Partial<Omit<DashboardOverview, 'runner'>> & { runner?: Partial<DashboardOverview['runner']> } = {}): DashboardOverview {
  const { runner, ...rest } = patch;
  return {
    totals: { ...zeroCounts, synced: 40 },
    queue: { due: 0, scheduled: 0, sending: 0, optOuts: 0 },
    heldBackTotal: 0,
    heldBack: [],
    blocked: [],
    isAllSent: true,
    waiting: 0,
    runner: { state: 'idle', heldBy: null, companyIds: null, hasWork: false, waitingElsewhere: 0, stoppedBy: null, storageTrouble: null, ...runner },
    connectivity: { state: 'online', lastSuccessAt: 1 },
    companies: [],
    companyCount: 1,
    failedReasons: [],
    syncedToday: 40,
    callTroubles: [],
    isWaitingForGhl: false,
    warnings: [],
    restoreWaiting: null,
    ...rest,
  };
}

describe('"Sending to GHL" says what the runner and the counts say', () => {
  it('says sending cannot save, not "Sending", while the database refuses its writes (a full disk)', () => {
    const storageTrouble = { cause: 'disk-full' as const, since: 1, message: 'Sending has stopped: the disk … is full.' };
    const view = sendingView(overview({ isAllSent: false, waiting: 90, runner: { state: 'running', hasWork: true, storageTrouble } }), 'online');
    expect(view).toMatchObject({ label: 'Cannot save', color: 'red', isSending: false, isHeld: true, doneBy: 'When fixed' });
    // Paused, it sends nothing whatever the disk does: "Cannot save … starts again by itself" would be untrue then.
    expect(sendingView(overview({ isAllSent: false, waiting: 90, runner: { state: 'paused', hasWork: true, storageTrouble } }), 'online')).toMatchObject({ label: 'Paused' });
  });

  it('is not "Sending" once nothing is left, even while the runner still reports running', () => {
    // The old card took "running" from the last progress event and kept it, with a falling speed, after the sync finished.
    const view = sendingView(overview({ runner: { state: 'running', hasWork: false } }), 'online');
    expect(view).toMatchObject({ label: 'Up to date', isSending: false, waiting: 0, doneBy: 'All sent' });
  });

  // The plan and the "Being sent" card take it as their hold: nothing sends, here or in another program.
  it('says nothing sends only when this runner stopped and no other program holds the lock', () => {
    const runner = overview().runner;
    expect(isNothingSending({ ...runner, state: 'stopped', heldBy: null })).toBe(true);
    expect(isNothingSending({ ...runner, state: 'stopped', heldBy: { pid: 7, process: 'the command line (rlm sync)', isPaused: false } })).toBe(false);
    expect(isNothingSending({ ...runner, state: 'idle', heldBy: null })).toBe(false);
  });

  it('is "Sending" only while the runner runs and has leads it can send', () => {
    const busy = overview({ isAllSent: false, waiting: 12, queue: { due: 10, scheduled: 0, sending: 2, optOuts: 0 }, runner: { state: 'running', hasWork: true } });
    expect(sendingView(busy, 'online')).toMatchObject({ label: 'Sending', isSending: true, waiting: 12 });
  });

  // `rlm sync --company A` held the runner while only company B had leads to go: the card said "Sending".
  it('is "Stopped" when the running sync sends other companies only and only theirs could go now', () => {
    const heldBy = { pid: 7, process: 'the command line (rlm sync)', isPaused: false };
    const bWaits = overview({ isAllSent: false, waiting: 5, queue: { due: 5, scheduled: 0, sending: 0, optOuts: 0 }, runner: { state: 'stopped', heldBy, companyIds: [1], hasWork: false, waitingElsewhere: 5 } });
    expect(sendingView(bWaits, 'online')).toMatchObject({ label: 'Stopped', doneBy: 'When started', isHeld: true, isSending: false });
    // A's leads going beside them: "Sending" (A's are), as before.
    expect(sendingView({ ...bWaits, runner: { ...bWaits.runner, hasWork: true } }, 'online')).toMatchObject({ label: 'Sending' });
    // B's leads all wait for tomorrow's window: still nothing sends them ("Scheduled — At their set times" was untrue).
    const bTomorrow = { ...bWaits, queue: { due: 0, scheduled: 5, sending: 0, optOuts: 0 } };
    expect(sendingView(bTomorrow, 'online')).toMatchObject({ label: 'Stopped', doneBy: 'When started' });
  });

  it('waits on the user, not "All sent", when leads are blocked, scheduled or held back', () => {
    const blocked = overview({
      isAllSent: false,
      waiting: 9,
      queue: { due: 9, scheduled: 0, sending: 0, optOuts: 0 },
      blocked: [{ companyId: 1, company: 'Birch Roofs', reason: 'no-key', since: null, until: null, waiting: 9, optOuts: 0, alsoPaused: null, holdsEveryLead: true, message: '…' }],
    });
    expect(sendingView(blocked, 'online')).toMatchObject({ label: 'Needs you', isSending: false, waiting: 9 });
    // GHL's daily limit alone lifts by itself: a wait for GHL, not a person's stall (its alert says "resumes by itself at …").
    const limited = { ...blocked.blocked[0]!, reason: 'daily-limit' as const, until: 1 };
    expect(sendingView({ ...blocked, blocked: [limited] }, 'online')).toMatchObject({ label: 'Waiting for GHL', doneBy: 'When GHL’s limit lifts' });
    expect(sendingView({ ...blocked, blocked: [limited, blocked.blocked[0]!] }, 'online')).toMatchObject({ label: 'Needs you' });
    // Leads held for another company's GHL beside others that go at their times: the card goes on as for those (a review:
    // "Needs you · Not until fixed" over 4,000 leads going); all the company has waiting held, it needs someone.
    const heldSome = { ...blocked.blocked[0]!, reason: 'shared-customers-unasked' as const, waiting: 2, heldFor: ['Alder'], holdsEveryLead: false };
    expect(sendingView({ ...blocked, queue: { due: 0, scheduled: 9, sending: 0, optOuts: 0 }, blocked: [heldSome] }, 'online')).toMatchObject({ label: 'Scheduled' });
    expect(sendingView({ ...blocked, blocked: [{ ...heldSome, waiting: 9, holdsEveryLead: true, heldBecause: 'no-key' as const }] }, 'online')).toMatchObject({ label: 'Needs you' });
    // The other company's GHL did not answer: that passes by itself ("Needs you · Not until fixed" was untrue of it).
    expect(sendingView({ ...blocked, blocked: [{ ...heldSome, waiting: 9, holdsEveryLead: true, heldBecause: null }] }, 'online')).toMatchObject({ label: 'Waiting for GHL', doneBy: 'When GHL answers' });
    // The office's own pause of a company reads as sending paused as a whole does, not as a breakdown: it said "Needs
    // you … Not until fixed" (a review). Beside a company that needs a key, the key still needs someone.
    const pausedByOffice = { ...blocked.blocked[0]!, reason: 'paused-by-user' as const };
    expect(sendingView({ ...blocked, blocked: [pausedByOffice] }, 'online')).toMatchObject({ label: 'Paused', color: 'yellow', doneBy: 'When resumed', isHeld: true });
    expect(sendingView({ ...blocked, blocked: [pausedByOffice, blocked.blocked[0]!] }, 'online')).toMatchObject({ label: 'Needs you', doneBy: 'Not until fixed' });
    // Another company's leads wait for their hours beside it: they go without anyone resuming, so not "When resumed",
    // and nothing is broken either: their set times.
    expect(sendingView({ ...blocked, waiting: 12, blocked: [pausedByOffice] }, 'online')).toMatchObject({ label: 'Scheduled', doneBy: 'At their set times' });
    // The paused company holds only 3 opt-outs (a block counts them apart from its leads), beside another's 3 leads due
    // tomorrow: those go at their set times, with no one resuming anything (a review: it read "Paused — When resumed").
    const optOutsOnly = { ...pausedByOffice, waiting: 0, optOuts: 3, optOutsHeld: 'key-refused' as const };
    const pausedOptOuts = companyRow({ companyId: 1, name: 'Birch Roofs', queue: { due: 0, scheduled: 0, sending: 0, optOuts: 3 } }, {});
    expect(sendingView({ ...blocked, waiting: 3, blocked: [optOutsOnly], companies: [pausedOptOuts] }, 'online')).toMatchObject({ label: 'Scheduled' });
    // Beside it, another company's leads no day or hour of its schedule reaches (a Sunday-only schedule for Mississippi):
    // that one waits on a person. The card said "Waiting for GHL … When GHL’s limit lifts", as if the wait ended by itself.
    const stalled = companyRow({ companyId: 2, name: 'Gulf Roofs' }, { companyId: 2, scheduled: 4, nextSendAt: null });
    expect(isStalledBySchedule(stalled.plan)).toBe(true);
    expect(sendingView({ ...blocked, blocked: [limited], companies: [stalled] }, 'online')).toMatchObject({ label: 'Needs you', color: 'red', doneBy: 'Check the schedule' });
    expect(sendingView(overview({ isAllSent: false, waiting: 3, queue: { due: 0, scheduled: 3, sending: 0, optOuts: 0 } }), 'online')).toMatchObject({ label: 'Scheduled' });
    // Due (no retry delay) but waiting for their window, day or cap: main says there is no work now.
    expect(sendingView(overview({ isAllSent: false, waiting: 6, queue: { due: 6, scheduled: 0, sending: 0, optOuts: 0 } }), 'online')).toMatchObject({
      label: 'Scheduled',
      doneBy: 'At their set times',
    });
    expect(sendingView(overview({ isAllSent: false, heldBackTotal: 5 }), 'online')).toMatchObject({ label: 'Waiting for you', waiting: 0, doneBy: 'When you press Send' });
  });

  // Every lead failed (GHL refused them, or never confirmed an enrolment): the card said a green "Up to date",
  // "All sent", over a full bar.
  it('failed leads are never "All sent": the card says they failed, in red', () => {
    const failedOnly = overview({ totals: { ...zeroCounts, failed: 3 }, syncedToday: 0 });
    expect(sendingView(failedOnly, 'online')).toMatchObject({ label: '3 failed', color: 'red', doneBy: 'See Failed leads' });
    expect(sendingView(overview({ totals: { ...zeroCounts, synced: 40, failed: 1 } }), 'online')).toMatchObject({ label: '1 failed', color: 'red' });
    expect(sendingView(overview({ totals: { ...zeroCounts, failed: 3 }, runner: { state: 'stopped' } }), 'online')).toMatchObject({ label: '3 failed' });
  });

  it('paused with nothing waiting but failed leads is not "All sent"', () => {
    expect(sendingView(overview({ totals: { ...zeroCounts, synced: 40, failed: 2 }, runner: { state: 'paused' } }), 'online')).toMatchObject({ label: 'Paused', doneBy: 'See Failed leads' });
    expect(sendingView(overview({ totals: { ...zeroCounts, synced: 40 }, runner: { state: 'paused' } }), 'online')).toMatchObject({ label: 'Paused', doneBy: 'All sent' });
  });

  it('a company without any lead is not "All sent"', () => {
    expect(sendingView(overview({ totals: zeroCounts, syncedToday: 0 }), 'online')).toMatchObject({ label: 'No leads yet', doneBy: '—' });
  });

  it('offline with leads waiting says so; a stopped runner is "Stopped"', () => {
    expect(sendingView(overview({ isAllSent: false, waiting: 4, queue: { due: 4, scheduled: 0, sending: 0, optOuts: 0 }, runner: { hasWork: true } }), 'offline')).toMatchObject({
      label: 'Offline',
      doneBy: 'When online',
    });
    // Only opt-outs wait to reach GHL (no lead to send): they wait for the connection all the same.
    expect(sendingView(overview({ isAllSent: false, waiting: 0, queue: { due: 0, scheduled: 0, sending: 0, optOuts: 3 }, runner: { hasWork: true } }), 'offline')).toMatchObject({ label: 'Offline' });
    expect(sendingView(overview({ isAllSent: false, waiting: 4, runner: { state: 'stopped', hasWork: true } }), 'online')).toMatchObject({ label: 'Stopped', color: 'gray' });
    // Stopped by an error, not by the user: red, a fault to see to.
    const failed = overview({ isAllSent: false, waiting: 4, runner: { state: 'stopped', hasWork: true, stoppedBy: 'Sending stopped on an error: database is locked' } });
    expect(sendingView(failed, 'online')).toMatchObject({ label: 'Stopped', color: 'red' });
  });

  // The call-trouble screenshot: "GoHighLevel fails to add the campaign tag…" above, "About to send" on the card below it.
  // Main judges which companies GHL holds (dashboard-overview.ts isWaitingForGhl; tests/integration/sync/call-trouble.test.ts).
  it('is "Waiting for GHL" while main says every company whose leads may go waits for a failing GHL call', () => {
    const stuck = overview({ isAllSent: false, waiting: 4, queue: { due: 4, scheduled: 0, sending: 0, optOuts: 0 }, runner: { hasWork: true }, isWaitingForGhl: true });
    expect(sendingView(stuck, 'online')).toMatchObject({ label: 'Waiting for GHL', color: 'orange', isSending: false, isHeld: true, doneBy: 'When GHL answers' });
    // Trying them (a call hangs meanwhile) is no more sending.
    expect(sendingView({ ...stuck, runner: { ...stuck.runner, state: 'running' } }, 'online')).toMatchObject({ label: 'Waiting for GHL' });
    // Not held (another company's leads go, or the failing call is an opt-out's): sending.
    expect(sendingView({ ...stuck, isWaitingForGhl: false, runner: { ...stuck.runner, state: 'running' } }, 'online')).toMatchObject({ label: 'Sending', isSending: true });
    // Paused and offline say their own thing.
    expect(sendingView({ ...stuck, runner: { ...stuck.runner, state: 'paused' } }, 'online')).toMatchObject({ label: 'Paused' });
    expect(sendingView(stuck, 'offline')).toMatchObject({ label: 'Offline' });
  });

  it('another program that holds the runner and has work is sending', () => {
    const other = overview({ isAllSent: false, waiting: 4, runner: { state: 'stopped', hasWork: true, heldBy: { pid: 42, process: 'the command line (rlm sync)', isPaused: false } } });
    expect(sendingView(other, 'online')).toMatchObject({ label: 'Sending', isSending: true });
    // …unless it paused all its sending: it holds the runner and sends nothing.
    const paused = overview({ isAllSent: false, waiting: 4, runner: { state: 'stopped', hasWork: true, heldBy: { pid: 42, process: 'the desktop app', isPaused: true } } });
    expect(sendingView(paused, 'online')).toMatchObject({ label: 'Paused', isSending: false, doneBy: 'When resumed' });
  });
});

describe('"Done by" when the daily caps spread the queue over days', () => {
  const sending = { isHeld: false };
  // Leads that go by themselves have a next send time (a plan without one is stalled by its schedule).
  const company = (plan: CompanyPlanPatch) =>
    companyRow({ queue: { due: 0, scheduled: 0, sending: 0, optOuts: 0 } }, { scheduled: 0, nextSendAt: Date.UTC(2026, 10, 30, 15), days: [{ day: '2026-11-30', weekday: 0, capacity: 100, count: 0 }], ...plan });

  it('is the latest finish day of the companies with leads waiting, when it is after today', () => {
    const soon = company({ scheduled: 300, finishEstimate: '2026-12-02', finishText: 'Dec 2' });
    const later = company({ scheduled: 4480, finishEstimate: '2027-01-14', finishText: 'Jan 14, 2027' });
    expect(pacedFinish([soon, later], sending)).toEqual({ text: 'Jan 14, 2027', leftOut: 0, isToday: false });
    expect(pacedFinish([soon], sending)).toEqual({ text: 'Dec 2', leftOut: 0, isToday: false });
  });

  // A status review found "Done by —" beside the plan's "41 scheduled, done today" while no speed was measured yet.
  it('is "Today" when everything waiting goes today (the speed-based time replaces it once known); null when nothing waits', () => {
    expect(pacedFinish([company({ scheduled: 40, finishEstimate: '2026-11-30', finishText: 'Nov 30' })], sending)).toEqual({ text: 'Today', leftOut: 0, isToday: true });
    // A later day of another company wins over today.
    const later = company({ scheduled: 300, finishEstimate: '2026-12-02', finishText: 'Dec 2' });
    expect(pacedFinish([company({ scheduled: 40, finishEstimate: '2026-11-30', finishText: 'Nov 30' }), later], sending)).toEqual({ text: 'Dec 2', leftOut: 0, isToday: false });
    expect(pacedFinish([company({})], sending)).toBeNull();
  });

  // Two companies without a key: "Done by Dec 3" beside "nothing goes until one is saved".
  it('leaves out a company whose leads cannot go without the user (no key, paused, key refused)', () => {
    const block = { companyId: 1, company: 'Summit', reason: 'no-key', waiting: 300, optOuts: 0, since: null, until: null, alsoPaused: null, holdsEveryLead: true, message: 'no key' } as const;
    const blocked = { ...company({ scheduled: 300, finishEstimate: '2026-12-03', finishText: 'Dec 3' }), blocked: block };
    expect(pacedFinish([blocked], sending)).toBeNull();
    const noKey = { ...company({ scheduled: 300, finishEstimate: '2026-12-03', finishText: 'Dec 3' }), hasApiKey: false };
    expect(pacedFinish([noKey], sending)).toBeNull();
    // Beside a company that can go, its leads are said to be left out of the day.
    const goes = company({ scheduled: 300, finishEstimate: '2026-12-02', finishText: 'Dec 2' });
    expect(pacedFinish([goes, noKey], sending)).toEqual({ text: 'Dec 2', leftOut: 300, isToday: false });
    // A company the running sync does not send (`rlm sync --company` for another): left out too, not its day (a review:
    // "Sending · Done by Dec 20" was B's day, with nothing sending B).
    const unserved = { ...company({ scheduled: 900, finishEstimate: '2026-12-20', finishText: 'Dec 20' }), isServed: false };
    expect(pacedFinish([goes, unserved], sending)).toEqual({ text: 'Dec 2', leftOut: 900, isToday: false });
  });

  // Leads held for another company's GHL hold those alone: the company's other leads keep their day ("Done by Today"
  // stood over a company whose one waiting lead was held, and leaving the whole company out hid the day of the rest).
  it('leaves out only the leads held for another company’s GHL', () => {
    const held = (waiting: number) => ({ companyId: 1, company: 'Summit', reason: 'shared-customers-unasked', waiting, optOuts: 0, since: null, until: null, alsoPaused: null, heldFor: ['Alder'], holdsEveryLead: false, message: 'held' }) as const;
    const plan = { scheduled: 300, finishEstimate: '2026-12-03', finishText: 'Dec 3' };
    expect(pacedFinish([{ ...company(plan), blocked: held(2) }], sending)).toEqual({ text: 'Dec 3', leftOut: 2, isToday: false });
    expect(pacedFinish([{ ...company(plan), blocked: held(300) }], sending)).toBeNull();
    const goes = company({ scheduled: 40, finishEstimate: '2026-12-02', finishText: 'Dec 2' });
    expect(pacedFinish([goes, { ...company(plan), blocked: held(300) }], sending)).toEqual({ text: 'Dec 2', leftOut: 300, isToday: false });
  });

  // A status review found "Done by Dec 5" beside a company whose Mississippi lead no Sunday-only schedule lets go.
  it('leaves out, and counts, the leads no time under their schedule lets go', () => {
    const goes = company({ scheduled: 4, finishEstimate: '2026-12-05', finishText: 'Dec 5', nextSendAt: Date.UTC(2026, 11, 1, 15) });
    const never = company({ scheduled: 1, finishEstimate: null, finishText: null, nextSendAt: null });
    expect(pacedFinish([goes, never], sending)).toEqual({ text: 'Dec 5', leftOut: 1, isToday: false });
    const partly = company({ scheduled: 10, unreachable: 3, finishEstimate: null, finishText: null, nextSendAt: Date.UTC(2026, 11, 1, 15) });
    expect(pacedFinish([goes, partly], sending)).toEqual({ text: 'Dec 5', leftOut: 3, isToday: false });
  });

  // The review found "Done by Dec 3" under a "Paused" badge and "Sending is paused — nothing goes until you resume it".
  it('promises no day while nothing goes: paused, stopped or offline', () => {
    const waiting = company({ scheduled: 300, finishEstimate: '2026-12-03', finishText: 'Dec 3' });
    const state = (runner: Partial<DashboardOverview['runner']>, connectivity: 'online' | 'offline' = 'online') =>
      sendingView(overview({ isAllSent: false, waiting: 300, queue: { due: 0, scheduled: 300, sending: 0, optOuts: 0 }, companies: [waiting], runner }), connectivity);
    expect(pacedFinish([waiting], state({ state: 'paused' }))).toBeNull();
    expect(state({ state: 'paused' }).doneBy).toBe('When resumed');
    expect(pacedFinish([waiting], state({ state: 'stopped' }))).toBeNull();
    expect(pacedFinish([waiting], state({ state: 'idle', hasWork: true }, 'offline'))).toBeNull();
    expect(pacedFinish([waiting], state({ state: 'idle' }))).toEqual({ text: 'Dec 3', leftOut: 0, isToday: false });
  });
});

describe('leads that no time will let go under the schedule', () => {
  const plan = (patch: CompanyPlanPatch) => companyRow({ queue: { due: 6, scheduled: 0, sending: 0, optOuts: 0 } }, { scheduled: 6, days: [], ...patch });

  it('are a stall for a person ("Needs you"), not "Scheduled"; a pause or a next send time is not', () => {
    const waiting = { isAllSent: false, waiting: 6, queue: { due: 6, scheduled: 0, sending: 0, optOuts: 0 } };
    expect(sendingView(overview({ ...waiting, companies: [plan({})] }), 'online')).toMatchObject({ label: 'Needs you', doneBy: 'Check the schedule' });
    expect(sendingView(overview({ ...waiting, companies: [plan({ nextSendAt: Date.UTC(2026, 11, 1, 15) })] }), 'online')).toMatchObject({ label: 'Scheduled' });
    expect(isStalledBySchedule(plan({ paused: true }).plan)).toBe(false);
    expect(isStalledBySchedule(plan({ scheduled: 0 }).plan)).toBe(false);
  });

  // Their addresses keep them (state and ZIP on clocks hours apart: send-plan.ts unreachableByAddress), not the schedule:
  // "Check the schedule" sent the office to a schedule that was not at fault. Beside a stall of the schedule's own, both.
  it('kept by their own addresses: the card says to correct them, not to check the schedule', () => {
    const waiting = { isAllSent: false, waiting: 6, queue: { due: 6, scheduled: 0, sending: 0, optOuts: 0 } };
    const byAddress = plan({ unreachable: 6, unreachableByAddress: 6 });
    expect(sendingView(overview({ ...waiting, companies: [byAddress] }), 'online')).toMatchObject({ label: 'Needs you', doneBy: 'Correct the addresses' });
    const bySchedule = companyRow({ companyId: 2, name: 'Gulf' }, { companyId: 2, scheduled: 4, unreachable: 4 });
    expect(sendingView(overview({ ...waiting, companies: [byAddress, bySchedule] }), 'online')).toMatchObject({ doneBy: 'Check the schedule' });
  });

  // One company's 40 leads going today beside another's 2,000 without a key: "Done by 17:40 · 3 h 20 min" was the
  // speed applied to all 2,040, of which 2,000 go at no time. The speed finishes only the leads that can go.
  it('the speed’s finish time counts only leads that can go: not a blocked company’s, not those the schedule never reaches', () => {
    const sending = companyRow({}, { scheduled: 40, nextSendAt: 1, finishEstimate: '2026-12-09', finishText: 'Dec 9', days: [{ day: '2026-12-09', count: 40 }] as never });
    const noKey = companyRow({ companyId: 2, name: 'Birch', hasApiKey: false }, { companyId: 2, scheduled: 2000, nextSendAt: 1 });
    const stalled = companyRow({ companyId: 3, name: 'Gulf' }, { companyId: 3, scheduled: 30, unreachable: 12, nextSendAt: 1 });
    expect(waitingAtSpeed(2040, [sending, noKey])).toBe(40);
    expect(waitingAtSpeed(70, [sending, stalled])).toBe(58);
    expect(waitingAtSpeed(40, [sending])).toBe(40);
    expect(pacedFinish([sending, noKey, stalled], { isHeld: false })).toMatchObject({ leftOut: 2012 });
  });
});
