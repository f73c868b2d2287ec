import { describe, expect, it } from 'vitest';
import { planLine, planParts, queuedLeadsText } from '../../../shared/plan-text';
import type { SendPlan } from '../../../shared/send-plan';

/** Monday Nov 30 2026 onwards, 14 company days; Sunday closed; a cap of 100. */
function plan(patch: Partial<SendPlan> & { counts?: number[] } = {}): SendPlan {
  const { counts = [], ...rest } = patch;
  const days = Array.from({ length: 14 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 10, 30 + i));
    const weekday = i % 7;
    return { day: date.toISOString().slice(0, 10), weekday, capacity: weekday === 6 ? 0 : 100, count: counts[i] ?? 0 };
  });
  return {
    companyId: 1,
    timeZone: 'America/Chicago',
    dailyCap: 100,
    hourlyCap: null,
    sentToday: 62,
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
    days,
    ...rest,
  };
}

describe('the plan in words', () => {
  it('says today against the cap, the next send and the finish day in one line', () => {
    const p = plan({ scheduled: 4480, nextSendAt: 1, nextSendText: 'Thu 10:00 CST', finishEstimate: '2027-01-14', finishText: 'Jan 14, 2027' });
    expect(planLine(p)).toBe('62 of 100 today · next: Thu 10:00 CST · 4,480 scheduled, done by Jan 14, 2027');
    expect(planLine({ ...p, nextSendText: 'now' })).toBe('62 of 100 today · sending now · 4,480 scheduled, done by Jan 14, 2027');
  });

  it('says "today" and "tomorrow" rather than a weekday that reads as a week away', () => {
    const at = (text: string) => planParts(plan({ scheduled: 9, nextSendAt: 1, nextSendText: text })).next;
    // The plan's first day is a Monday.
    expect(at('Mon 09:00 CST')).toBe('next: today 09:00 CST');
    expect(at('Tue 10:00 CST')).toBe('next: tomorrow 10:00 CST');
    expect(at('Thu 10:00 CST')).toBe('next: Thu 10:00 CST');
    expect(at('Dec 14 10:00 CST')).toBe('next: Dec 14 10:00 CST');
  });

  it('shows no empty plan: with nothing waiting only the count of today stays', () => {
    expect(planParts(plan())).toEqual({ today: '62 of 100 today', unanswered: null, next: null, queue: null, paused: null });
  });

  it('says a pause and until when, without a next send or a finish day that would not happen', () => {
    const paused = plan({ scheduled: 300, paused: true, nextSendText: 'paused' });
    expect(planLine(paused, 'user')).toBe('62 of 100 today · Paused — no lead goes to GHL until you resume · 300 waiting');
    expect(planLine(paused, 'auth')).toContain('until GHL accepts a new API key');
    expect(planLine(paused, 'daily-limit')).toContain('resumes by itself');
  });

  it('while sending is paused as a whole or GHL cannot be reached, promises no next send and no finish day', () => {
    // The company itself is not paused: its plan still has a next send and a finish day.
    const waiting = plan({ scheduled: 10, nextSendAt: 1, nextSendText: 'now', finishEstimate: '2026-11-30', finishText: 'Nov 30' });
    expect(planLine(waiting)).toBe('62 of 100 today · sending now · 10 scheduled, done today');
    expect(planLine(waiting, 'all-paused')).toBe('62 of 100 today · Sending is paused — no lead goes until you resume it · 10 waiting');
    expect(planLine(waiting, 'offline')).toBe('62 of 100 today · Waiting for the connection — nothing goes while GoHighLevel cannot be reached · 10 waiting');
    expect(queuedLeadsText(waiting, 10, 'Summit', 'offline')).toBe('10 leads queued: GoHighLevel cannot be reached — they go once the connection is back.');
    // Stopped with nothing else sending (a crash, a refused lock): "sending now" stood under the card's "Stopped".
    expect(planLine(waiting, 'stopped')).toBe('62 of 100 today · Sending is stopped — no lead goes until it is started · 10 waiting');
    // rlm status: due now, but nothing sends them; no finish day beside that (it said "done today").
    expect(planLine(waiting, null, { notSending: 'nothing is sending: start the app or rlm sync' })).toBe(
      '62 of 100 today · due now, but nothing is sending: start the app or rlm sync · 10 scheduled',
    );
    // Later too: the next time holds only if something sends then, and no finish day is promised (a review).
    const tomorrow = { ...waiting, nextSendText: 'Tue 10:00 CST', finishEstimate: '2026-12-10', finishText: 'Dec 10' };
    expect(planLine(tomorrow, null, { notSending: 'nothing is sending: start the app or rlm sync' })).toBe(
      '62 of 100 today · next: tomorrow 10:00 CST, but nothing is sending: start the app or rlm sync · 10 scheduled',
    );
  });

  // The call-trouble screenshot: "7 of 100 today" in the plan and the Companies table, "Sent today 0" on the card.
  it("says how many of today's count GHL has not answered, counted in case they were texted", () => {
    const p = plan({ sentToday: 7, unansweredToday: 7, scheduled: 8, nextSendAt: 1, nextSendText: 'now' });
    expect(planParts(p).unanswered).toBe('7 of them without a clear answer from GHL: counted in case they were texted');
    expect(planLine(p)).toBe('7 of 100 today (7 of them without a clear answer from GHL: counted in case they were texted) · sending now · 8 scheduled');
    expect(planParts(plan({ sentToday: 7 })).unanswered).toBeNull();
  });

  it('says a cap lowered below what already went today plainly, not "8 of 3 today"', () => {
    expect(planParts(plan({ sentToday: 8, dailyCap: 3 })).today).toBe('8 sent today (limit now 3)');
    expect(planParts(plan({ sentToday: 3, dailyCap: 3 })).today).toBe('3 of 3 today');
  });

  it('says when leads wait that no sending day or hour ever reaches', () => {
    expect(planLine(plan({ scheduled: 5 }))).toBe('62 of 100 today · no sending day or hour reaches these leads: check the schedule · 5 scheduled');
  });
});

