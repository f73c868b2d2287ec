import { z } from 'zod';
import { idSchema, optionalText, timestampSchema } from './fields';

export const OFFICIAL_GHL_BASE_URL = 'https://services.leadconnectorhq.com';

/** Loopback http is allowed so the sandbox (simulator) can stand in for GHL; anything else must be https. */
const ghlBaseUrl = z
  .string()
  .trim()
  .url('Enter a full URL such as https://services.leadconnectorhq.com')
  .refine((value) => {
    const url = new URL(value);
    const isLoopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback);
  }, 'The GHL address must start with https://')
  .transform((value) => value.replace(/\/+$/, ''));

export const enrolModes = ['tag', 'workflow'] as const;

export const companyInputSchema = z.object({
  name: z.string().trim().min(1, 'Company name is required').max(120, 'At most 120 characters'),
  ownerName: optionalText(120),
  ownerPhone: optionalText(40),
  ownerEmail: z
    .union([z.literal(''), z.string().trim().email('Enter a valid email address')])
    .nullish()
    .transform((value) => (value ? value.toLowerCase() : null)),
  ghlLocationId: z
    .string()
    .trim()
    .min(1, 'The GHL location ID is required')
    .regex(/^[A-Za-z0-9_-]{3,64}$/, 'A location ID is letters and digits, as shown in GHL under Settings → Business Profile'),
  ghlBaseUrl: ghlBaseUrl.optional(),
  enrolMode: z.enum(enrolModes).optional(),
  enrolTag: optionalText(80),
  workflowId: optionalText(64),
});
export type CompanyInput = z.input<typeof companyInputSchema>;

export const companySchema = z.object({
  id: idSchema,
  name: z.string(),
  ownerName: z.string().nullable(),
  ownerPhone: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  ghlLocationId: z.string(),
  ghlBaseUrl: z.string(),
  enrolMode: z.enum(enrolModes),
  enrolTag: z.string().nullable(),
  workflowId: z.string().nullable(),
  syncPausedReason: z.enum(['user', 'auth', 'daily-limit']).nullable(),
  /** Only ever a yes/no: the key itself never leaves the main process. */
  hasApiKey: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Company = z.infer<typeof companySchema>;

/** Default tag for a reactivation campaign: reactivation-YYYY-MM of the given date. */
export function defaultReactivationTag(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  return `reactivation-${now.getFullYear()}-${month}`;
}
