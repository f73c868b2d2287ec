import * as z from 'zod';
import { idSchema } from '../fields';
import { leadInputSchema, leadPatchSchema, leadSchema, leadSummarySchema } from '../lead';
import { channel } from './define';

/** When a waiting lead may go at the earliest (null when it is not waiting for its turn). */
export const leadTurnSchema = z.object({
  /** Epoch ms; ≤ now when it may go now; null when nothing under the schedule lets it go, or it does not wait for a turn. */
  earliestAt: z.number().nullable(),
  /** Epoch ms: when its hours open on the day it is expected to go, its line ahead of it sent first at the company's pace; null when unknown. */
  expectedAt: z.number().nullable(),
  /** "Expected Sat 10:00 CST: 8th in line of the 8 waiting. Leads go oldest first, at most 3 a day." or why never; null when not waiting. */
  text: z.string().nullable(),
});
export type LeadTurn = z.output<typeof leadTurnSchema>;

export const leadsChannels = {
  /** `validation` with details [{path, message}] for a bad phone/email; `conflict` {existingLeadId, field} for a duplicate. */
  'leads:create': channel(leadInputSchema, leadSchema),
  'leads:get': channel(z.object({ id: idSchema }), leadSchema),
  /** For a lead waiting for its first enrolment: the earliest it may go under its company's schedule. */
  'leads:turn': channel(z.object({ id: idSchema }), leadTurnSchema),
  /** For the form's live warning: the existing lead of this company with that phone or email, or null. */
  'leads:checkDuplicate': channel(
    z.object({ companyId: idSchema, phone: z.string().max(40).nullish(), email: z.string().max(254).nullish(), excludeLeadId: idSchema.optional() }),
    leadSummarySchema.nullable(),
  ),
  /** Edits fields (an empty string clears one) and queues a new sync unless the lead is do-not-contact. */
  'leads:update': channel(z.object({ id: idSchema, patch: leadPatchSchema }), leadSchema),
  /** Deletes the lead locally (its unsent jobs go with it); a GHL contact is not touched. */
  'leads:remove': channel(z.object({ id: idSchema }), z.object({ removed: z.boolean(), ghlContactId: z.string().nullable() })),
  /** Queues the lead for GHL now: a held-back one ("Send to GoHighLevel") or one sent before ("Resync"). `conflict` when do-not-contact. */
  'leads:send': channel(z.object({ id: idSchema }), leadSchema),
  'leads:setDoNotContact': channel(z.object({ id: idSchema, doNotContact: z.boolean() }), leadSchema),
};
