import * as z from 'zod';
import { companyInputSchema, companySchema } from '../company';
import { idSchema } from '../fields';
import { scheduleInputSchema } from '../schedule';
import { sendPlanSchema } from '../send-plan';
import { channel } from './define';

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  /** Plain-language outcome for the office manager. */
  message: z.string(),
  locationName: z.string().nullable(),
  allowDuplicateContact: z.boolean().nullable(),
  errorKind: z.enum(['no-key', 'wrong-key', 'missing-scope', 'other-location', 'offline', 'rate-limited', 'other']).nullable(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

export const companiesChannels = {
  'companies:list': channel(z.void(), z.array(companySchema)),
  'companies:get': channel(z.object({ id: idSchema }), companySchema),
  'companies:create': channel(companyInputSchema, companySchema),
  'companies:update': channel(z.object({ id: idSchema, patch: companyInputSchema.partial() }), companySchema),
  /** Refused with `conflict` while leads wait to sync, unless `force` (the UI asks first). */
  'companies:remove': channel(z.object({ id: idSchema, force: z.boolean().optional() }), z.object({ removed: z.boolean() })),
  'companies:setKey': channel(
    z.object({ id: idSchema, apiKey: z.string().trim().min(10, 'That does not look like a GHL Private Integration token').max(4096) }),
    z.object({ hasApiKey: z.boolean() }),
  ),
  'companies:removeKey': channel(z.object({ id: idSchema }), z.object({ hasApiKey: z.boolean() })),
  'companies:testConnection': channel(z.object({ id: idSchema }), connectionTestSchema),
  /** The schedule in words, for the form while it is edited: the summary and where the law narrows it. */
  'companies:explainSchedule': channel(scheduleInputSchema, z.object({ summary: z.string(), short: z.string(), notes: z.array(z.string()) })),
  /** Where the company's sending stands against its schedule now: today's count, what waits, next send, finish day. */
  'companies:plan': channel(z.object({ id: idSchema }), sendPlanSchema),
  /** The location's published workflows, for the "add to a workflow" picker. */
  'companies:listWorkflows': channel(z.object({ id: idSchema }), z.array(z.object({ id: z.string(), name: z.string() }))),
};
