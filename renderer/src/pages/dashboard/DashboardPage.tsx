import '@mantine/charts/styles.css';
import { Alert, Group, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ConnectivityBanner, useConnectivity } from '../../components/ConnectivityBanner';
import { dashboardOverviewQuery } from '../../lib/queries';
import { BlockedPanel } from './BlockedPanel';
import { CallTroubleAlert } from './CallTroubleAlert';
import { ghlHoldsByCompany, ghlSendingHold } from '../../../../shared/ghl-holds';
import { PausedAlert } from './PausedAlert';
import { pausedAlertFacts } from './paused-alert-text';
import { RestoreWarning } from './RestoreWarning';
import { CompanyProgressTable } from './CompanyProgressTable';
import { HeldBackPanel } from './HeldBackPanel';
import { countsOf, totalOf } from './lead-status';
import { ProblemsPanel } from './ProblemsPanel';
import { SendPlanCard } from './SendPlanCard';
import { UnconfirmedPanel } from './UnconfirmedPanel';
import { StatusCards } from './StatusCards';
import { SyncedChart } from './SyncedChart';
import { SyncProgressCard } from './SyncProgressCard';
import { blockedLeads, isNothingSending } from './sending-state';
import { sendingHoldOf } from '../../lib/sending-hold';
import { NoLeadsPanel, WelcomePanel } from './WelcomePanel';

/** Home page: did my leads go out, what went wrong, what do I fix. */
export function DashboardPage() {
  const [companyId, setCompanyId] = useState<number | null>(null);
  // Every number on the page comes from this one result (one read transaction in main).
  const overview = useQuery(dashboardOverviewQuery(companyId));
  // The picker lists every company even while one is picked: the unfiltered read names them all.
  const everyCompany = useQuery(dashboardOverviewQuery(null));
  const companies = everyCompany.data?.companies ?? [];
  const companyNames = useMemo(() => new Map(companies.map((company) => [company.companyId, company.name])), [companies]);
  const isFirstStart = overview.data?.companyCount === 0;
  const { connectivity } = useConnectivity();

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Dashboard</Title>
          <Text c="dimmed" size="sm">
            Did the leads go out, and what needs fixing.
          </Text>
        </div>
        {!isFirstStart && (
          <Select
            aria-label="Company"
            placeholder="All companies"
            clearable
            w={240}
            data={companies.map((company) => ({ value: String(company.companyId), label: company.name }))}
            value={companyId === null ? null : String(companyId)}
            onChange={(value) => setCompanyId(value ? Number(value) : null)}
          />
        )}
      </Group>
      {/* Leads of a blocked company (no key, paused…) do not go when the connection returns: the alerts below say why. */}
      <ConnectivityBanner
        waiting={overview.data ? Math.max(0, overview.data.waiting - blockedLeads(overview.data)) : null}
        // Those of companies GHL can be called for at all: a company without a key passes none when the connection returns.
        optOuts={overview.data?.companies.filter((company) => company.cannotCallGhl === null).reduce((sum, company) => sum + company.queue.optOuts, 0) ?? 0}
        isPaused={overview.data?.runner.state === 'paused'}
      />
      {overview.error && (
        <Alert color="red" title="Could not load the dashboard">
          {overview.error.message}
        </Alert>
      )}
      {/* The data folder's own warnings, first and on the welcome page too (a restore may bring no company). */}
      {overview.data?.warnings.map((warning) => <RestoreWarning key={warning} warning={warning} />)}
      {/* Every figure below is of the database the backup will replace: said before them. */}
      {overview.data?.restoreWaiting && (
        <Alert color="yellow" title="The restore has not happened yet" role="status" aria-label="The restore has not happened yet">
          {overview.data.restoreWaiting}
        </Alert>
      )}
      {!overview.data ? (
        // After a failed read the alert above says so: a skeleton would say it is still coming.
        overview.error ? null : <Skeleton height={320} aria-label="Loading the dashboard" />
      ) : isFirstStart ? (
        <WelcomePanel />
      ) : (
        <>
          {/* What needs a person comes first: blocked companies, then leads waiting for Send. */}
          {/* It speaks for every company ("no lead goes … for any company"): its figures are the unfiltered read's, not the picked company's. */}
          {overview.data.runner.state === 'paused' && (
            <PausedAlert {...pausedAlertFacts(everyCompany.data ?? overview.data, connectivity?.state === 'offline')} />
          )}
          <BlockedPanel blocked={overview.data.blocked} />
          {connectivity?.state !== 'offline' && <CallTroubleAlert troubles={overview.data.callTroubles} showCompany={companyId === null && companyNames.size > 1} />}
          <UnconfirmedPanel companyId={companyId} />
          {totalOf(overview.data.totals) === 0 && <NoLeadsPanel />}
          <HeldBackPanel batches={overview.data.heldBack} total={overview.data.heldBackTotal} showCompany={companyId === null && companyNames.size > 1} companyNames={companyNames} />
          {/* Whether it is sending, and its Pause, above the fold: at 1366×768 they sat ~1,000 px down, under the counts. */}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <SyncProgressCard overview={overview.data} companyNames={companyNames} />
            <SyncedChart companyId={companyId} />
          </SimpleGrid>
          <StatusCards
            totals={countsOf(overview.data.totals)}
            syncedToday={overview.data.syncedToday}
            companyId={companyId}
            // Leads, as the card counts them (a block's own count is of jobs: those being sent, and opt-outs' DND updates, too).
            blockedWaiting={overview.data.companies.reduce((sum, company) => sum + (company.blocked ? (company.counts.queued ?? 0) : 0), 0)}
            sendingHold={
              isNothingSending(overview.data.runner)
                ? 'stopped'
                : connectivity?.state === 'offline'
                  ? 'offline'
                  : overview.data.runner.state === 'paused'
                    ? 'paused'
                    : ghlSendingHold(overview.data.callTroubles)
            }
          />
          <SendPlanCard
            companies={overview.data.companies}
            // Paused here or in the program that holds the runner, stopped with nothing sending, or offline: as every plan says it.
            hold={(id) => sendingHoldOf(overview.data.runner, connectivity, id)}
            heldByGhl={ghlHoldsByCompany(overview.data.callTroubles)}
          />
          <ProblemsPanel failedReasons={overview.data.failedReasons} companyNames={companyNames} showCompany={companyId === null && companyNames.size > 1} />
          <CompanyProgressTable companies={overview.data.companies} />
        </>
      )}
    </Stack>
  );
}
