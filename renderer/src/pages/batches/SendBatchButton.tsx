import { Button, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { ImportBatch } from '../../../../shared/ipc/imports';
import { api } from '../../lib/api';

/**
 * "Send later" for a batch imported with "queue for sync" off (or whose sync was cancelled): queues
 * its leads, do-not-contact ones excepted. The history refreshes itself on the data:changed event.
 */
export function SendBatchButton({ batch }: { batch: ImportBatch }) {
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const count = batch.notQueued.toLocaleString();

  async function send() {
    setIsBusy(true);
    setError(null);
    const answer = await api.imports.queue({ batchId: batch.id });
    setIsBusy(false);
    if (!answer.ok) setError(answer.error.message);
  }

  return (
    <>
      <Tooltip label={`Queue the ${count} lead(s) of this file that were not sent to GoHighLevel`} withArrow>
        <Button size="xs" variant="light" loading={isBusy} onClick={() => void send()}>
          Send {count} to GHL
        </Button>
      </Tooltip>
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </>
  );
}
