import type { QueryKey } from '@tanstack/react-query';
import type { ChannelInput } from '../../../shared/ipc/contract';
import type { BrowseFilters } from '../../../shared/ipc/dashboard';
import type { EventPayload } from '../../../shared/ipc/events';

export type DataDomain = EventPayload<'data:changed'>['domain'];
export type LeadSort = 'newest' | 'oldest';

/**
 * Every TanStack Query key of the renderer. Keys start with the part of the database they show, so
 * `staleAfterChange` can mark a whole domain stale by prefix; invalidation is decided here only.
 */
export const queryKeys = {
  companies: {
    all: ['companies'],
    list: () => ['companies', 'list'],
    /** A schedule being edited, in words (no database read: refreshed by the draft, never by events). */
    explainSchedule: (draft: unknown) => ['companies', 'explain-schedule', draft],
  },
  /**
   * Send plans: today's count, what waits, next send, finish day. Every domain moves them (a new lead, a
   * schedule change, an import, a send), so every `data:changed` makes them stale.
   */
  plans: {
    all: ['plans'],
    company: (companyId: number) => ['plans', 'company', companyId],
    import: (batchId: number) => ['plans', 'import', batchId],
  },
  /** The office-wide opt-out list: its own writes refresh it, and so does any lead or sync change (a lead marked do-not-contact lists its number). */
  optOuts: {
    all: ['optouts'],
    page: (search: string, offset: number) => ['optouts', 'page', search, offset],
  },
  dashboard: {
    all: ['dashboard'],
    /** Cards, "Sending to GHL" and the companies table: one result, so their numbers agree. */
    overview: (companyId: number | null) => ['dashboard', 'overview', companyId],
    syncedSeries: (input: ChannelInput<'dashboard:syncedSeries'>) => ['dashboard', 'synced-series', input],
  },
  sync: {
    all: ['sync'],
    attempts: (leadId: number) => ['sync', 'attempts', leadId],
    /** The runner's state alone (sync:runner): paused, stopped, run by another program. */
    runner: () => ['sync', 'runner'],
  },
  leads: {
    all: ['leads'],
    detail: (id: number) => ['leads', 'detail', id],
    /** Under `leads`: a send or an edit changes the turn; it also moves with the clock (refetched on an interval). */
    turn: (id: number) => ['leads', 'turn', id],
    allPages: ['leads', 'pages'],
    pages: (filters: BrowseFilters, sort: LeadSort) => ['leads', 'pages', filters, sort],
    /** Under `leads`: an import, an edit or a send changes what an audience matches and the choices. */
    audienceOptions: (companyId: number) => ['leads', 'audience-options', companyId],
    audiencePreview: (audience: ChannelInput<'audiences:preview'>) => ['leads', 'audience-preview', audience],
  },
  imports: {
    all: ['imports'],
    list: () => ['imports', 'list'],
    detail: (batchId: number) => ['imports', 'detail', batchId],
    facts: (batchId: number) => ['imports', 'facts', batchId],
    rejectedFile: (batchId: number) => ['imports', 'rejected-file', batchId],
    /** What an undo would do with the batch's leads (read when the undo dialog opens). */
    undoPlan: (batchId: number) => ['imports', 'undo-plan', batchId],
  },
  /** Pushed by `connectivity` events after one first read; no `data:changed` touches it. */
  connectivity: () => ['connectivity'],
  /** The location's workflows come from GHL, not the database: no event makes them stale. */
  workflows: (companyId: number) => ['workflows', companyId],
  /** The location's custom fields, from GHL too: read when the mapping step opens, refreshed by creating one. */
  customFields: (companyId: number) => ['custom-fields', companyId],
  /**
   * Answers computed from what the user is typing or importing. Not refreshed by events: a lead
   * saved from the form must not turn the form's own duplicate check into a warning.
   */
  checks: {
    duplicate: (input: ChannelInput<'leads:checkDuplicate'>) => ['checks', 'duplicate', input],
    importPreview: (input: ChannelInput<'imports:preview'>) => ['checks', 'import-preview', input],
    fileInspection: (input: ChannelInput<'imports:inspect'>) => ['checks', 'file-inspection', input],
  },
} as const satisfies Record<string, unknown>;

/**
 * What a `data:changed` for each domain makes stale. Company names and pauses show on the dashboard
 * and on every lead row; lead statuses feed the dashboard and the attempts; sync moves lead statuses.
 */
export const staleAfterChange: Record<DataDomain, readonly QueryKey[]> = {
  companies: [queryKeys.companies.all, queryKeys.dashboard.all, queryKeys.sync.all, queryKeys.leads.all, queryKeys.plans.all],
  // A lead marked do-not-contact (here, by GHL's DND, by a STOP) puts its number on the opt-out list (migrations 0011, 0029).
  // Import history counts each file's opted-out leads.
  leads: [queryKeys.leads.all, queryKeys.dashboard.all, queryKeys.sync.all, queryKeys.plans.all, queryKeys.optOuts.all, queryKeys.imports.all],
  // The dashboard lists held-back imports by file name.
  imports: [queryKeys.imports.all, queryKeys.dashboard.all, queryKeys.plans.all],
  // Import history counts each file's leads still waiting: with it open while leads went, Stop sending offered
  // to hold back "500 waiting" that had gone, and its toast then said fewer.
  sync: [queryKeys.sync.all, queryKeys.dashboard.all, queryKeys.leads.all, queryKeys.plans.all, queryKeys.optOuts.all, queryKeys.imports.all],
};

/** An import reached its end (`import:progress` not running): its batch row and the history. */
export const staleAfterImportEnds: readonly QueryKey[] = [queryKeys.imports.all];

/** The runner changed state (running, idle, paused…): what shows the runner's state. */
export const staleAfterRunnerState: readonly QueryKey[] = [queryKeys.dashboard.all, queryKeys.sync.runner()];
