import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import type { UnconfirmedLead } from '../../../../shared/ipc/sync';
import { api, unwrap } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';
import { useWrite } from '../../lib/use-write';

/**
 * Enrolments GHL did not confirm (its answer was lost, or the app stopped mid-call). GHL has no way to
 * ask whether a contact is in a workflow, so a person looks the contact up in GHL and answers here;
 * the app never sends such an enrolment again on its own. Hidden when nothing waits; a failed read says so.
 */
export function UnconfirmedPanel({ companyId }: { companyId: number | null }) {
  const waiting = useQuery({
    queryKey: [...queryKeys.sync.all, 'unconfirmed', companyId],
    queryFn: () => unwrap(api.sync.unconfirmed(companyId === null ? undefined : { companyId })),
  });
  // A read that failed is said, not hidden: hidden, the panel read as "nothing to check" while enrolments waited.
  if (waiting.isError) {
    return (
      <Alert color="red" title="Could not read the enrolments to check in GHL" aria-label="Enrolments to check">
        {waiting.error.message} Until it is read, this page cannot say whether any enrolment waits for you.
        <Button size="xs" variant="light" color="red" ml="xs" onClick={() => void waiting.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }
  const leads = waiting.data ?? [];
  if (leads.length === 0) return null;
  return (
    <Card withBorder padding="md" aria-label="Enrolments to check">
      <Title order={4}>Check in GHL: {leads.length.toLocaleString()} enrolment{leads.length === 1 ? '' : 's'} not confirmed</Title>
      <Text c="dimmed" size="sm" mb="sm">
        GHL did not confirm these enrolments. Open each contact in GHL: if it is in the workflow, mark it enrolled; if not, send it again.
      </Text>
      <Stack gap="xs">
        {leads.slice(0, 50).map((lead) => (
          <UnconfirmedRow key={lead.leadId} lead={lead} />
        ))}
      </Stack>
    </Card>
  );
}

function UnconfirmedRow({ lead }: { lead: UnconfirmedLead }) {
  const resolve = useWrite((action: 'confirm' | 'resend') => api.sync.resolveUnconfirmed({ leadId: lead.leadId, action }), ['sync']);
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email || lead.phone || `Lead ${lead.leadId}`;
  const act = (action: 'confirm' | 'resend') =>
    resolve.mutate(action, {
      onSuccess: () => notifications.show({ color: 'green', message: action === 'confirm' ? `${name}: marked enrolled.` : `${name}: will be enrolled again.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not save your answer', message: error.message }),
    });
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm">
        {name} {lead.phone ? `· ${lead.phone}` : ''} · GHL contact {lead.contactId}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Button size="xs" variant="light" loading={resolve.isPending} onClick={() => act('confirm')}>
          It is enrolled
        </Button>
        <Button size="xs" variant="subtle" loading={resolve.isPending} onClick={() => act('resend')}>
          Send again
        </Button>
      </Group>
    </Group>
  );
}
