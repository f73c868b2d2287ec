import { Alert, Button, Group, List, Text } from '@mantine/core';
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
  const { happened, steps, details } = warningParts(warning);
  return (
    <Alert color="red" title="Opt-outs may be missing" role="alert" aria-label="Opt-outs may be missing">
      <Text size="sm">{happened}</Text>
      {steps.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="xs">
            What to do
          </Text>
          <List type="ordered" size="sm" spacing={2}>
            {steps.map((step) => (
              <List.Item key={step}>{step}</List.Item>
            ))}
          </List>
        </>
      )}
      {details.map((line) => (
        <Text key={line} size="xs" c="dimmed" mt="xs">
          {line}
        </Text>
      ))}
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

/**
 * The lines of a warning (electron/app/app-context.ts restoreWarningText): what happened, "What to do:" and numbered
 * steps, the details. The command line's way out ("from the command line: delete …") is left out here, where Done is
 * the way. A warning of one line (any other) is shown as it is.
 */
function warningParts(warning: string): { happened: string; steps: string[]; details: string[] } {
  const [happened = '', ...rest] = warning.split('\n');
  const numbered = /^\d+\. /;
  const steps = rest.filter((line) => numbered.test(line)).map((line) => line.replace(numbered, '').replace(/ \(from the command line: .*\)(?=\.$)/, ''));
  const details = rest.filter((line) => !numbered.test(line) && line !== 'What to do:');
  return { happened, steps, details };
}
