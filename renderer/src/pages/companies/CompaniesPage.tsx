import { Alert, Badge, Button, Card, Divider, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Company } from '../../../../shared/company';
import { api, type ApiError } from '../../lib/api';
import { companiesQuery } from '../../lib/queries';
import { useWrite } from '../../lib/use-write';
import { ApiKeyPanel } from './ApiKeyPanel';
import { CompanyForm } from './CompanyForm';
import { CompanyPlan } from './CompanyPlan';
import { SchedulePanel } from './SchedulePanel';
import { KeyStatusBadge } from './KeyStatusBadge';
import { pausedText } from '../../../../shared/plan-text';
import { CampaignCell } from './CampaignCell';
import { zoneLabel } from '../../../../shared/zone-label';
import { isNewCompanyLink, linkedCompanyId } from './company-link';
import { useSendingHold } from '../../lib/use-sending-hold';

/** "2027-01-04" → "Jan 4, 2027" in the user's locale (the calendar day itself, no zone shift). */
const formatDay = (isoDate: string) => new Date(`${isoDate}T00:00:00`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });

export function CompaniesPage() {
  const companies = useQuery(companiesQuery());
  // Sending paused or stopped as a whole showed on the dashboard only: here every company read as sending (a review).
  const { hold } = useSendingHold();
  const [editing, setEditing] = useState<Company | 'new' | null>(() => (isNewCompanyLink() ? 'new' : null));
  // Opened by a link to one company: its drawer, once the list is here (and again if the link changes).
  const [linkedId, setLinkedId] = useState(() => linkedCompanyId());
  useEffect(() => {
    const onHash = () => {
      setLinkedId(linkedCompanyId());
      if (isNewCompanyLink()) setEditing('new');
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    const linked = linkedId === null ? undefined : companies.data?.find((company) => company.id === linkedId);
    if (linked) setEditing(linked);
  }, [linkedId, companies.data]);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const sandbox = useWrite((_: void) => api.app.startSandbox(), ['companies']);
  const removal = useWrite((input: { id: number; force?: boolean }) => api.companies.remove(input), ['companies']);

  /** A local GHL stand-in and a demo company, to try the whole flow without a GHL account. */
  function trySandbox() {
    sandbox.mutate(undefined, {
      onError: (error) => setRemoveError(error.message),
      onSuccess: ({ company }) =>
        notifications.show({
          color: 'green',
          title: 'Sandbox ready',
          message: `"${company.name}" talks to a local GHL sandbox. Import a spreadsheet of leads or add one by hand, then watch the dashboard.`,
        }),
    });
  }
  const current = editing === 'new' || editing === null ? null : (companies.data?.find((c) => c.id === editing.id) ?? editing);
  // The drawer holds two forms saved separately (details; schedule): closing over unsaved edits asks first.
  const unsaved = useRef({ details: false, schedule: false });
  const markDetailsDirty = useCallback((isDirty: boolean) => {
    unsaved.current.details = isDirty;
  }, []);
  const markScheduleDirty = useCallback((isDirty: boolean) => {
    unsaved.current.schedule = isDirty;
  }, []);
  function close() {
    const { details, schedule } = unsaved.current;
    const what = [details && 'the company details', schedule && 'the sending schedule'].filter(Boolean).join(' and ');
    if (what && !window.confirm(`Your changes to ${what} are not saved. Close and lose them?`)) return;
    unsaved.current = { details: false, schedule: false };
    setEditing(null);
    // A reload must not open it again.
    if (linkedId !== null || isNewCompanyLink()) window.location.hash = '#/companies';
    setLinkedId(null);
  }

  async function remove(company: Company) {
    setRemoveError(null);
    const attempt = (force: boolean) =>
      removal.mutateAsync({ id: company.id, ...(force && { force }) }).then(
        () => null,
        (error: ApiError) => error,
      );
    let error = await attempt(false);
    if (error?.code === 'conflict' && window.confirm(`${error.message}\n\nDelete "${company.name}" anyway?`)) error = await attempt(true);
    if (error && error.code !== 'conflict') setRemoveError(error.message);
    else if (!error) setEditing(null);
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
          <Button variant="default" loading={sandbox.isPending} onClick={trySandbox}>
            Try with a sandbox
          </Button>
          <Button onClick={() => setEditing('new')}>Add company</Button>
        </Group>
      </Group>
      {companies.error && <Alert color="red">{companies.error.message}</Alert>}
      {removeError && <Alert color="red">{removeError}</Alert>}
      {(hold === 'all-paused' || hold === 'stopped') && (
        <Alert color="yellow" data-testid="companies-sending-hold">
          {hold === 'all-paused'
            ? 'Sending is paused for every company: no lead goes to GHL until you resume it on the dashboard.'
            : 'Sending is stopped: no lead goes to GHL until you press Start on the dashboard.'}
        </Alert>
      )}
      <Card withBorder padding={0}>
        <Table highlightOnHover verticalSpacing="sm" aria-label="Companies">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>GHL location</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>API key</Table.Th>
              <Table.Th>Campaign</Table.Th>
              <Table.Th>Sending</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {companies.data?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
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
                {/* Never squeezed: "Key set" cut to "KEY…" said nothing. */}
                <Table.Td style={{ whiteSpace: 'nowrap', minWidth: 104 }}>
                  <KeyStatusBadge company={company} />
                </Table.Td>
                <Table.Td>
                  <CampaignCell company={company} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{company.scheduleShort}</Text>
                  {/* The hours are each lead's own; the company's zone only says when its day (and daily count) starts: a bare zone under the hours read as their zone. */}
                  <Text size="xs" c="dimmed">
                    hours in each lead&apos;s own time · the daily count restarts at midnight {zoneLabel(company.schedule.timeZone)}
                    {company.schedule.startDate ? ` · from ${formatDay(company.schedule.startDate)}` : ''}
                  </Text>
                  {company.scheduleNotes.length > 0 && (
                    <Text size="xs" c="orange.8">
                      Some states allow fewer hours (see Edit)
                    </Text>
                  )}
                  {/* A pause showed only in the Edit drawer (a review). A refused key's pause is the key badge's. */}
                  {company.syncPausedReason !== null && company.syncPausedReason !== 'auth' && (
                    <Text size="xs" c="red.8" data-testid="company-paused">
                      {pausedText(company.syncPausedReason)}
                    </Text>
                  )}
                </Table.Td>
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
        onClose={close}
        position="right"
        size="lg"
        title={<Title order={3}>{current ? current.name : 'New company'}</Title>}
      >
        {editing !== null && (
          // Three parts, each saved by its own button: a rule between them says where each one's fields end.
          <Stack gap="lg">
            {/* No key yet (or GHL refused it): the key is the first thing to do, so it comes first. */}
            {current && needsKey(current) && (
              <>
                <ApiKeyPanel company={current} />
                <Divider />
              </>
            )}
            {current && <CompanyPlan key={`plan-${current.id}`} company={current} />}
            <CompanyForm
              key={current?.id ?? 'new'}
              company={current}
              onSaved={setEditing}
              onCancel={close}
              onDirtyChange={markDetailsDirty}
            />
            {current && !needsKey(current) && (
              <>
                <Divider />
                <ApiKeyPanel company={current} />
              </>
            )}
            {current && (
              <>
                <Divider />
                <SchedulePanel key={`schedule-${current.id}`} company={current} onDirtyChange={markScheduleDirty} />
              </>
            )}
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

const needsKey = (company: Company) => (!company.hasApiKey && !company.isKeyUnreadable) || company.syncPausedReason === 'auth';
