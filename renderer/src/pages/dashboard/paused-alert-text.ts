import type { BlockReason, CannotCallReason, OptOutHold } from '../../../../shared/sync-pause';

/** What GHL or the keychain holds, so that not even an opt-out's do-not-disturb can go (a pause of the office's does not). */
const HOLDS_OPT_OUTS: Partial<Record<BlockReason, string>> = {
  'no-key': 'it has no API key',
  'keychain-unavailable': 'the keychain does not answer',
  'key-refused': 'GHL refused its key',
  'daily-limit': 'GHL’s daily limit is reached',
};

interface Block {
  company: string;
  reason: BlockReason;
  /** GHL's hold on the opt-outs of a company the office paused (electron/sync/blocked.ts). */
  optOutsHeld?: OptOutHold | null | undefined;
}

/** A company as the alert reads it: whether GHL can be called for it at all (dashboard-overview.ts). */
interface AlertCompany {
  companyId: number;
  name: string;
  cannotCallGhl: CannotCallReason | null;
}

/**
 * The alert's companies: those blocked, and those GHL cannot be called for that have nothing waiting (blocked.ts lists
 * only companies with leads to go): no key, a keychain that does not answer, a refused key, the daily limit. GHL may
 * still be texting the customers already sent there: their opt-outs wait too (a review: the alert said they still
 * reach GHL; a refused key's company, and a locked keychain called "no API key", were missed).
 */
export function blocksForAlert(blocked: readonly (Block & { companyId: number })[], companies: readonly AlertCompany[]): Block[] {
  const listed = new Set(blocked.map((block) => block.companyId));
  const unreachable = companies.flatMap((company) => (company.cannotCallGhl !== null && !listed.has(company.companyId) ? [{ company: company.name, reason: company.cannotCallGhl }] : []));
  return [...blocked, ...unreachable];
}

export interface PausedAlertFacts {
  waiting: number;
  blocked: readonly Block[];
  isOffline: boolean;
}

/** The alert's facts from the unfiltered overview: it speaks for every company ("no lead goes … for any company"). */
export function pausedAlertFacts(
  overview: { waiting: number; blocked: readonly (Block & { companyId: number })[]; companies: readonly AlertCompany[] },
  isOffline: boolean,
): PausedAlertFacts {
  return { waiting: overview.waiting, blocked: blocksForAlert(overview.blocked, overview.companies), isOffline };
}

/**
 * The "Sending is paused" alert's words. The pause holds leads, not opt-outs (CompanyLane.optOutRound): a customer who
 * opts out meanwhile still gets do-not-disturb in GHL. Not where GHL cannot be called: offline, or a company whose key
 * is missing or refused or whose daily limit is reached. The alert said "still gets" over those too, untrue.
 */
export function pausedAlertText({ waiting, blocked, isOffline }: PausedAlertFacts): string {
  const leads = waiting === 1 ? '1 lead waits' : `${waiting.toLocaleString('en-US')} leads wait`;
  const held = `No lead goes to GHL for any company until you resume${waiting > 0 ? `: ${leads}` : ''}. New imports wait too.`;
  if (isOffline) return `${held} A customer who opts out gets do-not-disturb in GHL once the connection is back.`;
  const cannotCall = blocked.flatMap((block) => {
    const why = HOLDS_OPT_OUTS[block.optOutsHeld ?? block.reason];
    return why ? [`${block.company} (${why})`] : [];
  });
  if (cannotCall.length === 0) return `${held} A customer who opts out still gets do-not-disturb in GHL meanwhile.`;
  return `${held} A customer who opts out still gets do-not-disturb in GHL meanwhile, except at ${listed(cannotCall)}: there it waits until that is fixed (below).`;
}

const listed = (items: string[]) => (items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`);
