import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BrowseFilters, LeadRow } from '../../../../shared/ipc/dashboard';
import { browserLink, parseBrowserHash } from './browser/browser-link';
import { ExportCsvButton } from './browser/ExportCsvButton';
import { LeadFiltersBar, type FilterDraft } from './browser/LeadFiltersBar';
import { LeadTable } from './browser/LeadTable';
import { useLeadPages } from './browser/use-lead-pages';
import { LeadDetailDrawer } from './LeadDetailDrawer';

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
  const pages = useLeadPages(filters, draft.sort);

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
          <Text c="dimmed" size="sm">
            {pages.rows.length.toLocaleString()}
            {pages.hasMore ? '+' : ''} {pages.rows.length === 1 ? 'lead' : 'leads'} shown. Click one for details and its sync history.
          </Text>
        </div>
        <ExportCsvButton filters={filters} />
      </Group>
      <LeadFiltersBar draft={draft} onChange={(patch) => setDraft((current) => ({ ...current, ...patch }))} />
      {pages.error && (
        <Alert color="red" title="Could not load the leads">
          {pages.error.message}
        </Alert>
      )}
      <LeadTable rows={pages.rows} hasMore={pages.hasMore} isLoading={pages.isLoading} selectedId={selectedId} onOpen={open} loadMore={pages.loadMore} />
      <LeadDetailDrawer
        leadId={selectedId}
        row={selectedRow?.id === selectedId ? selectedRow : (pages.rows.find((row) => row.id === selectedId) ?? null)}
        onClose={close}
      />
    </Stack>
  );
}
