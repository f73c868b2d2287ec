import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Company } from '../../../../shared/company';
import type { Audience, AudienceCriteria } from '../../../../shared/ipc/audiences';
import type { BrowseFilters, LeadRow } from '../../../../shared/ipc/dashboard';
import { audiencePreviewQuery, companiesQuery, dashboardOverviewQuery } from '../../lib/queries';
import { keyProblemOf, totalOf } from '../dashboard/lead-status';
import { AudiencePanel } from './browser/AudiencePanel';
import { browserLink, parseBrowserHash } from './browser/browser-link';
import { ExportCsvButton } from './browser/ExportCsvButton';
import { LeadFiltersBar, type FilterDraft } from './browser/LeadFiltersBar';
import { LeadTable } from './browser/LeadTable';
import { useLeadPages } from './browser/use-lead-pages';
import { LeadDetailDrawer } from './LeadDetailDrawer';
import { NEW_COMPANY_LINK } from '../companies/company-link';

const draftFromHash = (): FilterDraft => {
  const { filters } = parseBrowserHash(window.location.hash);
  return {
    search: filters.search ?? '',
    companyId: filters.companyId ?? null,
    status: filters.status ?? null,
    batchId: filters.batchId ?? null,
    tag: filters.tag ?? '',
    sort: 'newest',
  };
};

