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
}

/** One card per lead status; each opens the lead browser on exactly those leads. */
export function StatusCards({ totals, syncedToday, companyId }: Props) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" aria-label="Leads by status">
      {leadStatuses.map((status) => (
        <Anchor key={status} href={browserLink({ status, companyId })} underline="never" c="inherit">
          <StatCard
            label={statusMeta[status].label}
            value={totals[status]}
            color={totals[status] > 0 ? statusMeta[status].color : 'dimmed'}
            hint={statusMeta[status].hint}
          />
        </Anchor>
      ))}
      {/* Counts sends, not statuses: a lead sent this morning that opted out since is here and under Do not contact. */}
      <StatCard label="Sent today" value={syncedToday} color="green" hint="Sent to GHL since midnight, opted out since or not" />
    </SimpleGrid>
  );
}
