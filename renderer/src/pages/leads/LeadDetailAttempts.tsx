import { Alert, Button, Group, Skeleton, Table, Text, Title } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { Lead } from '../../../../shared/lead';
import { attemptsQuery } from '../../lib/queries';
import { momentWithSecondsFormat } from '../../lib/clock';
import { supportDetails } from './support-details';

/**
 * What each GHL call was for, in the office's words (the API name stays in a tooltip for support). Named as what was
 * asked, not as done: "Saved the contact in GHL" beside "No answer" read as a success (a review); the Result column
 * says how it went.
 */
const OPERATIONS: Record<string, string> = {
  upsertContact: 'Save the contact in GHL',
  updateContact: 'Update the contact in GHL',
  bulkAddTags: 'Add the campaign tag',
  addTags: 'Add the old CRM tags',
  addToWorkflow: 'Add to the workflow',
  createNote: 'Write the note',
  listNotes: 'Look for the note',
  getContact: 'Look up the contact',
  findContact: 'Look for the contact by phone and email',
  setDnd: 'Turn on do-not-disturb in GHL',
  deleteContact: 'Delete the contact in GHL',
};

function resultLabel(httpStatus: number | null, errorCode: string | null): string {
  if (errorCode === null && (httpStatus === null || httpStatus < 400)) return 'Done';
  if (httpStatus === 429) return 'Too many requests';
  if (httpStatus !== null && httpStatus >= 500) return 'GHL error';
  if (httpStatus === 401 || httpStatus === 403) return 'Key refused';
  if (httpStatus !== null) return 'Refused';
  return 'No answer';
}

/** Every request made for this lead, newest first; the ids support asks for are behind "Copy details". */
export function LeadDetailAttempts({ lead }: { lead: Lead }) {
  const attempts = useQuery(attemptsQuery(lead.id));
  const clipboard = useClipboard({ timeout: 2000 });
  return (
    <div>
      <Group justify="space-between" mb="xs">
        <Title order={5}>Sync attempts</Title>
        <Button size="xs" variant="default" onClick={() => clipboard.copy(supportDetails(lead, attempts.data ?? []))}>
          {clipboard.copied ? 'Copied' : 'Copy details'}
        </Button>
      </Group>
      {attempts.error && <Alert color="red">{attempts.error.message}</Alert>}
      {attempts.isLoading && !attempts.data && <Skeleton height={60} />}
      {/* A failure the app decided on after its calls went ("already had the tag") is no call of its own: the table
          ended on "Done" beside a lead marked Failed (a review). Said above the calls, in the status's words. */}
      {attempts.data && lead.status === 'failed' && lead.lastError !== null && !attempts.data.some((attempt) => attempt.message === lead.lastError) && (
        <Text size="sm" c="red.7" mb="xs" role="status" aria-label="Why it stopped">
          Stopped{attempts.data.length > 0 ? ' after these calls' : ''}: {lead.lastError}
        </Text>
      )}
      {attempts.data?.length === 0 && !(lead.status === 'failed' && lead.lastError !== null) && (
        <Text size="sm" c="dimmed">
          {/* "Yet" promised a send that a do-not-contact lead never gets. */}
          {lead.doNotContact ? 'Never sent to GHL: the lead is do-not-contact.' : 'Not sent to GHL yet.'}
        </Text>
      )}
      {attempts.data && attempts.data.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table fz="xs" verticalSpacing={6} striped aria-label="Sync attempts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Call to GHL</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attempts.data.map((attempt) => {
                const isOk = attempt.errorCode === null && (attempt.httpStatus === null || attempt.httpStatus < 400);
                return (
                  <Table.Tr key={attempt.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{momentWithSecondsFormat.format(attempt.at)}</Table.Td>
                    <Table.Td title={attempt.operation}>{OPERATIONS[attempt.operation] ?? attempt.operation}</Table.Td>
                    <Table.Td>
                      {/* Text, not a Badge: a badge cuts "No answer" to "NO ANS…" in this narrow column. */}
                      <Text
                        size="xs"
                        fw={600}
                        c={isOk ? 'green.8' : 'red.7'}
                        style={{ whiteSpace: 'nowrap' }}
                        title={[attempt.httpStatus && `HTTP ${attempt.httpStatus}`, attempt.errorCode].filter(Boolean).join(' · ') || undefined}
                      >
                        {resultLabel(attempt.httpStatus, attempt.errorCode)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{attempt.message ?? '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </div>
  );
}
