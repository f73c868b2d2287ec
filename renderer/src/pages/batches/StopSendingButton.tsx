import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ImportBatch } from '../../../../shared/ipc/imports';
import { displayFileName } from '../../components/file-name';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';

/**
 * "Stop sending" for a file whose leads are on their way: the wrong list, a campaign that must wait. Its
 * waiting leads stay in the app, held back ("Send N to GHL" sends them later); the ones the sync has picked
 * up but not sent stop too, and only a text already on its way finishes. Undo removes the leads; Pause
 * stops the whole company; this stops one file.
 */
export function StopSendingButton({ batch }: { batch: ImportBatch }) {
  const [isAsking, setIsAsking] = useState(false);
  const stop = useWrite((batchId: number) => api.sync.cancelBatch({ batchId }), ['imports', 'leads', 'sync']);
  const count = batch.waiting.toLocaleString('en-US');
  const fileName = displayFileName(batch.fileName);
  const close = () => {
    if (!stop.isPending) setIsAsking(false);
  };

  return (
    <>
      <Button size="xs" variant="subtle" color="orange" onClick={() => setIsAsking(true)}>
        Stop sending
      </Button>
      <Modal opened={isAsking} onClose={close} title="Stop sending this file?" closeOnClickOutside={!stop.isPending}>
        <Stack>
          <Text size="sm">
            {batch.waiting === 1 ? 'The 1 lead' : `The ${count} leads`} of <b>{fileName}</b> still waiting for their first text will not be sent.
            They stay in the app, held back: <b>Send to GHL</b> on this page sends them later.
          </Text>
          <Text size="sm" c="dimmed">
            A text already on its way to GoHighLevel finishes. Leads already in the campaign are not touched.
          </Text>
          {stop.error && (
            <Text size="sm" c="red" role="alert">
              {stop.error.message}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={stop.isPending}>
              Keep sending
            </Button>
            <Button
              color="orange"
              loading={stop.isPending}
              onClick={() =>
                stop.mutate(batch.id, {
                  onSuccess: ({ cancelled }) => {
                    setIsAsking(false);
                    notifications.show({
                      // By id, so that an undo of the same import takes it away (it said "Send to GHL sends them" of removed leads).
                      id: stopNoticeId(batch.id),
                      color: 'orange',
                      title: cancelled === 1 ? 'Sending stopped: 1 lead held back' : `Sending stopped: ${cancelled.toLocaleString('en-US')} leads held back`,
                      message: `From ${fileName}. Send to GHL on this page sends them when you are ready.`,
                    });
                  },
                })
              }
            >
              Stop sending
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The id of the "Sending stopped" notice of an import (UndoBatchModal hides it once the import is undone). */
export const stopNoticeId = (batchId: number) => `stop-sending-${batchId}`;
