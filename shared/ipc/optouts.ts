import * as z from 'zod';
import { idSchema, timestampSchema } from '../fields';
import { optOutSources } from '../optouts';
import { channel } from './define';


export const optOutSchema = z.object({
  id: idSchema,
  kind: z.enum(['phone', 'email']),
  /** E.164 phone or lower-cased email. */
  value: z.string(),
  source: z.enum(optOutSources),
  reason: z.string().nullable(),
  /** The company whose lead put it on the list (lead-dnc, ghl-dnd). */
  companyName: z.string().nullable(),
  createdAt: timestampSchema,
});
export type OptOut = z.infer<typeof optOutSchema>;

const reasonText = z.string().trim().max(200, 'At most 200 characters');

export const optOutAddSchema = z
  .object({
    phone: z.string().trim().max(60).optional(),
    email: z.string().trim().max(254).optional(),
    reason: reasonText.optional(),
  })
  .refine((input) => Boolean(input.phone) !== Boolean(input.email), { message: 'Enter a phone number or an email address (one of the two)', path: ['phone'] });

export const optOutsChannels = {
  /** Newest first; `search` matches the number's digits, the email or the reason. */
  'optouts:list': channel(
    z.object({ search: z.string().trim().max(100).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }),
    z.object({ items: z.array(optOutSchema), total: z.number(), offset: z.number() }),
  ),
  /** Every waiting lead with this phone or email, in every company, becomes do-not-contact. */
  'optouts:add': channel(optOutAddSchema, z.object({ entry: optOutSchema, isNew: z.boolean(), leadsMarked: z.number() })),
  'optouts:remove': channel(
    z.object({ id: idSchema, reason: reasonText.min(1, 'Say why this number or email may be contacted again') }),
    z.object({ removed: z.boolean() }),
  ),
  /** A CSV or workbook of numbers/emails (an old CRM's list, a STOP report), any phone format. */
  'optouts:import': channel(
    // `path`: from the renderer, a handle of a file the user chose (`api.files.handleFor`); in process, a path.
    z.object({ path: z.string().min(1, 'Choose a file').max(4096), reason: reasonText.optional() }),
    z.object({ added: z.number(), already: z.number(), repeated: z.number(), invalid: z.number(), leadsMarked: z.number(), invalidExamples: z.array(z.string()) }),
  ),
};
