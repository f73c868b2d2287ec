import { Alert, Badge, Button, Card, FileButton, Group, List, Pagination, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import type { OptOut } from '../../../../shared/ipc/optouts';
import { optOutSourceLabels } from '../../../../shared/optouts';
import { api, fieldErrors, unwrap } from '../../lib/api';
import { invalidate } from '../../lib/live-queries';
import { queryKeys } from '../../lib/query-keys';
import { useWrite } from '../../lib/use-write';
import { formatOptOut } from './format-opt-out';
import { RemoveOptOutModal } from './RemoveOptOutModal';

/** "1 lead is now do-not-contact" / "3 leads are now …": GHL is told for the contacts it already has (the sync sets their DND). */
const leadsMarkedText = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'lead is' : 'leads are'} now do-not-contact; GHL is told for any it already has.`;

const PAGE_SIZE = 50;

/**
 * The office-wide opt-out list: numbers and emails no company may send a campaign to. Leads marked
 * do-not-contact and contacts GHL reports on do-not-disturb land here by themselves; the office adds
 * more by hand or from a file (an old CRM's do-not-call list, a STOP report) and removes with a reason.
 */
export function OptOutsPage() {
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const [removing, setRemoving] = useState<OptOut | null>(null);
  const offset = (page - 1) * PAGE_SIZE;
  const list = useQuery({
    queryKey: queryKeys.optOuts.page(debounced, offset),
    queryFn: () => unwrap(api.optouts.list({ search: debounced || undefined, offset, limit: PAGE_SIZE })),
    placeholderData: keepPreviousData,
  });
  // Marked leads change the lead lists and the dashboard; the list itself is refreshed here.
  const refresh = () => invalidate(client, [queryKeys.optOuts.all]);

  return (
    <Stack>
      <div>
        <Title order={2}>Opt-outs</Title>
        <Text c="dimmed" size="sm" maw={820}>
          One list for all your companies: these phone numbers and emails never start a campaign. Leads you mark do-not-contact are added by
          themselves, and so are customers GHL has on do-not-disturb (a STOP reply), learnt when a lead is sent or before another of your
          companies texts them. Adding a number here makes every lead with it, in every company, do-not-contact.
        </Text>
      </div>
      <SimpleGrid cols={2} spacing="md">
        <AddOptOut onAdded={refresh} />
        <ImportOptOuts onImported={refresh} />
      </SimpleGrid>
      <Card withBorder padding={0}>
        <Group p="sm" justify="space-between">
          <TextInput
            aria-label="Search opt-outs"
            placeholder="Search a number, an email or a reason"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={340}
          />
          <Text size="sm" c="dimmed" data-testid="optout-total">
            {list.data ? `${list.data.total.toLocaleString()} on the list${debounced ? ' matching' : ''}` : ''}
          </Text>
        </Group>
        {list.error && <Alert color="red">{list.error.message}</Alert>}
        <Table highlightOnHover verticalSpacing="xs" aria-label="Opt-out list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Phone or email</Table.Th>
              <Table.Th>How it got here</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Added</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed" ta="center" py="lg">
                    {debounced ? 'Nothing on the list matches this search.' : 'The list is empty. Add a number above, or import the do-not-call list of your old CRM.'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {list.data?.items.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>
                  {/* A number broken over two lines reads as two numbers: a long reason beside it squeezed it so. */}
                  <Text size="sm" ff={entry.kind === 'phone' ? 'monospace' : undefined} style={{ whiteSpace: 'nowrap' }}>
                    {formatOptOut(entry)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {/* Wrapped, never cut: "GHL has this contact o…" said nothing. */}
                  <Badge
                    variant="light"
                    color={entry.source === 'manual' ? 'blue' : entry.source === 'import' ? 'grape' : 'orange'}
                    styles={{ root: { height: 'auto', paddingBlock: 2 }, label: { whiteSpace: 'normal', overflow: 'visible' } }}
                  >
                    {optOutSourceLabels[entry.source]}
                  </Badge>
                  {entry.companyName && (
                    <Text size="xs" c="dimmed">
                      {entry.companyName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entry.reason ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {new Date(entry.createdAt).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(entry)} aria-label={`Remove ${formatOptOut(entry)}`}>
                      Remove
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.data && list.data.total > PAGE_SIZE && (
          <Group justify="center" p="sm">
            <Pagination total={Math.ceil(list.data.total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" aria-label="Opt-out pages" />
          </Group>
        )}
      </Card>
      <RemoveOptOutModal entry={removing} onClose={() => setRemoving(null)} onRemoved={refresh} />
    </Stack>
  );
}

function AddOptOut({ onAdded }: { onAdded: () => void }) {
  const [contact, setContact] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const add = useWrite((input: { phone?: string; email?: string; reason?: string }) => api.optouts.add(input), ['leads', 'companies']);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(null);
    const value = contact.trim();
    if (!value) return setError('Enter a phone number or an email address');
    add.mutate(
      { ...(value.includes('@') ? { email: value } : { phone: value }), ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: (result) => {
          const marked = result.leadsMarked ? ` ${leadsMarkedText(result.leadsMarked)}` : '';
          setDone(`${formatOptOut(result.entry)} ${result.isNew ? 'is on the list.' : 'was already on the list.'}${marked}`);
          setContact('');
          setReason('');
          onAdded();
        },
        onError: (failure) => setError(Object.values(fieldErrors(failure))[0] ?? failure.message),
      },
    );
  }

  return (
    <Card withBorder>
      <form onSubmit={submit} aria-label="Add to the opt-out list">
        <Stack gap="xs">
          <Text fw={500}>Add a number or email</Text>
          <Group align="flex-start" grow>
            <TextInput label="Phone or email" placeholder="(512) 555-0142" value={contact} onChange={(e) => setContact(e.currentTarget.value)} error={error} />
            <TextInput label="Reason (optional)" placeholder="Asked us not to text" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          </Group>
          <Group justify="space-between">
            <Text size="sm" c="green" role="status">
              {done}
            </Text>
            <Button type="submit" loading={add.isPending}>
              Add to the list
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ImportOptOuts({ onImported }: { onImported: () => void }) {
  const [result, setResult] = useState<ChannelOutput<'optouts:import'> | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const importList = useWrite(async (file: File) => api.optouts.import({ path: (await api.files.handleFor(file)).handle }), ['leads', 'companies']);

  function pick(file: File | null) {
    if (!file) return;
    setResult(null);
    setFileName(file.name);
    importList.mutate(file, {
      onSuccess: (counts) => {
        setResult(counts);
        onImported();
      },
    });
  }

  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={500}>Import a list</Text>
        <Text size="sm" c="dimmed">
          A CSV or Excel file from your old CRM or a STOP report: phone numbers in any format, or emails. Other columns are ignored.
        </Text>
        <Group>
          <FileButton onChange={pick} accept=".csv,.txt,.tsv,.xlsx,.xls,.ods,text/csv">
            {(props) => (
              <Button variant="light" loading={importList.isPending} {...props}>
                Choose a file…
              </Button>
            )}
          </FileButton>
          {fileName && (
            <Text size="sm" c="dimmed">
              {fileName}
            </Text>
          )}
        </Group>
        {importList.error && (
          <Alert color="red" role="alert">
            {importList.error.message}
          </Alert>
        )}
        {result && (
          <Alert color={result.invalid ? 'yellow' : 'green'} title="List imported" data-testid="optout-import-result">
            <Text size="sm">
              {result.added.toLocaleString()} added · {result.already.toLocaleString()} already on the list
              {result.repeated ? ` · ${result.repeated.toLocaleString()} repeated in the file` : ''} · {result.invalid.toLocaleString()} not a phone number or email
              {result.leadsMarked ? ` · ${leadsMarkedText(result.leadsMarked)}` : ''}
            </Text>
            {result.invalidExamples.length > 0 && (
              <List size="xs" mt={4}>
                {result.invalidExamples.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
