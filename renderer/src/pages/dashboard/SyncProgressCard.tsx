import { Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useConnectivity } from '../../components/ConnectivityBanner';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import type { DashboardOverview } from './dashboard-types';
import { formatDuration, formatWhen } from './format';
import { timeOfDayWithZone } from '../../lib/clock';
import { countsOf } from './lead-status';
import { CANNOT_SAVE, pacedFinish, sendingView, waitingAtSpeed, waitingLeftOut } from './sending-state';
import { useSyncProgress } from './use-sync-progress';
import { connectionLabel } from './connection-label';

interface Props {
  overview: DashboardOverview;
  /** Every company's name: filtered to one company, the overview has that one's alone, and the sync's were "company #1". */
  companyNames: ReadonlyMap<number, string>;
}

/** Is sending going on, how fast, and when will it be done. State and counts from the overview; speed from `sync:progress`. */
export function SyncProgressCard({ overview, companyNames }: Props) {
  const { connectivity } = useConnectivity();
  const view = sendingView(overview, connectivity?.state ?? null);
  const { waiting, isSending } = view;
  const leftOut = waitingLeftOut(overview.companies);
  const { progress, finishAt, minutesLeft } = useSyncProgress(isSending ? waitingAtSpeed(waiting, overview.companies) : 0);
  const isOffline = connectivity?.state === 'offline';
  const runnerState = overview.runner.state;
  // The same lead counts as the status cards and the companies table (one dashboard read).
  const leads = countsOf(overview.totals);
  const synced = leads.synced;
  const failed = leads.failed;
  // The bar is what reached GHL (green) beside what failed (red): failed leads did not go, and a bar full
  // of them read as "all sent". Full green only when there was something and all of it went.
  // Leads spread over days by the daily caps: the finish day, not a time drawn from the current speed (which says
  // more only when everything goes today). Not the plan's "Today" while a kind of GHL call keeps failing: nothing goes.
  const paced = pacedFinish(overview.companies, view);
  const finish = paced?.isToday && overview.callTroubles.some((trouble) => trouble.holdsLeads) ? null : paced;
  // Leads held back until someone presses Send (imported with sending off, taken back by Stop sending) are still to go
  // too: without them, the bar was full green and "Still to go" 0 right after Stop sending (a review).
  const heldBack = leads.new;
  const total = synced + failed + waiting + heldBack;
  const sentPercent = total === 0 ? (view.doneBy === 'All sent' ? 100 : 0) : (synced / total) * 100;
  const failedPercent = total === 0 ? 0 : (failed / total) * 100;
  const heldBackPercent = total === 0 ? 0 : (heldBack / total) * 100;

  const controlWrite = useWrite((verb: 'start' | 'pause' | 'resume') => (verb === 'start' ? api.sync.start(undefined) : api.sync[verb](undefined)), ['sync']);
  function control(verb: 'start' | 'pause' | 'resume') {
    controlWrite.mutate(verb, { onError: (error) => notifications.show({ color: 'red', title: 'Sync did not change', message: error.message }) });
  }

  return (
    <Card withBorder padding="md" aria-label="Sync progress">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Sending to GHL</Title>
        <Group gap="xs">
          <Badge color={view.color} variant="light" data-testid="runner-state">
            {view.label}
          </Badge>
          {runnerState === 'paused' ? (
            <Button size="xs" variant="light" onClick={() => control('resume')}>
              Resume
            </Button>
          ) : runnerState === 'stopped' && !overview.runner.heldBy ? (
            <Button size="xs" variant="light" onClick={() => control('start')}>
              Start
            </Button>
          ) : overview.runner.heldBy && runnerState !== 'running' ? null : ( // sent by another program: paused there (said below)
            // Every company's sending: "Pause" beside each company's own "Pause" did not say which was which (a review).
            <Button size="xs" variant="default" onClick={() => control('pause')}>
              Pause all
            </Button>
          )}
        </Group>
      </Group>
      {overview.runner.storageTrouble && view.label === CANNOT_SAVE && (
        <Text size="sm" c="red" mb="xs" data-testid="storage-trouble">
          {/* Its leads go back to the queue each time: nothing is lost, and sending goes on once it can save. */}
          {overview.runner.storageTrouble.message} Sending starts again by itself once it can save.
        </Text>
      )}
      {/* Only while nobody sends: another program that holds sending is said below, and it does send. */}
      {runnerState === 'stopped' && !overview.runner.heldBy && overview.runner.stoppedBy && (
        <Text size="sm" c="red" mb="xs" data-testid="stopped-by">
          {overview.runner.stoppedBy} Nothing is sent until you press Start.
        </Text>
      )}
      <Progress.Root size="lg" radius="xl" aria-label="Sent so far">
        <Progress.Section value={sentPercent} color="green" animated={isSending} aria-label={`Sent: ${synced.toLocaleString()}`} />
        {failedPercent > 0 && <Progress.Section value={failedPercent} color="red" aria-label={`Failed: ${failed.toLocaleString()}`} />}
        {heldBackPercent > 0 && (
          <Progress.Section value={heldBackPercent} color="yellow.4" style={{ marginLeft: 'auto' }} aria-label={`Held back until you press Send: ${heldBack.toLocaleString()}`} />
        )}
      </Progress.Root>
      <SimpleGrid cols={3} mt="md">
        {/* Queued plus being sent: "Waiting" here beside the "Waiting to send" card (queued only) read as two counts of one thing. */}
        {/* Leads only: a do-not-contact lead's opt-out on its way to GHL is no lead to send, and is said apart. */}
        <Figure
          label="Still to go"
          value={waiting.toLocaleString()}
          hint={[optOutsText(overview.queue.optOuts), heldBack > 0 ? `${heldBack.toLocaleString('en-US')} more held back until you press Send` : null].filter(Boolean).join('; ') || undefined}
        />
        <Figure label="Speed" value={isSending && progress && progress.leadsPerMinute > 0 ? `${Math.round(progress.leadsPerMinute)} / min` : '—'} />
        {isSending && finishAt && (finish === null || finish.isToday) ? (
          <Figure
            label="Done by"
            value={timeOfDayWithZone(finishAt)}
            hint={[!isOffline && minutesLeft !== null ? formatDuration(minutesLeft) : null, leftOut > 0 ? `not the ${leftOut.toLocaleString('en-US')} held up (see above)` : null]
              .filter(Boolean)
              .join('; ') || undefined}
          />
        ) : finish ? (
          <Figure
            label="Done by"
            value={finish.text}
            hint={finish.leftOut > 0 ? `at each company’s daily pace; not the ${finish.leftOut.toLocaleString('en-US')} held up (see above)` : 'at each company’s daily pace'}
          />
        ) : (
          <Figure label="Done by" value={view.doneBy} />
        )}
      </SimpleGrid>
      <Stack gap={4} mt="md">
        <Group gap="xs">
          <Badge
            color={connectivity?.state === 'online' ? 'green' : connectivity?.state === 'offline' ? 'orange' : 'gray'}
            variant="dot"
            data-testid="connectivity-state"
          >
            {connectionLabel(connectivity, overview.runner)}
          </Badge>
          <Text size="sm" c="dimmed">
            {/* A success, not any answer: beside "Online" while GHL turns every call away (429), "last answered: never" was untrue. */}
            Last successful call to GHL: {formatWhen(connectivity?.lastSuccessAt)}
          </Text>
        </Group>
        {overview.runner.heldBy && (
          <Text size="xs" c="dimmed">
            Sending is run by {overview.runner.heldBy.process} on this computer
            {overview.runner.companyIds !== null
              ? // `rlm sync --company A`: the other companies' leads wait for it to end (the card said "Sending" of them).
                ` for ${servedNames(overview.runner.companyIds, companyNames)} only${overview.runner.heldBy.isPaused ? ', which paused it' : ''}: other companies’ leads wait until it ends and sending runs for every company.`
              : overview.runner.heldBy.isPaused
                ? ', which paused it: resume it there.'
                : ': pause or stop it there.'}
          </Text>
        )}
        {!overview.runner.heldBy && overview.runner.companyIds !== null && (
          // This program's own sync, started for some companies only.
          <Text size="xs" c="dimmed">
            Sending runs for {servedNames(overview.runner.companyIds, companyNames)} only: other companies’ leads wait until sending runs for every company.
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** "Summit Roofing and Oak Ridge": the companies a sync run for some companies only sends. */
function servedNames(companyIds: readonly number[], companyNames: ReadonlyMap<number, string>): string {
  const names = companyIds.map((id) => companyNames.get(id) ?? `company #${id}`);
  return names.length <= 1 ? (names[0] ?? 'some companies') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** "and 3 opt-outs to pass to GHL": do-not-contact leads whose DND is not in GHL yet. */
export function optOutsText(optOuts: number): string | null {
  if (optOuts <= 0) return null;
  return `and ${optOuts === 1 ? '1 opt-out' : `${optOuts.toLocaleString('en-US')} opt-outs`} to pass to GHL`;
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
