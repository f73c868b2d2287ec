import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { showNothingQueued } from '../../lib/nothing-queued';
import { displayFileName } from '../../components/file-name';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import { browserLink } from '../leads/browser/browser-link';
import type { HeldBackBatch } from './dashboard-types';
import { formatWhen } from './format';
import { counted } from '../../../../shared/counted';

const leads = (n: number) => counted(n, 'lead');

/**
 * Leads imported with "Start sending right after the import" off: they stay here until someone presses Send. Listed per file,
 * by its name, with the same Send that Import history offers (`imports:queue`).
 */
export function HeldBackPanel({ batches, total, showCompany, companyNames }: { batches: HeldBackBatch[]; total: number; showCompany: boolean; companyNames: Map<number, string> }) {
  if (total === 0) return null;
  return (
    <Card withBorder padding="md" aria-label="Not sent yet">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Not sent yet — waiting for you</Title>
        <Badge color="yellow" variant="light" size="lg">
          {leads(total)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        Held back here: imported with “Start sending right after the import” off, stopped with Stop sending, or kept by an undo. They go to GHL only when you press Send.
      </Text>
      <Stack gap={0}>
        {batches.map((batch) => (
          <HeldBackRow key={`${batch.companyId}:${batch.batchId ?? 'none'}`} batch={batch} companyName={showCompany ? (companyNames.get(batch.companyId) ?? null) : null} />
        ))}
      </Stack>
    </Card>
  );
}

function HeldBackRow({ batch, companyName }: { batch: HeldBackBatch; companyName: string | null }) {
  const queue = useWrite((batchId: number) => api.imports.queue({ batchId }), ['imports', 'leads']);
  const name = batch.fileName === null ? 'Leads added without an import' : displayFileName(batch.fileName);

  function send(batchId: number) {
    queue.mutate(batchId, {
      onSuccess: ({ queued }) =>
        queued === 0 ? showNothingQueued(name) : notifications.show({ color: 'green', message: `${leads(queued)} from ${name} will be sent to GHL.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not send', message: error.message }),
    });
  }

  return (
    <Group justify="space-between" wrap="nowrap" py="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} role="group" aria-label={`${name}: ${leads(batch.count)}`}>
      <div style={{ minWidth: 0 }}>
        <Group gap="xs">
          <Text fw={600} truncate="end">
            {name}
          </Text>
          {companyName && (
            <Badge variant="outline" color="gray" size="sm">
              {companyName}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {leads(batch.count)} not sent{batch.importedAt ? ` · imported ${formatWhen(batch.importedAt)}` : ''}
        </Text>
      </div>
      <Group gap="xs" wrap="nowrap">
        {batch.batchId !== null && (
          <Button component="a" href={browserLink({ batchId: batch.batchId, status: 'new', companyId: batch.companyId })} size="xs" variant="subtle">
            Show them
          </Button>
        )}
        {batch.batchId !== null && (
          <Button size="xs" loading={queue.isPending} disabled={batch.isImporting} onClick={() => send(batch.batchId!)}>
            {batch.isImporting ? 'Still importing…' : `Send ${leads(batch.count)}`}
          </Button>
        )}
      </Group>
    </Group>
  );
}
