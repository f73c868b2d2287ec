import { Alert, Anchor, Badge, Button, Card, Group, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { EventPayload } from '../../../../shared/ipc/events';
import type { ImportBatch } from '../../../../shared/ipc/imports';
import { DownloadRejectedButton } from '../../components/DownloadRejectedButton';
import { displayFileName } from '../../components/file-name';
import { companiesQuery, importsListQuery } from '../../lib/queries';
import { momentFormat } from '../../lib/clock';
import { SendBatchButton } from './SendBatchButton';
import { StopSendingButton } from './StopSendingButton';
import { UndoBatchModal } from './UndoBatchModal';
import { BatchOutcome } from './BatchOutcome';
import { useRunningProgress } from './use-running-progress';

const STATE_BADGES = {
  running: { color: 'blue', label: 'Importing' },
  // The file is in; whether its leads went is the Send / waiting columns' news, not this one's.
  completed: { color: 'green', label: 'Imported' },
  cancelled: { color: 'yellow', label: 'Cancelled' },
  failed: { color: 'red', label: 'Failed' },
  undone: { color: 'gray', label: 'Undone' },
} as const satisfies Record<ImportBatch['state'], { color: string; label: string }>;


/** Every import, newest first, with what it did and the way back (undo). */
export function BatchHistoryPage() {
  const batches = useQuery(importsListQuery());
  const companies = useQuery(companiesQuery());
  const progress = useRunningProgress();
  const [undoing, setUndoing] = useState<ImportBatch | null>(null);
  const companyName = (id: number) => companies.data?.find((company) => company.id === id)?.name ?? `Company ${id}`;

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>Import history</Title>
          <Text c="dimmed" size="sm">
            Every file imported, what became of its rows, and an undo if a file was wrong.
          </Text>
        </div>
        <Button component="a" href="#/import">
          Import a file
        </Button>
      </Group>
      {batches.error && (
        <Alert color="red" title="Could not load the imports">
          {batches.error.message}
        </Alert>
      )}
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={960}>
          <Table aria-label="Import batches" verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="24%">File</Table.Th>
                <Table.Th>Company</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th ta="right">Imported</Table.Th>
                <Table.Th ta="right">Updated</Table.Th>
                <Table.Th ta="right">Duplicates</Table.Th>
                <Table.Th ta="right">Rejected</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>Leads now</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.isLoading && !batches.data && (
                <Table.Tr>
                  <Table.Td colSpan={9}>
                    <Group justify="center" py="lg">
                      <Loader size="sm" />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              )}
              {batches.data?.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={9}>
                    <Text c="dimmed" ta="center" py="lg">
                      No imports yet. <Anchor href="#/import">Import a spreadsheet of old customers</Anchor> (CSV or Excel); each file
                      then shows here with what became of its rows, and an undo.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {batches.data?.map((batch) => (
                <BatchRow
                  key={batch.id}
                  batch={batch}
                  companyName={companyName(batch.companyId)}
                  progress={progress.get(batch.id)}
                  onUndo={() => setUndoing(batch)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <UndoBatchModal batch={undoing} onClose={() => setUndoing(null)} />
    </Stack>
  );
}

interface RowProps {
  batch: ImportBatch;
  companyName: string;
  progress: EventPayload<'import:progress'> | undefined;
  onUndo: () => void;
}

function BatchRow({ batch, companyName, progress, onUndo }: RowProps) {
  // An undo keeps the leads that had reached GHL: "Undone" beside "Imported 8" read as if all 8 were gone.
  const isPartlyUndone = batch.state === 'undone' && batch.keptAfterUndo > 0;
  const badge = isPartlyUndone ? { color: 'orange', label: 'Partly undone' } : STATE_BADGES[batch.state];
  const isRunning = batch.state === 'running';
  const canUndo = batch.state !== 'undone' && !isRunning && batch.imported > 0;
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {displayFileName(batch.fileName)}
        </Text>
        {/* Under the name, not a column of its own: a tenth column squeezed the file name to one word a line. */}
        <Text size="xs" c="dimmed">
          {momentFormat.format(batch.createdAt)}
          {batch.tag && ` · tag ${batch.tag}`}
        </Text>
      </Table.Td>
      <Table.Td>{companyName}</Table.Td>
      <Table.Td>
        <Badge color={badge.color} variant="light" w="max-content">
          {badge.label}
        </Badge>
        {isRunning && <RunningProgress batch={batch} progress={progress} />}
        {isPartlyUndone && (
          <Text size="xs" c="dimmed" data-testid="kept-after-undo">
            {batch.keptAfterUndo.toLocaleString()} lead{batch.keptAfterUndo === 1 ? '' : 's'} kept: already sent to GHL
          </Text>
        )}
        {batch.error && (
          <Text size="xs" c="red">
            {batch.error}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">{batch.imported.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{batch.updated.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{batch.duplicates.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{batch.rejected.toLocaleString()}</Table.Td>
      <Table.Td>
        <BatchOutcome batch={batch} />
      </Table.Td>
      <Table.Td>
        {/* Stacked: side by side, three actions pushed "Undo import" out of a 1360 px window. */}
        <Stack gap={4} align="flex-end">
          {batch.notQueued > 0 && <SendBatchButton batch={batch} />}
          {batch.waiting > 0 && <StopSendingButton batch={batch} />}
          <DownloadRejectedButton batchId={batch.id} fileName={batch.fileName} rejected={batch.rejected} size="xs" />
          {canUndo && (
            <Button size="xs" variant="subtle" color="red" onClick={onUndo}>
              Undo import
            </Button>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function RunningProgress({ batch, progress }: { batch: ImportBatch; progress: EventPayload<'import:progress'> | undefined }) {
  const percent = progress && progress.totalBytes > 0 ? (progress.processedBytes / progress.totalBytes) * 100 : 0;
  const rows = progress?.processedRows ?? batch.processedRows;
  return (
    <Stack gap={2} mt={4} w={140}>
      <Progress value={percent} size="sm" animated aria-label={`Progress of ${displayFileName(batch.fileName)}`} />
      <Text size="xs" c="dimmed">
        {rows.toLocaleString()} rows
      </Text>
    </Stack>
  );
}
