import * as z from 'zod';
import { idSchema } from '../fields';
import { leadStatuses } from '../lead';
import { audienceFilterSchema } from './audiences';
import { sendPlanSchema } from '../send-plan';
import { channel } from './define';
import { connectivitySchema, runnerStates, storageTroubleSchema } from './sync';
import { blockReasons, cannotCallReasons, optOutHolds, syncPauseReasons } from '../sync-pause';

const statusCounts = z.record(z.enum(leadStatuses), z.number());

export const browseFiltersSchema = z.object({
  companyId: idSchema.optional(),
  status: z.enum(leadStatuses).optional(),
  batchId: idSchema.optional(),
  tag: z.string().trim().max(80).optional(),
  /** Name, phone (any format) or email. */
  search: z.string().trim().max(120).optional(),
  /**
   * The leads an audience matches (the Leads page's "Send a group"), by the same query as its count; with
   * the other filters, all must hold. An audience is one company's: it needs `companyId`.
   */
  audience: audienceFilterSchema.optional(),
}).refine((filters) => filters.audience === undefined || filters.companyId !== undefined, {
  message: "An audience is one company's leads: choose the company",
  path: ['companyId'],
});
export type BrowseFilters = z.infer<typeof browseFiltersSchema>;

export const leadRowSchema = z.object({
  id: idSchema,
  companyId: idSchema,
  companyName: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  status: z.enum(leadStatuses),
  tag: z.string().nullable(),
  batchId: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  syncedAt: z.number().nullable(),
});
export type LeadRow = z.infer<typeof leadRowSchema>;

/**
 * Keyset cursor: the last row of the previous page. Pages go in id order (lead-browser.ts) and continue
 * from `id` alone; `createdAt` rides along unread, so cursors the renderer holds stay valid as they are.
 */
const cursorSchema = z.object({ createdAt: z.number(), id: z.number() });

/** Leads stored with "Queue now" off (status `new`, no job): they go only when someone presses Send. */
const heldBackBatchSchema = z.object({
  /** Null for leads held back without an import (none today; kept so the sum always adds up). */
  batchId: idSchema.nullable(),
  companyId: idSchema,
  fileName: z.string().nullable(),
  importedAt: z.number().nullable(),
  /** Still importing: Send works once the import has finished. */
  isImporting: z.boolean(),
  count: z.number(),
});

const blockedSchema = z.object({
  companyId: idSchema,
  company: z.string(),
  reason: z.enum(blockReasons),
  since: z.number().nullable(),
  until: z.number().nullable(),
  /** Leads waiting behind the block (not its opt-outs). */
  waiting: z.number(),
  /** Opt-outs (DND on its way to GHL) the block holds too. */
  optOuts: z.number(),
  /** A pause that still holds once a missing key is there (the key's block hides it). */
  alsoPaused: z.enum(['paused-by-user', 'workflow-missing']).nullable(),
  /** Under the office's pause, GHL holds the opt-outs too: its key refused, or its daily limit reached. */
  optOutsHeld: z.enum(optOutHolds).nullable().optional(),
  /** For leads held for other companies' GHL: those companies' names. */
  heldFor: z.array(z.string()).readonly().optional(),
  /** Why the company they wait for cannot be asked (its key, its limit); null: its GHL did not answer. */
  heldBecause: z.enum(cannotCallReasons).nullable().optional(),
  heldBecauseOf: z.string().nullable().optional(),
  heldOnContacts: z.boolean().optional(),
  /** Nothing of the company's goes (its own blocks); false for leads held for another company's GHL beside others that go. */
  holdsEveryLead: z.boolean(),
  /** What is stuck, why and what to do, in one sentence (electron/sync/blocked.ts). */
  message: z.string(),
});

/**
 * Jobs on their way: leads due now, waiting for their scheduled time, or being sent; and opt-outs still to pass to
 * GHL (a do-not-contact lead's DND), which are no lead to send.
 */
const queueCountsSchema = z.object({ due: z.number(), scheduled: z.number(), sending: z.number(), optOuts: z.number() });

