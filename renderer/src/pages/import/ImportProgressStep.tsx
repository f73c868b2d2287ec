import { Alert, Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ImportBatch } from '../../../../shared/ipc/imports';
import { api } from '../../lib/api';
import { importQuery } from '../../lib/queries';
import { useWrite } from '../../lib/use-write';
import { formatEta, useImportProgress } from './use-import-progress';

interface Props {
  batchId: number;
  onFinished: (batch: ImportBatch) => void;
}

/**
 * Step 4: the import runs in main's worker; this only listens. Progress events drive the bar,
 * the batch record (reloaded when main says imports changed, or an import ended) decides when it is over.
 */
export function ImportProgressStep({ batchId, onFinished }: Props) {
  const progress = useImportProgress(batchId);
  const batch = useQuery(importQuery(batchId));
  const cancelWrite = useWrite((id: number) => api.imports.cancel({ batchId: id }), ['imports']);
  // After main accepts, the worker still stops at a chunk boundary: say so until the batch row ends.
  const isCancelling = cancelWrite.isPending || cancelWrite.isSuccess;
  const cancelError = cancelWrite.error?.message ?? null;
  const state = batch.data?.state;

  useEffect(() => {
    if (state && state !== 'running') onFinished(batch.data!);
  }, [state, batch.data, onFinished]);

  // The worker said it ended but the batch row we hold still says running (read before its last commit):
  // read it again, shortly and until it agrees. Not left to the coalesced data:changed reload alone: in CI
  // that reload once never came, and the wizard sat on a finished import.
  const hasEnded = progress !== null && progress.state !== 'running';
  const { refetch, dataUpdatedAt } = batch;
  useEffect(() => {
    if (!hasEnded || state !== 'running') return;
    const timer = setTimeout(() => void refetch(), 250);
    return () => clearTimeout(timer);
  }, [hasEnded, state, dataUpdatedAt, refetch]);


  const percent = progress && progress.totalBytes > 0 ? Math.min(100, (progress.processedBytes / progress.totalBytes) * 100) : 0;
  return (
    <Card withBorder padding="lg">
      <Stack>
        <Text fw={600}>{isCancelling ? 'Stopping the import…' : 'Importing…'}</Text>
        <Progress value={percent} size="xl" animated striped aria-label="Import progress" />
        <Group justify="space-between">
          <Text size="sm" data-testid="import-rows">
            {(progress?.processedRows ?? batch.data?.processedRows ?? 0).toLocaleString()} rows done
            {progress && progress.rowsPerSecond > 0 ? ` · ${Math.round(progress.rowsPerSecond).toLocaleString()} rows/s` : ''}
          </Text>
          <Text size="sm" c="dimmed">
            {progress ? formatEta(progress.etaSeconds) : 'starting…'}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          You can keep using the app; the import continues in the background. Rows already saved stay saved if you cancel
          {batch.data?.queueSync === false ? '.' : ', and go to GoHighLevel like any others unless you stop them in Import history.'}
        </Text>
        {cancelError && <Alert color="red">{cancelError}</Alert>}
        {batch.error && <Alert color="red">{batch.error.message}</Alert>}
        <Group justify="flex-end">
          <Button color="red" variant="light" onClick={() => cancelWrite.mutate(batchId)} loading={isCancelling}>
            Cancel import
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
