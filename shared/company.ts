import * as z from 'zod';
import { idSchema, optionalText, timestampSchema } from './fields';
import { daysOffSchema, hourlyCapSchema, isoDateSchema, scheduleInputSchema, sendDaysSchema, sendWindowSchema, timeZoneSchema, weekdays } from './schedule';
import { syncPauseReasons } from './sync-pause';

export * from './company-values';

/** Loopback http is allowed so the sandbox (simulator) can stand in for GHL; anything else must be https. */
const ghlBaseUrl = z
  .string()
  .trim()
  .url('Enter a full URL such as https://services.leadconnectorhq.com')
  .refine((value) => {
    // The url check above already refused it (zod runs this refinement anyway, and new URL would throw).
    if (!URL.canParse(value)) return true;
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
    .regex(/^[A-Za-z0-9_-]{3,64}$/, 'A location ID is 3 to 64 letters and digits, as shown in GHL under Settings → Business Profile'),
  ghlBaseUrl: ghlBaseUrl.optional(),
  enrolMode: z.enum(enrolModes).optional(),
  /** The one fixed campaign tag (issue #15 item 8): the GHL workflow starts on it. Default on create: `reactivation`. */
  enrolTag: optionalText(80),
  workflowId: optionalText(64),
  /**
   * The chosen workflow's name in GHL, kept to name it should GHL lose it; ignored without `workflowId`. A label only:
   * a longer one is cut, never refused (the office cannot shorten GHL's name from here).
   */
  workflowName: z
    .string()
    .trim()
    .nullish()
    .transform((value) => (value ? value.slice(0, 200) : null)),
  /** The sending schedule; on create, missing fields take the defaults (the zone: GHL's, else this machine's). */
  schedule: z
    .object({
      dailyCap: scheduleInputSchema.shape.dailyCap.unwrap().optional(),
      /** null clears it (no hourly limit). */
      hourlyCap: hourlyCapSchema.nullish(),
      sendDays: sendDaysSchema.optional(),
      window: sendWindowSchema.optional(),
      timeZone: timeZoneSchema.optional(),
      /** null clears it (send from now on). */
      startDate: isoDateSchema.nullish(),
      /** Replaces the list; [] clears it. */
      daysOff: daysOffSchema.optional(),
    })
    .optional(),
});
export type CompanyInput = z.input<typeof companyInputSchema>;

export const timeZoneSources = ['ghl', 'machine', 'user'] as const;

export const companyScheduleSchema = z.object({
  dailyCap: z.number().int(),
  hourlyCap: z.number().int().nullable(),
  sendDays: z.array(z.enum(weekdays)),
  window: z.object({ start: z.string(), end: z.string() }),
  timeZone: z.string(),
  startDate: z.string().nullable(),
  daysOff: z.array(z.string()),
});
export type CompanySchedule = z.infer<typeof companyScheduleSchema>;

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
  /** Its name in GHL when it was chosen (null: chosen by id, or before names were kept). */
  workflowName: z.string().nullable(),
  syncPausedReason: z.enum(syncPauseReasons).nullable(),
  schedule: companyScheduleSchema,
  /** Where the zone came from: GHL's location setting, this machine (GHL not asked yet), or the user. */
  timeZoneSource: z.enum(timeZoneSources),
  /** "At most 100 leads a day start the campaign, Mon–Sat 10:00–19:00 in each lead's own time." */
  scheduleSummary: z.string(),
  /** "40 a day, Mon–Fri 06:00–23:00", for tables. */
  scheduleShort: z.string(),
  /** Where the legal floor or state law narrows the schedule, in plain words (empty when it does not). */
  scheduleNotes: z.array(z.string()),
  /** Only ever a yes/no: the key itself never leaves the main process. */
  hasApiKey: z.boolean(),
  /**
   * The OS keychain did not answer (locked, no Secret Service): whether a key is saved cannot be told, and
   * `hasApiKey` is false. Said as "keychain did not answer" (locked, or none running), not "not set": a key saved there is not lost.
   */
  isKeyUnreadable: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Company = z.infer<typeof companySchema>;

