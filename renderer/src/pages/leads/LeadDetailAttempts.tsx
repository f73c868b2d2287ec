import { Alert, Badge, Code, Skeleton, Table, Text, Title } from '@mantine/core';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/use-query';

/** Every request made for this lead, newest first: what support asks for when GHL misbehaves. */
export function LeadDetailAttempts({ leadId }: { leadId: number }) {
  const attempts = useQuery(() => api.sync.attempts({ leadId }), [leadId], ['sync', 'leads']);
  return (
    <div>
      <Title order={5} mb="xs">
        Sync attempts
      </Title>
      {attempts.error && <Alert color="red">{attempts.error.message}</Alert>}
      {attempts.isLoading && !attempts.data && <Skeleton height={60} />}
      {attempts.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          Not sent to GHL yet.
        </Text>
      )}
      {attempts.data && attempts.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="xs" verticalSpacing={6} striped aria-label="Sync attempts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Operation</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Message</Table.Th>
                <Table.Th>Trace id</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attempts.data.map((attempt) => {
                const isOk = attempt.errorCode === null && (attempt.httpStatus === null || attempt.httpStatus < 400);
                return (
                  <Table.Tr key={attempt.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{new Date(attempt.at).toLocaleString()}</Table.Td>
                    <Table.Td>{attempt.operation}</Table.Td>
                    <Table.Td>
                      <Badge size="xs" color={isOk ? 'green' : 'red'} variant="light">
                        {attempt.httpStatus ?? (isOk ? 'ok' : 'error')}
                        {attempt.errorCode ? ` · ${attempt.errorCode}` : ''}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{attempt.message ?? '—'}</Table.Td>
                    <Table.Td>{attempt.traceId ? <Code fz="xs">{attempt.traceId}</Code> : '—'}</Table.Td>
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
