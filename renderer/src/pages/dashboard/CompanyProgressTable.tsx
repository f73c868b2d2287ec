import { Anchor, Badge, Card, Group, Progress, Table, Text, Title } from '@mantine/core';
import { browserLink } from '../leads/browser/browser-link';
import type { DashboardCompany } from './dashboard-types';
import { formatWhen } from './format';
import { countsOf } from './lead-status';
import { todayText } from '../../../../shared/plan-text';
import { PauseCompanyButton } from './PauseCompanyButton';
import { NEW_COMPANY_LINK } from '../companies/company-link';

/** The same judgement as the blocked list above the cards (one overview read). */
const blockLabels = {
  'no-key': { label: 'No API key', color: 'red' },
  'keychain-unavailable': { label: 'Keychain locked', color: 'red' },
  'key-refused': { label: 'Needs new API key', color: 'red' },
  'daily-limit': { label: 'Daily limit reached', color: 'orange' },
  'workflow-missing': { label: 'Needs a workflow', color: 'red' },
  'paused-by-user': { label: 'Paused', color: 'yellow' },
  'shared-customers-unasked': { label: 'Some wait for another company', color: 'orange' },
} as const;

/** One row per company: how much of its list is in GHL, and whether anything stops it. */
export function CompanyProgressTable({ companies }: { companies: DashboardCompany[] }) {
  return (
    <Card withBorder padding={0}>
      <Title order={4} p="md" pb="xs">
        Companies
      </Title>
      <Table verticalSpacing="sm" aria-label="Company progress">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Company</Table.Th>
            <Table.Th w="40%">Sent to GHL</Table.Th>
            <Table.Th>Still to go</Table.Th>
            <Table.Th>Today</Table.Th>
            <Table.Th>Failed</Table.Th>
            <Table.Th>Last sent</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {companies.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" ta="center" py="md">
                  No companies yet. <Anchor href={NEW_COMPANY_LINK}>Add your company</Anchor> to start.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {companies.map((company) => {
            const counts = countsOf(company.counts);
            // Progress counts the leads meant for GHL: not opted-out ones (do-not-contact, DND), not the
            // held-back ones (sent when someone presses Send).
            const waiting = company.queue.due + company.queue.scheduled + company.queue.sending;
            const total = counts.synced + counts.failed + waiting;
            const paused = company.blocked ? blockLabels[company.blocked.reason] : null;
            // The key's block comes first and hid a pause that still holds once the key is saved: both badges.
            const alsoPaused = company.blocked?.alsoPaused ? blockLabels[company.blocked.alsoPaused] : null;
            return (
              <Table.Tr key={company.companyId}>
                <Table.Td>
                  <Group gap="xs">
                    <Anchor href={browserLink({ companyId: company.companyId })} fw={500} size="sm" c="inherit">
                      {company.name}
                    </Anchor>
                    {paused &&
                      [paused, alsoPaused].map(
                        (badge) =>
                          badge && (
                            <Badge key={badge.label} color={badge.color} variant="light" size="sm">
                              {badge.label}
                            </Badge>
                          ),
                      )}
                    {/* GHL's daily limit lifts by itself, and sending resumes with it: the office may want it not to. Leads
                        held for another company's GHL hold those alone: the rest go, and may be paused. */}
                    {(!paused || company.blocked?.reason === 'daily-limit' || company.blocked?.reason === 'shared-customers-unasked') && waiting > 0 && (
                      <PauseCompanyButton companyId={company.companyId} companyName={company.name} />
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Progress value={total === 0 ? 0 : (counts.synced / total) * 100} color="green" style={{ flex: 1 }} aria-label={`${company.name} sent to GHL`} />
                    <Text size="sm" miw={90} ta="right">
                      {counts.synced.toLocaleString()} / {total.toLocaleString()}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {waiting.toLocaleString()}
                  {company.heldBack > 0 && (
                    <Text size="xs" c="yellow.8">
                      + {company.heldBack.toLocaleString()} waiting for Send
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {/* Leads that started the campaign today (company day) against the cap. */}
                  <Text size="sm" aria-label={`${company.name} today`}>
                    {todayText(company.plan, '')}
                  </Text>
                  {/* Counted against the cap, though "Sent to GHL" has none of them: the plan card says why. */}
                  {company.plan.unansweredToday > 0 && (
                    <Text size="xs" c="dimmed">
                      {company.plan.unansweredToday.toLocaleString('en-US')} without a clear answer from GHL
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {counts.failed > 0 ? (
                    <Anchor href={browserLink({ status: 'failed', companyId: company.companyId })} c="red" fw={600}>
                      {counts.failed.toLocaleString()}
                    </Anchor>
                  ) : (
                    '0'
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatWhen(company.lastSyncAt)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
