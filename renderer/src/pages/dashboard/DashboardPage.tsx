import '@mantine/charts/styles.css';
import { Alert, Group, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ConnectivityBanner } from '../../components/ConnectivityBanner';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/use-query';
import { CompanyAlerts } from './CompanyAlerts';
import { CompanyProgressTable } from './CompanyProgressTable';
import { countsOf } from './lead-status';
import { ProblemsPanel } from './ProblemsPanel';
import { StatusCards } from './StatusCards';
import { SyncedChart } from './SyncedChart';
import { SyncProgressCard } from './SyncProgressCard';

/** Home page: did my leads go out, what went wrong, what do I fix. */
export function DashboardPage() {
  const [companyId, setCompanyId] = useState<number | null>(null);
  const scope = companyId === null ? undefined : { companyId };
  const summary = useQuery(() => api.dashboard.summary(scope), [companyId], ['leads', 'sync', 'companies']);
  const syncStatus = useQuery(() => api.sync.status(scope), [companyId], ['sync', 'leads']);
  const companies = useQuery(() => api.companies.list(), [], ['companies']);
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
      {summary.error && (
        <Alert color="red" title="Could not load the dashboard">
          {summary.error.message}
        </Alert>
      )}
      {!summary.data ? (
        <Skeleton height={320} aria-label="Loading the dashboard" />
      ) : (
        <>
          <CompanyAlerts companies={summary.data.companies} />
          <StatusCards totals={countsOf(summary.data.totals)} syncedToday={summary.data.syncedToday} companyId={companyId} />
          <ProblemsPanel failedReasons={summary.data.failedReasons} companyNames={companyNames} showCompany={companyId === null && companyNames.size > 1} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <SyncProgressCard status={syncStatus.data} />
            <SyncedChart companyId={companyId} />
          </SimpleGrid>
          <CompanyProgressTable companies={summary.data.companies} />
        </>
      )}
    </Stack>
  );
}