describe("when a file's leads go", () => {
  const going = (counts: number[], scheduled: number, finishEstimate: string, finishText: string) =>
    plan({ counts, scheduled, finishEstimate, finishText, nextSendAt: 1, nextSendText: 'now' });

  it('names the weekdays within the coming week: "at 100 a day they go Tue–Fri, done by Dec 4"', () => {
    // 38 waiting before the file (today's 38 left), then the file's 312: Tue 100, Wed 100, Thu 100, Fri 12.
    const p = going([38, 100, 100, 100, 12], 350, '2026-12-04', 'Dec 4');
    expect(queuedLeadsText(p, 312, 'Summit')).toBe('312 leads queued: at 100 a day they go Tue–Fri, done by Dec 4.');
  });

  it('starting today, or on one day, or after the first week, in words that fit', () => {
    expect(queuedLeadsText(going([38, 100, 12], 150, '2026-12-02', 'Dec 2'), 150, 'Summit')).toBe('150 leads queued: at 100 a day they start today and are done by Dec 2.');
    expect(queuedLeadsText(going([12], 12, '2026-11-30', 'Nov 30'), 12, 'Summit')).toBe('12 leads queued: they all go today.');
    expect(queuedLeadsText(going([38, 100, 5], 143, '2026-12-02', 'Dec 2'), 5, 'Summit')).toBe('5 leads queued: they all go on Wed, Dec 2.');
    // Of a file whose other leads already went (or are do-not-contact): what still waits, not "queued" beside "Imported 8".
    expect(queuedLeadsText(going([38, 100, 5], 143, '2026-12-02', 'Dec 2'), 5, 'Summit', null, 8)).toBe('5 of the 8 leads still wait to go: they all go on Wed, Dec 2.');
    const long = going([38, 100, 100, 100, 100, 100, 0, 100, 100, 100, 100, 100, 100, 0], 4480, '2027-01-14', 'Jan 14, 2027');
    expect(queuedLeadsText(long, 300, 'Summit')).toBe('300 leads queued: at 100 a day they go after the leads already waiting, done by Jan 14, 2027.');
    expect(queuedLeadsText(long, 4480, 'Summit')).toBe('4,480 leads queued: at 100 a day they start today and are done by Jan 14, 2027.');
    // 900 before them: 38 + 5 × 100 this week, then Mon 7–Wed 9; theirs begin on Thu Dec 10.
    const fromNextWeek = going([38, 100, 100, 100, 100, 100, 0, 100, 100, 100, 100, 100, 100, 0], 1300, '2026-12-24', 'Dec 24');
    expect(queuedLeadsText(fromNextWeek, 400, 'Summit')).toBe('400 leads queued: at 100 a day they start Dec 10 and are done by Dec 24.');
  });

  it('says nothing when none of them waits, and says a pause or an unreachable schedule instead of a date', () => {
    expect(queuedLeadsText(going([10], 10, '2026-11-30', 'Nov 30'), 0, 'Summit')).toBeNull();
    expect(queuedLeadsText(plan({ scheduled: 10, paused: true }), 10, 'Summit', 'user')).toBe('10 leads queued: Summit is paused — none goes to GHL until you resume.');
    expect(queuedLeadsText(plan({ scheduled: 1 }), 1, 'Summit')).toBe('1 lead queued, but no sending day or hour reaches them: check Summit’s schedule.');
    // Some of them only: a Sunday-only company's Mississippi leads beside its Texas one (no texts on Sunday in Mississippi).
    const someReached = plan({ scheduled: 3, unreachable: 2, nextSendAt: Date.UTC(2026, 11, 6, 18), nextSendText: 'Sun 13:00 EST' });
    expect(queuedLeadsText(someReached, 3, 'Summit')).toBe('3 leads queued, but no sending day or hour reaches 2 of the 3 waiting: check Summit’s schedule.');
  });
});

describe('a company without an API key', () => {
  it('says its leads wait for the key instead of a next send', () => {
    const waiting = plan({ scheduled: 40, nextSendAt: 1, nextSendText: 'now', finishEstimate: '2026-11-30', finishText: 'Nov 30' });
    expect(planLine(waiting, 'no-key')).toBe('62 of 100 today · Waiting for an API key — nothing goes until one is saved · 40 waiting');
    expect(queuedLeadsText(waiting, 40, 'Summit', 'no-key')).toBe('40 leads queued: Summit has no GHL API key yet — nothing goes until one is saved.');
  });
});
