import * as z from 'zod';
import { channel } from './define';
import { syncPauseReasons } from '../sync-pause';

export const runnerStates = ['stopped', 'starting', 'running', 'idle', 'paused', 'offline'] as const;
export const companySyncStates = ['idle', 'running', 'paused', 'offline', 'auth', 'daily-limit'] as const;
export const connectivityStates = ['online', 'offline', 'unknown'] as const;

const leadStatusCounts = z.object({
  new: z.number(),
  queued: z.number(),
  syncing: z.number(),
  synced: z.number(),
  failed: z.number(),
  dnd: z.number(),
  'do-not-contact': z.number(),
});
const jobStateCounts = z.object({
  queued: z.number(),
  running: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  cancelled: z.number(),
});

export const syncCountsSchema = z.object({ leads: leadStatusCounts, jobs: jobStateCounts });
export type SyncCounts = z.infer<typeof syncCountsSchema>;

/**
 * Whether GHL answered lately: `online` after a success, `offline` after the network failed, `unknown` before either
 * and while no sync runs (nothing checks then). `lastState`: what the last sync found, when no sync runs now.
 */
export const connectivitySchema = z.object({
  state: z.enum(connectivityStates),
  lastSuccessAt: z.number().nullable(),
  lastState: z.enum(connectivityStates).optional(),
});

/** A failure of the app's own storage while sending: each write fails until it is fixed (electron/core/storage-errors.ts). */
export const storageTroubleCauses = ['disk-full', 'data-folder-unwritable', 'db-busy', 'database-damaged'] as const;
export type StorageTroubleCause = (typeof storageTroubleCauses)[number];
/** Since when sending has failed to write, why, and what to do. */
export const storageTroubleSchema = z.object({ cause: z.enum(storageTroubleCauses), since: z.number(), message: z.string() });
export type StorageTrouble = z.infer<typeof storageTroubleSchema>;

export const runnerSchema = z.object({
  state: z.enum(runnerStates),
  /** Who runs sync for this data dir when it is not this process (the CLI, or the desktop app). */
  heldBy: z.object({ pid: z.number(), process: z.string(), /** It holds the runner and paused all sending. */ isPaused: z.boolean() }).nullable(),
  /** The companies the running sync sends for (`rlm sync --company A`); null: every company. */
  companyIds: z.array(z.number()).nullable(),
  /** Why sending stopped when nobody stopped it (an error, another program took over); null otherwise. */
  stoppedBy: z.string().nullable(),
  /** This process' sending cannot write to the database (a full disk, a lock held too long…): nothing goes meanwhile. */
  storageTrouble: storageTroubleSchema.nullable(),
});

export const syncStatusSchema = z.object({
  runner: runnerSchema,
  connectivity: connectivitySchema,
  total: syncCountsSchema,
  companies: z.array(
    syncCountsSchema.extend({
      companyId: z.number(),
      name: z.string(),
      pausedReason: z.enum(syncPauseReasons).nullable(),
      pausedUntil: z.number().nullable(),
      /** When the current pause began. */
      pausedAt: z.number().nullable(),
      lastSyncAt: z.number().nullable(),
      /** While paused for it: the workflow GHL no longer has, by its name when chosen (else its id). */
      missingWorkflow: z.string().nullable(),
    }),
  ),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

const companyScope = z.object({ companyId: z.number().int().positive().optional() }).optional();

export const retryScopeSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('all'), companyId: z.number().int().positive().optional() }),
  z.object({ scope: z.literal('batch'), batchId: z.number().int().positive() }),
  z.object({ scope: z.literal('lead'), leadId: z.number().int().positive() }),
]);
export type RetryScope = z.infer<typeof retryScopeSchema>;

export const syncAttemptSchema = z.object({
  id: z.number(),
  jobId: z.number().nullable(),
  operation: z.string(),
  httpStatus: z.number().nullable(),
  errorCode: z.string().nullable(),
  message: z.string().nullable(),
  traceId: z.string().nullable(),
  durationMs: z.number(),
  at: z.number(),
});
export type SyncAttempt = z.infer<typeof syncAttemptSchema>;

const runnerStateOut = z.object({ state: z.enum(runnerStates) });

/** A lead whose enrolment GHL did not confirm (answer lost, timeout, kill): a person checks it in GHL. */
export const unconfirmedLeadSchema = z.object({
  leadId: z.number(),
  companyId: z.number(),
  kind: z.enum(['enrol-workflow', 'enrol-tag', 'note']),
  target: z.string(),
  contactId: z.string(),
  sentAt: z.number(),
  message: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type UnconfirmedLead = z.infer<typeof unconfirmedLeadSchema>;

export const syncChannels = {
  'sync:status': channel(companyScope, syncStatusSchema),
  /** Connectivity alone, for the banner on every page: `sync:status` counts every job as well (~55 ms at a million). */
  'sync:connectivity': channel(z.void(), connectivitySchema),
  /** The runner alone (paused, stopped, run by another program), for the plans outside the dashboard: no counts. */
  'sync:runner': channel(z.void(), runnerSchema),
  /** Starts the background runner (all companies, or the listed ones). Fails with `locked` when another process runs it. */
  'sync:start': channel(z.object({ companyIds: z.array(z.number().int().positive()).optional() }).optional(), runnerStateOut),
  /** Without companyId: pauses the whole runner (in-flight requests finish; the app opens paused until resumed). With it: pauses that company. Both are remembered across restarts. */
  'sync:pause': channel(companyScope, runnerStateOut),
  'sync:resume': channel(companyScope, runnerStateOut),
  'sync:retryFailed': channel(retryScopeSchema, z.object({ requeued: z.number() })),
  /** Cancels the jobs of an import batch that have not started; running ones finish. */
  'sync:cancelBatch': channel(z.object({ batchId: z.number().int().positive() }), z.object({ cancelled: z.number() })),
  /** Leads waiting for a person's check of an enrolment GHL did not confirm. */
  'sync:unconfirmed': channel(companyScope, z.array(unconfirmedLeadSchema)),
  /** confirm: the person saw it enrolled in GHL (never sent again); resend: not there, send it once more. */
  'sync:resolveUnconfirmed': channel(
    z.object({ leadId: z.number().int().positive(), action: z.enum(['confirm', 'resend']) }),
    z.object({ leadId: z.number(), action: z.enum(['confirm', 'resend']) }),
  ),
  'sync:attempts': channel(
    z.object({ leadId: z.number().int().positive(), limit: z.number().int().positive().max(1000).optional() }),
    z.array(syncAttemptSchema),
  ),
};
