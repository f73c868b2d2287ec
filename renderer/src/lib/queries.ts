/**
 * Every read the renderer makes through `window.api`, as TanStack Query options: the key from
 * `queryKeys`, the call through `unwrap` (main's `{ok:false}` becomes the query's ApiError).
 */
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../../shared/ipc/contract';
import type { BrowseFilters } from '../../../shared/ipc/dashboard';
import type { EventPayload } from '../../../shared/ipc/events';
import { api, unwrap } from './api';
import { firstLeadPage, nextLeadPage } from './lead-pages-cache';
import { queryKeys, type LeadSort } from './query-keys';

export const companiesQuery = () => queryOptions({ queryKey: queryKeys.companies.list(), queryFn: () => unwrap(api.companies.list()) });

/** Where a company's sending stands against its schedule (today's count, what waits, next send, finish day). */
export const companyPlanQuery = (companyId: number) =>
  queryOptions({ queryKey: queryKeys.plans.company(companyId), queryFn: () => unwrap(api.companies.plan({ id: companyId })) });

/** How many of an import's leads wait to go, with their company's plan: the import summary's "done by". */
export const importPlanQuery = (batchId: number) =>
  queryOptions({ queryKey: queryKeys.plans.import(batchId), queryFn: () => unwrap(api.imports.plan({ batchId })) });

export const importFactsQuery = (batchId: number) =>
  queryOptions({ queryKey: queryKeys.imports.facts(batchId), queryFn: () => unwrap(api.imports.facts({ batchId })) });

export const workflowsQuery = (companyId: number) =>
  queryOptions({ queryKey: queryKeys.workflows(companyId), queryFn: () => unwrap(api.companies.listWorkflows({ id: companyId })) });

/** A GHL call: not retried by the query (the main process already retried), its error is shown instead. */
export const customFieldsQuery = (companyId: number) =>
  queryOptions({
    queryKey: queryKeys.customFields(companyId),
    queryFn: () => unwrap(api.imports.customFields({ companyId })),
    retry: false,
    staleTime: 5 * 60_000,
  });

/**
 * Every number on the dashboard (cards, blocked and held-back leads, "Sending to GHL", the companies
 * table) from `dashboard:overview`: main reads them in one transaction, so they never disagree.
 */
export const dashboardOverviewQuery = (companyId: number | null) =>
  queryOptions({
    queryKey: queryKeys.dashboard.overview(companyId),
    queryFn: () => unwrap(api.dashboard.overview(companyId === null ? undefined : { companyId })),
    // Switching company keeps the last figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });

export const syncedSeriesQuery = (input: ChannelInput<'dashboard:syncedSeries'>) =>
  queryOptions({
    queryKey: queryKeys.dashboard.syncedSeries(input),
    queryFn: () => unwrap(api.dashboard.syncedSeries(input)),
    placeholderData: keepPreviousData,
  });

export type Connectivity = EventPayload<'connectivity'>;

/** Read once from `sync:connectivity`; from then on `connectivity` events write it (see `connectLiveQueries`). */
export const connectivityQuery = () =>
  queryOptions({
    queryKey: queryKeys.connectivity(),
    queryFn: async ({ client }): Promise<Connectivity> => {
      const connectivity = await unwrap(api.sync.connectivity());
      // An event that arrived while it was being read is newer than what was read.
      return client.getQueryData<Connectivity>(queryKeys.connectivity()) ?? connectivity;
    },
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const runnerQuery = () => queryOptions({ queryKey: queryKeys.sync.runner(), queryFn: () => unwrap(api.sync.runner()) });

export const leadQuery = (id: number) => queryOptions({ queryKey: queryKeys.leads.detail(id), queryFn: () => unwrap(api.leads.get({ id })) });
/** A waiting lead's earliest send time: "now" passes, so it is asked again each minute while shown. */
export const leadTurnQuery = (id: number) =>
  queryOptions({ queryKey: queryKeys.leads.turn(id), queryFn: () => unwrap(api.leads.turn({ id })), refetchInterval: 60_000 });

export const attemptsQuery = (leadId: number) =>
  queryOptions({ queryKey: queryKeys.sync.attempts(leadId), queryFn: () => unwrap(api.sync.attempts({ leadId })) });

/** Keyset pages of the lead browser; `lead-pages-cache.ts` explains the page param. */
export const leadPagesQuery = (filters: BrowseFilters, sort: LeadSort) =>
  infiniteQueryOptions({
    queryKey: queryKeys.leads.pages(filters, sort),
    queryFn: ({ pageParam }) => unwrap(api.leads.page({ filters, sort, cursor: pageParam.cursor, limit: pageParam.limit })),
    initialPageParam: firstLeadPage,
    getNextPageParam: nextLeadPage,
    // A new filter keeps the current rows until its first page arrives, as the table did before.
    placeholderData: keepPreviousData,
  });

export const undoPlanQuery = (batchId: number) =>
  queryOptions({ queryKey: queryKeys.imports.undoPlan(batchId), queryFn: () => unwrap(api.imports.undoPlan({ batchId })) });
export const importsListQuery = () => queryOptions({ queryKey: queryKeys.imports.list(), queryFn: () => unwrap(api.imports.list({ limit: 200 })) });

export const importQuery = (batchId: number) =>
  queryOptions({ queryKey: queryKeys.imports.detail(batchId), queryFn: () => unwrap(api.imports.get({ batchId })) });

/** Where main keeps a batch's rejected rows; read when the user asks for the file. */
export const rejectedFileQuery = (batchId: number) =>
  queryOptions({ queryKey: queryKeys.imports.rejectedFile(batchId), queryFn: () => unwrap(api.imports.rejectedFile({ batchId })) });

/** How main reads a dropped file (encoding, delimiter, headers, suggested mapping); asked again on every drop or override. */
export const fileInspectionQuery = (input: ChannelInput<'imports:inspect'>) =>
  queryOptions({ queryKey: queryKeys.checks.fileInspection(input), queryFn: () => unwrap(api.imports.inspect(input)) });

export const duplicateCheckQuery = (input: ChannelInput<'leads:checkDuplicate'>) =>
  queryOptions({ queryKey: queryKeys.checks.duplicate(input), queryFn: () => unwrap(api.leads.checkDuplicate(input)) });

export const importPreviewQuery = (input: ChannelInput<'imports:preview'>) =>
  queryOptions({
    queryKey: queryKeys.checks.importPreview(input),
    queryFn: () => unwrap(api.imports.preview(input)),
    // The last answer stays on screen while a newer one (another fix, another page) is computed.
    placeholderData: keepPreviousData,
  });

/** The old statuses, job types and tags of a company's leads, to offer as audience choices. */
export const audienceOptionsQuery = (companyId: number) =>
  queryOptions({ queryKey: queryKeys.leads.audienceOptions(companyId), queryFn: () => unwrap(api.audiences.options({ companyId })) });

/** What sending an audience would do (matched, would be queued, already in GHL, opted out). */
export const audiencePreviewQuery = (audience: ChannelInput<'audiences:preview'>) =>
  queryOptions({
    queryKey: queryKeys.leads.audiencePreview(audience),
    queryFn: () => unwrap(api.audiences.preview(audience)),
    // The last figures stay on screen while a changed choice is counted.
    placeholderData: keepPreviousData,
  });
