import '@mantine/charts/styles.css';
import { Alert, Group, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ConnectivityBanner } from '../../components/ConnectivityBanner';
import { companiesQuery, dashboardOverviewQuery } from '../../lib/queries';
import { CompanyAlerts } from './CompanyAlerts';
import { CompanyProgressTable } from './CompanyProgressTable';
import { countsOf } from './lead-status';
import { ProblemsPanel } from './ProblemsPanel';
import { UnconfirmedPanel } from './UnconfirmedPanel';
import { StatusCards } from './StatusCards';
import { SyncedChart } from './SyncedChart';
import { SyncProgressCard } from './SyncProgressCard';

/** Home page: did my leads go out, what went wrong, what do I fix. */
export function DashboardPage() {
  const [companyId, setCompanyId] = useState<number | null>(null);
  // Cards, problems, "Sending to GHL" and the companies table all read this one result.
  const overview = useQuery(dashboardOverviewQuery(companyId));
  const companies = useQuery(companiesQuery());
  const companyNames = useMemo(() => new Map((companies.data ?? []).map((company) => [company.id, company.name])), [companies.data]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Dashboard</Title>
          <Text c="dimmed" size="sm">
            Did the leads go out, and what needs fixing.
          </Text>
        </div>
        <Select
          aria-label="Company"
          placeholder="All companies"
          clearable
          w={240}
          data={(companies.data ?? []).map((company) => ({ value: String(company.id), label: company.name }))}
          value={companyId === null ? null : String(companyId)}
          onChange={(value) => setCompanyId(value ? Number(value) : null)}
        />
      </Group>
      <ConnectivityBanner />
      {overview.error && (
        <Alert color="red" title="Could not load the dashboard">
          {overview.error.message}
        </Alert>
      )}
      {!overview.data ? (
        <Skeleton height={320} aria-label="Loading the dashboard" />
      ) : (
        <>
          <CompanyAlerts companies={overview.data.summary.companies} />
          <StatusCards totals={countsOf(overview.data.summary.totals)} syncedToday={overview.data.summary.syncedToday} companyId={companyId} />
          <ProblemsPanel
            failedReasons={overview.data.summary.failedReasons}
            companyNames={companyNames}
            showCompany={companyId === null && companyNames.size > 1}
          />
          <UnconfirmedPanel companyId={companyId} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <SyncProgressCard overview={overview.data} />
            <SyncedChart companyId={companyId} />
          </SimpleGrid>
          <CompanyProgressTable companies={overview.data.summary.companies} />
        </>
      )}
    </Stack>
  );
}
