import { Anchor, Stack, Text } from '@mantine/core';
import type { ImportBatch } from '../../../../shared/ipc/imports';
import { browserLink } from '../leads/browser/browser-link';
import type { LeadStatus } from '../../../../shared/lead';

interface Line {
  count: number;
  label: string;
  /** The Leads page, filtered to this file and status: the office can see who. */
  status: LeadStatus | null;
  color?: string;
}

/**
 * Where a file's leads are now: the counts beside it say what the import did with its rows, not whether anyone
 * was texted. "Imported 500" a week later said nothing of the 3 that failed.
 */
export function BatchOutcome({ batch }: { batch: ImportBatch }) {
  if (batch.state === 'running') return <Text size="sm" c="dimmed">—</Text>;
  const lines = ([
    { count: batch.sent, label: 'sent to GHL', status: 'synced' },
    { count: batch.waiting, label: 'waiting to send', status: 'queued' },
    { count: batch.notQueued, label: 'not sent yet', status: 'new' },
    { count: batch.failed, label: 'failed', status: 'failed', color: 'red' },
    // The status' own words: "opted out" read as customers who replied STOP, where most are rows the file marked.
    { count: batch.optedOutNow, label: 'do not contact', status: null },
  ] satisfies Line[]).filter((line) => line.count > 0);
  if (lines.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Stack gap={0} data-testid={`batch-outcome-${batch.id}`}>
      {lines.map((line) => {
        const text = `${line.count.toLocaleString()} ${line.label}`;
        return (
          <Text key={line.label} size="sm" style={{ whiteSpace: 'nowrap' }}>
            {line.status ? (
              <Anchor href={browserLink({ batchId: batch.id, status: line.status, companyId: batch.companyId })} c={line.color} fw={line.color ? 600 : undefined} inherit>
                {text}
              </Anchor>
            ) : (
              text
            )}
          </Text>
        );
      })}
    </Stack>
  );
}
