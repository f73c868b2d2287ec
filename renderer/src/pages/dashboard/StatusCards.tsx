import { Anchor, SimpleGrid } from '@mantine/core';
import type { LeadStatus } from '../../../../shared/lead';
import { leadStatuses } from '../../../../shared/lead';
import { StatCard } from '../../components/StatCard';
import { browserLink } from '../leads/browser/browser-link';
import { statusMeta } from './lead-status';

interface Props {
  totals: Record<LeadStatus, number>;
  syncedToday: number;
  companyId: number | null;
  /** Of the waiting leads, those of companies a block holds (no key, paused, GHL's limit…: the panel above says which). */
  blockedWaiting?: number;
  /** What holds sending as a whole, said above the cards: "being sent right now" beside "Offline" read as texts going out. */
  sendingHold?: SendingHold;
}

export type SendingHold = 'offline' | 'paused' | 'stopped' | 'calls-failing' | 'rate-limited' | null;

/** The leads a lane took and started: not "being sent right now" while nothing can reach GHL. */
function sendingHint(hold: SendingHold): string {
  switch (hold) {
    case 'offline':
      return 'Started before GHL stopped answering: they finish when it answers again';
    case 'paused':
      return 'Already on their way to GHL before the pause: they finish; no new lead starts';
    case 'stopped':
      return 'Started before sending stopped: nothing sends them now; once started, GHL is asked what became of them first';
    case 'calls-failing':
      return 'Started; a kind of GHL call keeps failing (see above) and is tried again';
    case 'rate-limited':
      return 'Started; GHL asks the app to slow down (see above): they are tried again';
    default:
      return statusMeta.syncing.hint;
  }
}

/** "In line to be sent" beside a company that cannot send read as going: say how many wait behind a block. */
function waitingHint(waiting: number, blocked: number): string {
  if (blocked <= 0 || waiting === 0) return statusMeta.queued.hint;
  return blocked >= waiting ? 'None can go yet: see what holds them above' : `${blocked.toLocaleString()} of them cannot go yet: see above`;
}

/** One card per lead status; each opens the lead browser on exactly those leads. */
export function StatusCards({ totals, syncedToday, companyId, blockedWaiting = 0, sendingHold = null }: Props) {
  // "Sending 39" in the sending colour beside "Offline" read as texts going out: on hold, the card says so.
  const isSendingHeld = sendingHold !== null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" aria-label="Leads by status">
      {leadStatuses.map((status) => (
        <Anchor key={status} href={browserLink({ status, companyId })} underline="never" c="inherit">
          <StatCard
            label={status === 'syncing' && isSendingHeld ? 'Started, on hold' : statusMeta[status].label}
            value={totals[status]}
            color={totals[status] === 0 ? 'dimmed' : status === 'syncing' && isSendingHeld ? 'orange' : statusMeta[status].color}
            hint={status === 'queued' ? waitingHint(totals.queued, blockedWaiting) : status === 'syncing' ? sendingHint(sendingHold) : statusMeta[status].hint}
          />
        </Anchor>
      ))}
      {/* Counts sends, not statuses: a lead sent this morning that opted out since is here and under Do not contact, and one
          deleted since is here alone (a review: "Sent to GHL 11" beside "Sent today 12" said nothing of why). */}
      <StatCard
        label="Sent today"
        value={syncedToday}
        color={syncedToday > 0 ? 'green' : 'dimmed'}
        hint="Went to GHL since midnight (this computer's clock), counting any that opted out or were deleted since"
      />
    </SimpleGrid>
  );
}
