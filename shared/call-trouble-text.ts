/**
 * The words for a kind of GHL call that keeps failing while the connection is up (electron/core/dashboard/
 * call-trouble.ts): one owner for the dashboard's alert and `rlm status`, so both say the same thing.
 */
export interface CallTroubleFacts {
  company: string;
  /** "tag", "workflow", "contact", "note"… (electron/core/dashboard/call-trouble.ts) */
  call: string;
  failures: number;
  since: number;
  message: string;
  othersAnswer: boolean;
  isNoAnswerOnly: boolean;
  isLastAnswered: boolean;
  /** GHL turns away every call of the company with "Too Many Requests" (429): not one kind of call failing. */
  isRateLimit: boolean;
}

/**
 * What each kind of call does, in the office's words: "tag calls" meant nothing to an office manager (the tag is what
 * starts the campaign in GHL).
 */
const WHAT_THE_CALL_DOES: Record<string, string> = {
  contact: 'save contacts',
  'contact update': 'update the contacts of leads already in the campaign',
  tag: 'add the campaign tag that starts the texts',
  workflow: 'add contacts to the campaign’s workflow',
  note: 'save the leads’ notes',
  'do-not-disturb': 'turn on do-not-disturb for opted-out contacts',
  'contact removal': 'delete the contacts an undo removes',
};

/** "GoHighLevel fails to add the campaign tag that starts the texts", with the company's name first when several are shown. */
export function callTroubleTitle(trouble: Pick<CallTroubleFacts, 'company' | 'call' | 'isRateLimit'>, withCompany: boolean): string {
  const does = WHAT_THE_CALL_DOES[trouble.call];
  const what = trouble.isRateLimit
    ? 'GoHighLevel asks the app to slow down (too many requests)'
    : does
      ? `GoHighLevel fails to ${does}`
      : `GoHighLevel’s ${trouble.call} calls are failing`;
  return `${withCompany ? `${trouble.company}: ` : ''}${what}`;
}

/**
 * "The last 16 tries since 20:00 UTC failed (Internal Server Error). GoHighLevel answers its other calls, …". Either
 * answer shows the internet works: another kind of call answered meanwhile, or GHL answering this one with an error.
 */
export function callTroubleDetail(trouble: CallTroubleFacts, formatTime: (epochMs: number) => string): string {
  const tries = trouble.failures === 1 ? 'try' : `${trouble.failures.toLocaleString('en-US')} tries`;
  if (trouble.isRateLimit) {
    // GHL counts its limit per app (the key's integration) and location; the sync paces itself by the limit GHL's
    // answers state (ghl/rate-limiter.ts), so what spends it is most often another user of the same key.
    return (
      `The last ${tries} since ${formatTime(trouble.since)} were turned away with “${trouble.message}” (HTTP 429): GoHighLevel’s ` +
      'limit of calls for this company’s API key is used up. The app paces its sending by that limit, so something else is ' +
      'most likely calling GoHighLevel with the same key at the same time: this app on another computer, another tool the ' +
      'key was given to, or an import being undone in GHL from here.'
    );
  }
  const whyInternetIsFine = trouble.othersAnswer
    ? 'GoHighLevel answers its other calls'
    : trouble.isLastAnswered
      ? 'GoHighLevel answers these calls, with an error'
      : null;
  return (
    `The last ${tries} since ${formatTime(trouble.since)} failed (${trouble.message}).` +
    (whyInternetIsFine === null ? '' : ` ${whyInternetIsFine}, so your internet is fine: the trouble is at GoHighLevel.`)
  );
}

/**
 * What happens to the leads meanwhile, by what failed (company-lane.ts):
 *  - an enrolment (workflow call) without a clear answer may have gone: the lead is set aside for a person to check,
 *    never sent twice by itself (failUnconfirmed; the dashboard lists them below);
 *  - a call GHL never answers uses none of a lead's tries; an error it answers uses one, and a lead out of tries
 *    fails with the reason (retryOrFail).
 */
export function callTroubleOutcome(troubles: ReadonlyArray<Pick<CallTroubleFacts, 'call' | 'isNoAnswerOnly' | 'isRateLimit'>>): string {
  // A 429 proves GHL did nothing: the lead uses none of its tries (company-lane.ts), whatever the call.
  const rateLimit = troubles.some((trouble) => trouble.isRateLimit)
    ? 'No lead fails for a rate limit: the leads wait, are tried again by themselves, and go once GoHighLevel accepts calls again. If it lasts, check where else this company’s GoHighLevel API key is used.'
    : '';
  const failing = troubles.filter((trouble) => !trouble.isRateLimit);
  if (failing.length === 0) return rateLimit;
  const outcome = failingCallsOutcome(failing);
  return rateLimit ? `${rateLimit} ${outcome}` : outcome;
}

function failingCallsOutcome(troubles: ReadonlyArray<Pick<CallTroubleFacts, 'call' | 'isNoAnswerOnly'>>): string {
  const status = 'If it lasts, check GoHighLevel’s status page.';
  const enrolments = troubles.some((trouble) => trouble.call === 'workflow');
  const setAside = enrolments
    ? ' Each lead whose enrolment got no clear answer is set aside for you to check in GHL ("GHL did not confirm the enrolment"): a second enrolment could text the customer twice.'
    : '';
  const others = troubles.filter((trouble) => trouble.call !== 'workflow');
  if (others.length === 0) return `${setAside.trim()} ${status}`;
  if (others.every((trouble) => trouble.isNoAnswerOnly)) {
    return `No lead fails for a call GoHighLevel never answers: the leads wait, are tried again by themselves, and go once it answers.${setAside} ${status}`;
  }
  return `The leads wait and are tried again by themselves, with growing pauses, and go once GoHighLevel answers. Each error GoHighLevel answers uses one of a lead’s tries: a lead that runs out of them is listed in Failed leads, with the reason.${setAside} ${status}`;
}
