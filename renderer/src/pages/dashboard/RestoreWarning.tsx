import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';

/**
 * What a restore could not carry over (opt-outs, what went to GHL since the backup), first on the dashboard at every
 * start until the office says it has dealt with it: "Done", asked twice, since the warning does not come back (it
 * told the office to delete a file in the data folder).
 */
export function RestoreWarning({ warning }: { warning: string }) {
  const [isAsking, setIsAsking] = useState(false);
  const dismiss = useWrite(() => api.app.dismissRestoreWarnings(), ['sync']);
  return (
    <Alert color="red" title="Opt-outs may be missing" role="alert" aria-label="Opt-outs may be missing">
      {warning}
      {isAsking ? (
        <Group gap="xs" mt="sm">
          <Text size="sm">Added the missing opt-outs and checked GHL? The warning will not come back.</Text>
          <Button
            size="xs"
            color="red"
            loading={dismiss.isPending}
            onClick={() => dismiss.mutate(undefined, { onError: (error) => notifications.show({ color: 'red', title: 'Not hidden', message: error.message }) })}
          >
            Yes, hide it
          </Button>
          <Button size="xs" variant="default" onClick={() => setIsAsking(false)}>
            Not yet
          </Button>
        </Group>
      ) : (
        <Button size="xs" variant="white" color="red" mt="sm" display="block" onClick={() => setIsAsking(true)}>
          Done
        </Button>
      )}
    </Alert>
  );
}