/** Every lead, filtered and searchable; `#/leads/<id>` opens one in the side panel. */
export function LeadBrowserPage() {
  const [draft, setDraft] = useState(draftFromHash);
  const [selectedId, setSelectedId] = useState(() => parseBrowserHash(window.location.hash).leadId);
  const [selectedRow, setSelectedRow] = useState<LeadRow | null>(null);
  const [isChoosingAudience, setIsChoosingAudience] = useState(false);
  const [audience, setAudience] = useState<Audience | null>(null);
  // "Clear" on the audience chip starts the panel's choices afresh (a new key remounts it).
  const [audienceRound, setAudienceRound] = useState(0);
  const companies = useQuery(companiesQuery());
  // Typing should not send a query per keystroke; picking from a select is applied at once.
  const [search] = useDebouncedValue(draft.search.trim(), 300);
  const [tag] = useDebouncedValue(draft.tag.trim(), 300);

  const filters = useMemo(
    (): BrowseFilters => ({
      ...(draft.companyId !== null && { companyId: draft.companyId }),
      ...(draft.status !== null && { status: draft.status }),
      ...(draft.batchId !== null && { batchId: draft.batchId }),
      ...(tag && { tag }),
      ...(search && { search }),
    }),
    [draft.companyId, draft.status, draft.batchId, tag, search],
  );
  // While a group is being chosen, the table lists exactly its leads (the same query as its count), so the
  // office sees who will be texted before sending; the filters above wait until the chip is cleared.
  const shownAudience = isChoosingAudience && audience !== null && hasCriteria(audience) ? audience : null;
  const tableFilters = useMemo((): BrowseFilters => (shownAudience ? { companyId: shownAudience.companyId, audience: criteriaOf(shownAudience) } : filters), [shownAudience, filters]);
  const audienceCount = useQuery({ ...audiencePreviewQuery(shownAudience ?? { companyId: 0 }), enabled: shownAudience !== null });
  const pages = useLeadPages(tableFilters, draft.sort);
  // Exact totals by company and status come from the dashboard's counts (trigger-kept aggregates).
  const overview = useQuery(dashboardOverviewQuery(draft.companyId));
  const total = leadTotal(tableFilters, pages, overview.data?.totals ?? null);
  const hasFilters = Object.keys(filters).some((key) => key !== 'companyId');
  const keyProblems = useMemo(
    () =>
      new Map(
        (companies.data ?? []).flatMap((company) => {
          const problem = keyProblemOf(company);
          return problem ? [[company.id, problem] as const] : [];
        }),
      ),
    [companies.data],
  );

  // The hash mirrors the filters (replaceState: no history entry per keystroke) so a reload or a shared link lands on the same view.
  useEffect(() => {
    window.history.replaceState(null, '', browserLink(filters, selectedId));
  }, [filters, selectedId]);

  // Back/forward and links like #/leads/12 open or close the panel.
  useEffect(() => {
    const onHash = () => setSelectedId(parseBrowserHash(window.location.hash).leadId);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const open = useCallback(
    (lead: LeadRow) => {
      setSelectedRow(lead);
      window.location.hash = browserLink(filters, lead.id);
    },
    [filters],
  );
  const close = useCallback(() => {
    window.location.hash = browserLink(filters);
  }, [filters]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Leads</Title>
          <Text c="dimmed" size="sm" aria-label="How many leads">
            {total}{pages.rows.length > 0 ? ' Click one for details and what was sent to GHL.' : ''}
          </Text>
        </div>
        <Group gap="xs">
          {(companies.data?.length ?? 0) > 0 && (
            <Button variant={isChoosingAudience ? 'filled' : 'light'} onClick={() => setIsChoosingAudience((is) => !is)} aria-expanded={isChoosingAudience}>
              Send a group to GHL
            </Button>
          )}
          <ExportCsvButton filters={tableFilters} />
        </Group>
      </Group>
      <LeadFiltersBar draft={draft} onChange={(patch) => setDraft((current) => ({ ...current, ...patch }))} />
      {isChoosingAudience && (
        <AudienceFor key={audienceRound} companyId={draft.companyId} companies={companies.data ?? []} onAudience={setAudience} />
      )}
      {shownAudience && (
        <Group gap="xs" role="status" aria-label="The list shows the audience">
          <Badge size="lg" variant="light" color="blue" tt="none">
            {audienceCount.data && !audienceCount.isPlaceholderData
              ? `Showing ${audienceCount.data.matched.toLocaleString()} lead${audienceCount.data.matched === 1 ? '' : 's'} of the group`
              : 'Showing the leads of the group'}
          </Badge>
          <Button size="compact-sm" variant="subtle" onClick={() => setAudienceRound((round) => round + 1)}>
            Clear
          </Button>
          <Text size="xs" c="dimmed">
            The filters above are set aside while the group is shown.
          </Text>
        </Group>
      )}
      {pages.error && (
        <Alert color="red" title="Could not load the leads">
          {pages.error.message}
        </Alert>
      )}
      <LeadTable
        rows={pages.rows}
        hasMore={pages.hasMore}
        isLoading={pages.isLoading}
        selectedId={selectedId}
        onOpen={open}
        loadMore={pages.loadMore}
        showCompany={(overview.data?.companyCount ?? 0) > 1 && draft.companyId === null}
        keyProblems={keyProblems}
        empty={
          // A failed read is said above; "No leads yet. Import…" would send the office to import them again.
          pages.error ? null : hasFilters ? (
            <EmptyState text="No lead matches these filters. Try part of a name, a phone number, an email or a city.">
              <Button variant="default" onClick={() => setDraft((current) => ({ ...current, search: '', status: null, batchId: null, tag: '' }))}>
                Clear filters
              </Button>
            </EmptyState>
          ) : overview.data?.companyCount === 0 ? (
            <EmptyState text="No leads yet, and no company to send them to. Add your company first, then import your old leads.">
              <Button component="a" href={NEW_COMPANY_LINK}>
                Add your company
              </Button>
            </EmptyState>
          ) : (
            <EmptyState text="No leads yet. Import a spreadsheet of old customers, or type one in.">
              <Button component="a" href="#/import">
                Import a spreadsheet
              </Button>
              <Button component="a" href="#/new-lead" variant="default">
                Add a lead
              </Button>
            </EmptyState>
          )
        }
      />
      <LeadDetailDrawer
        leadId={selectedId}
        row={selectedRow?.id === selectedId ? selectedRow : (pages.rows.find((row) => row.id === selectedId) ?? null)}
        onClose={close}
      />
    </Stack>
  );
}

/** An audience is one company's: the one filtered on, or the only one there is. */
function AudienceFor({ companyId, companies, onAudience }: { companyId: number | null; companies: readonly Company[]; onAudience: (audience: Audience | null) => void }) {
  const company = companyId !== null ? companies.find((c) => c.id === companyId) : companies.length === 1 ? companies[0] : undefined;
  if (!company) {
    return (
      <Alert color="blue" variant="light" title="Which company's leads?">
        Pick a company in the Company filter above; a group is sent to that company's GHL account.
      </Alert>
    );
  }
  // A new company starts from empty choices rather than carrying the last company's.
  return <AudiencePanel key={company.id} company={company} onAudience={onAudience} />;
}

/** The audience's criteria alone (the company is the list's own filter). */
function criteriaOf({ companyId: _companyId, ...criteria }: Audience): AudienceCriteria {
  return criteria;
}

/** An audience with no choice yet is every lead of the company: the list keeps its own filters until one is made. */
const hasCriteria = (audience: Audience) => Object.keys(criteriaOf(audience)).length > 0;

function EmptyState({ text, children }: { text: string; children: ReactNode }) {
  return (
    <Stack align="center" gap="sm" py="xl">
      <Text c="dimmed" ta="center">
        {text}
      </Text>
      <Group gap="xs">{children}</Group>
    </Stack>
  );
}

const leadsWord = (n: number) => `${n.toLocaleString()} lead${n === 1 ? '' : 's'}.`;

/**
 * "45,031 leads." when the number is known exactly: all rows are loaded, or only company and status
 * filter them (the dashboard's counts); otherwise a plain lower bound, never a bare "300+".
 */
function leadTotal(filters: BrowseFilters, pages: { rows: LeadRow[]; hasMore: boolean; isLoading: boolean; error: Error | null }, totals: Record<string, number> | null): string {
  if (pages.error && pages.rows.length === 0) return 'The leads could not be read.';
  if (!pages.hasMore && !pages.isLoading) return leadsWord(pages.rows.length);
  const isCountable = filters.search === undefined && filters.tag === undefined && filters.batchId === undefined && filters.audience === undefined;
  if (isCountable && totals) return leadsWord(filters.status ? (totals[filters.status] ?? 0) : totalOf(totals));
  if (pages.rows.length === 0) return 'Counting…';
  return `More than ${pages.rows.length.toLocaleString()} leads match; more load as you scroll.`;
}
