/** What of a trouble (electron/core/dashboard/call-trouble.ts) says whether and why it holds a company's leads. */
type CallTrouble = { companyId: number; holdsLeads: boolean; isRateLimit: boolean };

/**
 * The companies whose leads wait for GoHighLevel (call-trouble.ts: a kind of call failing, or GHL turning every call
 * away with 429s), with the plan's pause reason (plan-text.ts): the dashboard's plans and `rlm status` say the same. A
 * rate limit comes first in the list and is the latest news.
 */
export function ghlHoldsByCompany(troubles: readonly CallTrouble[]): Map<number, 'ghl-failing' | 'ghl-rate-limited'> {
  const held = new Map<number, 'ghl-failing' | 'ghl-rate-limited'>();
  for (const trouble of troubles) {
    if (trouble.holdsLeads && !held.has(trouble.companyId)) held.set(trouble.companyId, trouble.isRateLimit ? 'ghl-rate-limited' : 'ghl-failing');
  }
  return held;
}

/** What the Sending card says holds the leads it started: a rate limit only when nothing else of GHL's does. */
export function ghlSendingHold(troubles: readonly CallTrouble[]): 'calls-failing' | 'rate-limited' | null {
  const holding = troubles.filter((trouble) => trouble.holdsLeads);
  if (holding.length === 0) return null;
  return holding.every((trouble) => trouble.isRateLimit) ? 'rate-limited' : 'calls-failing';
}
