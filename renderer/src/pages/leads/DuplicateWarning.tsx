import { Alert, Anchor, Text } from '@mantine/core';
import type { LeadSummary } from '../../../../shared/lead';
import { formatPhone } from '../../../../shared/phone-text';
import { leadDisplayName } from '../../lib/lead-name';


/** Names the existing lead and links to it, so staff can open it instead of creating a copy. */
export function DuplicateWarning({ lead }: { lead: LeadSummary }) {
  // As the office writes it: "+15125550143" read as a code, not a number.
  const matched = lead.field === 'phone' ? `phone ${formatPhone(lead.phone) ?? ''}` : `email ${lead.email ?? ''}`;
  return (
    // "May already exist" beside "Saving will be refused" said two things: it does exist, by this phone or email.
    <Alert color="yellow" title={`A lead with this ${lead.field === 'phone' ? 'phone number' : 'email'} already exists`} data-testid="duplicate-warning">
      <Text size="sm">
        <Anchor href={`#/leads/${lead.id}`} fw={600}>
          {leadDisplayName(lead)}
        </Anchor>{' '}
        already has the {matched}. This lead cannot be saved with it: open that lead to update it instead.
      </Text>
    </Alert>
  );
}
