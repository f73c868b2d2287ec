import { Badge, Button, Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import { browserLink } from '../leads/browser/browser-link';
import type { FailedReason } from './dashboard-types';
import { plainReason } from './failure-reasons';

interface Props {
  failedReasons: FailedReason[];
  companyNames: Map<number, string>;
  showCompany: boolean;
}

/** "What went wrong, what do I fix": failed leads grouped by cause, most common first. */
export function ProblemsPanel({ failedReasons, companyNames, showCompany }: Props) {
  const totalFailed = failedReasons.reduce((sum, reason) => sum + reason.count, 0);
  return (
    <Card withBorder padding="md" aria-label="Problems">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{totalFailed > 0 ? 'Failed leads' : 'No failed leads'}</Title>
        {totalFailed > 0 && (
          <Badge color="red" variant="light" size="lg">
            {totalFailed.toLocaleString()} failed
          </Badge>
        )}
      </Group>
      {totalFailed === 0 ? (
        <Text c="dimmed" size="sm">
          No lead has failed. If GHL refuses one, it shows up here with what to do about it.
        </Text>
      ) : (
        <Stack gap={0}>
          {failedReasons.map((reason) => (
            <ReasonRow
              key={`${reason.companyId}:${reason.reason}`}
              reason={reason}
              companyName={showCompany ? (companyNames.get(reason.companyId) ?? null) : null}
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function ReasonRow({ reason, companyName }: { reason: FailedReason; companyName: string | null }) {
  const retryWrite = useWrite((companyId: number) => api.sync.retryFailed({ scope: 'all', companyId }), ['sync']);
  const { plain, fix } = plainReason(reason.reason);

  function retry() {
    retryWrite.mutate(reason.companyId, {
      onSuccess: ({ requeued }) =>
        requeued === 0
          ? notifications.show({ color: 'yellow', title: 'Nothing to retry', message: 'None of these leads was still failed (another window or rlm may have retried them).' })
          : notifications.show({ color: 'green', message: requeued === 1 ? '1 lead queued again.' : `${requeued.toLocaleString()} leads queued again.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not retry', message: error.message }),
    });
  }

  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      role="group"
      aria-label={`${plain}: ${reason.count}`}
    >
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap="xs">
          <Badge color="red" variant="filled" size="md" miw={44}>
            {reason.count.toLocaleString()}
          </Badge>
          <Text fw={600}>{plain}</Text>
          {companyName && (
            <Badge variant="outline" color="gray" size="sm">
              {companyName}
            </Badge>
          )}
        </Group>
        {fix && (
          <Text size="sm" c="dimmed">
            {fix}
          </Text>
        )}
        {fix && (
          <Text size="xs" c="dimmed" ff="monospace" truncate="end" title={reason.reason}>
            Details: {reason.reason}
          </Text>
        )}
      </Stack>
      <Group gap="xs" wrap="nowrap">
        <Button component="a" href={browserLink({ status: 'failed', companyId: reason.companyId })} size="xs" variant="light">
          Show these
        </Button>
        {/* sync:retryFailed has no per-reason scope: say plainly that the whole company's failures go again. */}
        <Tooltip label="Queues every failed lead of this company again">
          <Button size="xs" variant="filled" color="red" loading={retryWrite.isPending} onClick={retry}>
            Retry these
          </Button>
        </Tooltip>
      </Group>
    </Group>
  );
}
