import { z } from 'zod';
import { idSchema } from '../fields';
import { leadStatuses } from '../lead';
import { channel } from './define';

const statusCounts = z.record(z.enum(leadStatuses), z.number());

export const browseFiltersSchema = z.object({
  companyId: idSchema.optional(),
  status: z.enum(leadStatuses).optional(),
  batchId: idSchema.optional(),
  tag: z.string().trim().max(80).optional(),
  /** Name, phone (any format) or email. */
  search: z.string().trim().max(120).optional(),
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

/** Keyset cursor: the (createdAt, id) of the last row of the previous page. */
const cursorSchema = z.object({ createdAt: z.number(), id: z.number() });

export const dashboardChannels = {
  'dashboard:summary': channel(
    z.object({ companyId: idSchema.optional() }).optional(),
    z.object({
      totals: statusCounts,
      companies: z.array(
        z.object({
          companyId: idSchema,
          name: z.string(),
          counts: statusCounts,
          syncPausedReason: z.enum(['user', 'auth', 'daily-limit']).nullable(),
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
