import * as z from 'zod';
import { connectivitySchema, storageTroubleCauses } from './sync';

/**
 * Push events from main to the renderer. Declared like channels so both transports
 * (Electron IPC and the browser harness' SSE stream) carry the same, validated shapes.
 */
export const eventSchemas = {
  /** Something changed in a domain; pages that show it refetch. Cheaper than polling the database. */
  'data:changed': z.object({ domain: z.enum(['companies', 'leads', 'imports', 'sync']), companyId: z.number().nullable() }),
  'import:progress': z.object({
    batchId: z.number(),
    processedRows: z.number(),
    totalBytes: z.number(),
    processedBytes: z.number(),
    rowsPerSecond: z.number(),
    etaSeconds: z.number().nullable(),
    state: z.enum(['running', 'completed', 'cancelled', 'failed']),
  }),
  /** An undo deleting contacts in GoHighLevel: how far it got (paced by GHL's rate limit). */
  'undo:progress': z.object({ batchId: z.number(), done: z.number(), total: z.number(), deleted: z.number(), failed: z.number() }),
  'sync:progress': z.object({
    state: z.enum(['idle', 'running', 'paused', 'offline', 'stopped']),
    synced: z.number(),
    failed: z.number(),
    pending: z.number(),
    leadsPerMinute: z.number(),
    companies: z.array(
      z.object({
        companyId: z.number(),
        state: z.enum(['idle', 'running', 'paused', 'offline', 'auth', 'daily-limit']),
        pending: z.number(),
        requestsUsedToday: z.number().nullable(),
      }),
    ),
    /** Sending cannot write to the database (the dashboard's overview says why and what to do). */
    storageTrouble: z.enum(storageTroubleCauses).nullable(),
  }),
  connectivity: connectivitySchema,
};

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
