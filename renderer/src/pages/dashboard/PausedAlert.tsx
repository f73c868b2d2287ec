import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import { pausedAlertText, type PausedAlertFacts } from './paused-alert-text';

/**
 * Sending paused as a whole (the "Sending to GHL" card's Pause): said at the top, with its Resume. Before, the
 * only word of it above the fold was an orange line in the plan, and none at all while nothing waited, so the
 * next import sat there unsent without a word.
 */
export function PausedAlert(facts: PausedAlertFacts) {
  const resume = useWrite(() => api.sync.resume(undefined), ['sync']);
  return (
    <Alert color="orange" title="Sending is paused" role="alert" aria-label="Sending is paused">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">{pausedAlertText(facts)}</Text>
        <Button
          size="xs"
          color="orange"
          style={{ flexShrink: 0 }}
          loading={resume.isPending}
          onClick={() => resume.mutate(undefined, { onError: (error) => notifications.show({ color: 'red', title: 'Could not resume', message: error.message }) })}
        >
          Resume sending
        </Button>
      </Group>
    </Alert>
  );
}
