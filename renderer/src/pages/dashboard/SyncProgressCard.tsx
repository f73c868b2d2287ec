import { Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SyncStatus } from '../../../../shared/ipc/sync';
import { useConnectivity } from '../../components/ConnectivityBanner';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import type { DashboardOverview } from './dashboard-types';
import { formatDuration, formatWhen } from './format';
import { countsOf } from './lead-status';
import { useSyncProgress } from './use-sync-progress';

const runnerLabels: Record<SyncStatus['runner']['state'], { label: string; color: string }> = {
  stopped: { label: 'Stopped', color: 'gray' },
  starting: { label: 'Starting', color: 'blue' },
  running: { label: 'Sending', color: 'blue' },
  idle: { label: 'Up to date', color: 'green' },
  paused: { label: 'Paused', color: 'yellow' },
  offline: { label: 'Offline', color: 'orange' },
};

interface Props {
  overview: DashboardOverview;
}

/** Is sending going on, how fast, and when will it be done. Live from `sync:progress` and `connectivity`. */
export function SyncProgressCard({ overview }: Props) {
  const status = overview.sync;
  const { progress, finishAt, minutesLeft } = useSyncProgress();
  const { connectivity } = useConnectivity();
  const reportedState = progress?.state === 'running' ? 'running' : status.runner.state;
  // While GHL cannot be reached nothing is being sent, whatever the last progress event said.
  const isOffline = connectivity?.state === 'offline';
  const runnerState = isOffline && (reportedState === 'running' || reportedState === 'idle') ? 'offline' : reportedState;
  // The same lead counts as the status cards and the companies table (one dashboard read).
  const leads = countsOf(overview.summary.totals);
  // While sending, the runner's live count; otherwise the database's. The runner leaves out what it
  // cannot send (a company without a key, a paused one): that must not read "All sent".
  const waiting = runnerState === 'running' && progress ? progress.pending : leads.queued + leads.syncing;
  const runner = runnerState === 'idle' && waiting > 0 ? { label: 'Waiting', color: 'yellow' } : runnerLabels[runnerState];
  const synced = progress?.synced ?? leads.synced;
  const failed = progress?.failed ?? leads.failed;
  const done = synced + failed;
  const percent = done + waiting === 0 ? 100 : (done / (done + waiting)) * 100;

  const controlWrite = useWrite((verb: 'start' | 'pause' | 'resume') => (verb === 'start' ? api.sync.start(undefined) : api.sync[verb](undefined)), ['sync']);
  function control(verb: 'start' | 'pause' | 'resume') {
    controlWrite.mutate(verb, { onError: (error) => notifications.show({ color: 'red', title: 'Sync did not change', message: error.message }) });
  }

  return (
    <Card withBorder padding="md" aria-label="Sync progress">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Sending to GHL</Title>
        <Group gap="xs">
          <Badge color={runner.color} variant="light" data-testid="runner-state">
            {runner.label}
          </Badge>
          {runnerState === 'paused' ? (
            <Button size="xs" variant="light" onClick={() => control('resume')}>
              Resume
            </Button>
          ) : runnerState === 'stopped' ? (
            <Button size="xs" variant="light" onClick={() => control('start')}>
              Start
            </Button>
          ) : (
            <Button size="xs" variant="subtle" color="gray" onClick={() => control('pause')}>
              Pause
            </Button>
          )}
        </Group>
      </Group>
      <Progress value={percent} size="lg" radius="xl" color={failed > 0 ? 'orange' : 'green'} animated={runnerState === 'running'} aria-label="Sent so far" />
      <SimpleGrid cols={3} mt="md">
        <Figure label="Waiting" value={waiting.toLocaleString()} />
        <Figure label="Speed" value={!isOffline && progress && progress.leadsPerMinute > 0 ? `${Math.round(progress.leadsPerMinute)} / min` : '—'} />
        <Figure
          label="Done by"
          value={
            isOffline && waiting > 0
              ? 'When online'
              : finishAt
                ? new Date(finishAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
                : waiting === 0
                  ? 'All sent'
                  : '—'
          }
          hint={!isOffline && minutesLeft !== null ? formatDuration(minutesLeft) : undefined}
        />
      </SimpleGrid>
      <Stack gap={4} mt="md">
        <Group gap="xs">
          <Badge
            color={connectivity?.state === 'online' ? 'green' : connectivity?.state === 'offline' ? 'orange' : 'gray'}
            variant="dot"
            data-testid="connectivity-state"
          >
            {connectivity?.state === 'online' ? 'Online' : connectivity?.state === 'offline' ? 'Offline' : 'Connection not checked yet'}
          </Badge>
          <Text size="sm" c="dimmed">
            Last successful sync: {formatWhen(connectivity?.lastSuccessAt)}
          </Text>
        </Group>
        {status.runner.heldBy && (
          <Text size="xs" c="dimmed">
            Sending is run by another program on this computer ({status.runner.heldBy.process}, pid {status.runner.heldBy.pid}).
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string | undefined }) {
  return (
    <div aria-label={`${label}: ${value}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </div>
  );
}
