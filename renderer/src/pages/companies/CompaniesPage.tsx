import { Alert, Badge, Button, Card, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Company } from '../../../../shared/company';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/use-query';
import { ApiKeyPanel } from './ApiKeyPanel';
import { CompanyForm } from './CompanyForm';

export function CompaniesPage() {
  const companies = useQuery(() => api.companies.list(), [], ['companies']);
  const [editing, setEditing] = useState<Company | 'new' | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [isStartingSandbox, setIsStartingSandbox] = useState(false);

  /** A local GHL stand-in and a demo company, to try the whole flow without a GHL account. */
  async function trySandbox() {
    setIsStartingSandbox(true);
    const result = await api.app.startSandbox();
    setIsStartingSandbox(false);
    if (!result.ok) return setRemoveError(result.error.message);
    notifications.show({
      color: 'green',
      title: 'Sandbox ready',
      message: `"${result.value.company.name}" talks to a local GHL sandbox. Import the sample CSV or add a lead, then watch the dashboard.`,
    });
    companies.refetch();
  }
  const current = editing === 'new' || editing === null ? null : (companies.data?.find((c) => c.id === editing.id) ?? editing);

  async function remove(company: Company) {
    setRemoveError(null);
    let result = await api.companies.remove({ id: company.id });
    if (!result.ok && result.error.code === 'conflict' && window.confirm(`${result.error.message}\n\nDelete "${company.name}" anyway?`)) {
      result = await api.companies.remove({ id: company.id, force: true });
    }
    if (!result.ok && result.error.code !== 'conflict') setRemoveError(result.error.message);
    else if (result.ok) setEditing(null);
  }

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>Companies</Title>
          <Text c="dimmed" size="sm">
            Each roofing company is one GoHighLevel sub-account (location).
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="default" loading={isStartingSandbox} onClick={() => void trySandbox()}>
            Try with a sandbox
          </Button>
          <Button onClick={() => setEditing('new')}>Add company</Button>
        </Group>
      </Group>
      {companies.error && <Alert color="red">{companies.error.message}</Alert>}
      {removeError && <Alert color="red">{removeError}</Alert>}
      <Card withBorder padding={0}>
        <Table highlightOnHover verticalSpacing="sm" aria-label="Companies">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>GHL location</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>API key</Table.Th>
              <Table.Th>Campaign</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {companies.data?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed" ta="center" py="lg">
                    No companies yet. Add the first one to start importing leads, or try the app with a sandbox first.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {companies.data?.map((company) => (
              <Table.Tr key={company.id}>
                <Table.Td fw={500}>{company.name}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {company.ghlLocationId}
                  </Text>
                </Table.Td>
                <Table.Td>{company.ownerName ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge color={company.hasApiKey ? 'green' : 'gray'} variant="light">
                    {company.hasApiKey ? 'Key set' : 'Not set'}
                  </Badge>
                  {company.syncPausedReason === 'auth' && (
                    <Badge color="red" variant="light" ml={4}>
                      Needs a new key
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{company.enrolMode === 'tag' ? `Tag ${company.enrolTag ?? '(monthly default)'}` : `Workflow ${company.workflowId ?? '—'}`}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button size="xs" variant="light" onClick={() => setEditing(company)}>
                      Edit
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Drawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        position="right"
        size="lg"
        title={<Title order={3}>{current ? current.name : 'New company'}</Title>}
      >
        {editing !== null && (
          <Stack gap="xl">
            <CompanyForm
              key={current?.id ?? 'new'}
              company={current}
              onSaved={(saved) => {
                companies.refetch();
                setEditing(saved);
              }}
              onCancel={() => setEditing(null)}
            />
            {current && <ApiKeyPanel company={current} />}
            {current && (
              <Button variant="subtle" color="red" onClick={() => void remove(current)}>
                Delete company
              </Button>
            )}
          </Stack>
        )}
      </Drawer>
    </Stack>
  );
}
