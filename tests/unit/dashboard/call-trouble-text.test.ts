/**
 * The words of a kind of GHL call that keeps failing (shared/call-trouble-text.ts). CI caught the dashboard's alert
 * without "your internet is fine" while GHL answered every tag call with a 503: the contacts had gone before the
 * first tag call, and the tags' retries waited with growing pauses, so no other kind of call answered in between.
 */
import { describe, expect, it } from 'vitest';
import { callTroubleDetail, type CallTroubleFacts } from '../../../shared/call-trouble-text';

const AT = Date.UTC(2026, 11, 2, 20, 11);
const utc = (at: number) => `${new Date(at).toISOString().slice(11, 16)} UTC`;
const trouble = (facts: Partial<CallTroubleFacts>): CallTroubleFacts => ({
  company: 'Summit Roofing',
  call: 'tag',
  failures: 2,
  since: AT,
  message: 'Internal Server Error',
  othersAnswer: false,
  isNoAnswerOnly: false,
  isLastAnswered: true,
  isRateLimit: false,
  ...facts,
});

describe('callTroubleDetail', () => {
  it('GHL answering the failing calls with an error shows the internet works, with no other call meanwhile', () => {
    expect(callTroubleDetail(trouble({}), utc)).toBe(
      'The last 2 tries since 20:11 UTC failed (Internal Server Error). GoHighLevel answers these calls, with an error, so your internet is fine: the trouble is at GoHighLevel.',
    );
  });

  it('other calls answering says so, whatever these got', () => {
    expect(callTroubleDetail(trouble({ othersAnswer: true, isNoAnswerOnly: true, isLastAnswered: false, message: 'No answer from GoHighLevel within 30000 ms' }), utc)).toBe(
      'The last 2 tries since 20:11 UTC failed (No answer from GoHighLevel within 30000 ms). GoHighLevel answers its other calls, so your internet is fine: the trouble is at GoHighLevel.',
    );
  });

  it('an unanswered last try with no other answer claims nothing of the internet', () => {
    const detail = callTroubleDetail(trouble({ failures: 1, isLastAnswered: false, message: 'No answer from GoHighLevel within 30000 ms' }), utc);
    expect(detail).toBe('The last try since 20:11 UTC failed (No answer from GoHighLevel within 30000 ms).');
  });
});
