import { Button, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { showNothingQueued } from '../../lib/nothing-queued';
import type { ImportBatch } from '../../../../shared/ipc/imports';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';

/**
 * "Send later" for a batch imported with "queue for sync" off (or whose sync was cancelled): queues
 * its leads, do-not-contact ones excepted; the history and the lead counts refresh after it.
 */
export function SendBatchButton({ batch }: { batch: ImportBatch }) {
  const queue = useWrite((batchId: number) => api.imports.queue({ batchId }), ['imports', 'leads']);
  const count = batch.notQueued.toLocaleString();

  return (
    <>
      <Tooltip label={`Queue the ${count} lead(s) of this file that were not sent to GoHighLevel`} withArrow>
        <Button size="xs" variant="light" loading={queue.isPending} onClick={() => queue.mutate(batch.id, { onSuccess: ({ queued }) => confirmQueued(queued, batch.fileName) })}>
          Send {count} to GHL
        </Button>
      </Tooltip>
      {queue.error && (
        <Text size="xs" c="red" role="alert">
          {queue.error.message}
        </Text>
      )}
    </>
  );
}

/** The button goes once the leads are queued: say what happened, and where to see when they go. */
function confirmQueued(queued: number, fileName: string): void {
  if (queued === 0) return showNothingQueued(`The leads of ${fileName}`);
  notifications.show({
    color: 'green',
    title: queued === 1 ? '1 lead queued' : `${queued.toLocaleString('en-US')} leads queued`,
    message: `From ${fileName}: they go to GoHighLevel on the company's schedule. The dashboard's Sending plan says when.`,
  });
}