export const dashboardOverviewSchema = z.object({
  /** Leads by status (the cards). */
  totals: statusCounts,
  queue: queueCountsSchema,
  /** Leads held back, in total; per batch in `heldBack`. */
  heldBackTotal: z.number(),
  heldBack: z.array(heldBackBatchSchema),
  /** Companies with leads that cannot go without the user; shown first. */
  blocked: z.array(blockedSchema),
  /**
   * True only when nothing is queued, scheduled, being sent, held back or blocked: the one place
   * that decides "All sent".
   */
  isAllSent: z.boolean(),
  /** The leads still to go: queued (due or scheduled) plus those being sent. */
  waiting: z.number(),
  runner: z.object({
    state: z.enum(runnerStates),
    /** Another process on this computer runs sync for this data folder. */
    heldBy: z.object({ pid: z.number(), process: z.string(), /** It holds the runner and paused all sending. */ isPaused: z.boolean() }).nullable(),
    /** The companies the running sync sends for (`rlm sync --company A`); null: every company. */
    companyIds: z.array(z.number()).nullable(),
    /** The runner is up but nothing is due or in flight for the companies it sends: it has nothing to send right now. */
    hasWork: z.boolean(),
    /** Leads (and opt-outs) waiting of companies the running sync does not send (it runs for others only). */
    waitingElsewhere: z.number(),
    /** Why sending stopped when nobody stopped it (an error, another program took over); null otherwise. */
    stoppedBy: z.string().nullable(),
    /** Sending cannot write to the database (a full disk, a lock held too long…): nothing goes meanwhile. */
    storageTrouble: storageTroubleSchema.nullable(),
  }),
  connectivity: connectivitySchema,
  companies: z.array(
    z.object({
      companyId: idSchema,
      name: z.string(),
      counts: statusCounts,
      queue: queueCountsSchema,
      heldBack: z.number(),
      hasApiKey: z.boolean(),
      /** The running sync sends this company's leads (false while `rlm sync --company` runs for others only). */
      isServed: z.boolean(),
      /** Why GHL cannot be called for it at all (no key, a keychain that does not answer, a refused key, the daily limit), waiting leads or not. */
      cannotCallGhl: z.enum(cannotCallReasons).nullable(),
      blocked: blockedSchema.nullable(),
      lastSyncAt: z.number().nullable(),
      /** Today's count against the cap, what waits for its turn, the next send and the finish day. */
      plan: sendPlanSchema,
    }),
  ),
  /** How many companies exist at all (zero: the first start's welcome). */
  companyCount: z.number(),
  failedReasons: z.array(z.object({ reason: z.string(), count: z.number(), companyId: idSchema })),
  syncedToday: z.number(),
  /**
   * A kind of GHL call whose latest tries all failed (no answer, a server error) while the company sends (not
   * blocked, not paused, leads to go; none while offline): its leads wait and are tried again, and nothing else
   * would say why nothing goes (call-trouble.ts).
   */
  callTroubles: z.array(
    z.object({
      companyId: idSchema,
      company: z.string(),
      call: z.string(),
      failures: z.number(),
      since: z.number(),
      lastAt: z.number(),
      message: z.string(),
      othersAnswer: z.boolean(),
      isNoAnswerOnly: z.boolean(),
      /** GHL answered the latest of them with an error: the connection is up. */
      isLastAnswered: z.boolean(),
      /** Leads wait for this kind of call (not an opt-out's do-not-disturb, not an undo's removal). */
      holdsLeads: z.boolean(),
      /** GHL turns away every call of the company with "Too Many Requests" (429): its API limit is used up (call: 'rate-limit'). */
      isRateLimit: z.boolean(),
    }),
  ),
  /**
   * Every company whose leads may go now (due in their window, or being sent; nothing the office must do) waits for
   * a kind of GHL call that keeps failing: nothing goes until GHL answers. False when none may go now.
   */
  isWaitingForGhl: z.boolean(),
  /** What the office must know from opening the data folder: an opt-out list a restore could not carry over. */
  warnings: z.array(z.string()),
  /** A restored backup not swapped in yet, and what it waits for (another program has the database open). */
  restoreWaiting: z.string().nullable(),
});
export type DashboardOverview = z.infer<typeof dashboardOverviewSchema>;

export const dashboardChannels = {
  /**
   * Every number on the dashboard from one read transaction: cards, held-back and blocked leads, the
   * runner and "Sending to GHL", the companies table. They cannot disagree because they are one read.
   */
  'dashboard:overview': channel(z.object({ companyId: idSchema.optional() }).optional(), dashboardOverviewSchema),
  'dashboard:summary': channel(
    z.object({ companyId: idSchema.optional() }).optional(),
    z.object({
      totals: statusCounts,
      companies: z.array(
        z.object({
          companyId: idSchema,
          name: z.string(),
          counts: statusCounts,
          syncPausedReason: z.enum(syncPauseReasons).nullable(),
          lastSyncAt: z.number().nullable(),
        }),
      ),
      /** Failed leads grouped by their reason, most common first. */
      failedReasons: z.array(z.object({ reason: z.string(), count: z.number(), companyId: idSchema })),
      syncedToday: z.number(),
    }),
  ),
  'dashboard:syncedSeries': channel(
    z.object({ companyId: idSchema.optional(), granularity: z.enum(['hour', 'day']), since: z.number() }),
    z.array(z.object({ at: z.number(), n: z.number() })),
  ),
  'leads:page': channel(
    z.object({
      filters: browseFiltersSchema,
      sort: z.enum(['newest', 'oldest']).default('newest'),
      cursor: cursorSchema.nullish(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.object({ rows: z.array(leadRowSchema), nextCursor: cursorSchema.nullable() }),
  ),
  /**
   * Writes the filtered view (or failed leads with `status: 'failed'`) to a formula-safe CSV in exports/;
   * `fileName` is the name to offer the user (`leads-Summit-Roofing-2026-11-30.csv`).
   */
  'leads:export': channel(
    z.object({ filters: browseFiltersSchema }),
    z.object({ path: z.string(), rows: z.number(), fileName: z.string() }),
  ),
};
