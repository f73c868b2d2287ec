import * as z from 'zod';
import { idSchema, optionalText, timestampSchema } from './fields';
import { optOutHolds } from './sync-pause';

export const leadStatuses = ['new', 'queued', 'syncing', 'synced', 'failed', 'dnd', 'do-not-contact'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

/** Longest value per text field: the schema's limits, and the form's maxLength (typing stops there, no error after Save). */
export const leadFieldMaxLength = {
  firstName: 100, lastName: 100, phone: 40, email: 254, address1: 200, city: 100, state: 50, postalCode: 20, country: 60,
  source: 200, notes: 10_000, consentNote: 2_000,
} as const;

/**
 * The lead form. Phone and email are only shape-checked here (shared/ may import zod alone);
 * main normalises them with the import core and answers `validation` with field paths.
 */
const leadFields = {
  firstName: optionalText(leadFieldMaxLength.firstName),
  lastName: optionalText(leadFieldMaxLength.lastName),
  phone: optionalText(leadFieldMaxLength.phone),
  email: optionalText(leadFieldMaxLength.email),
  address1: optionalText(leadFieldMaxLength.address1),
  city: optionalText(leadFieldMaxLength.city),
  state: optionalText(leadFieldMaxLength.state),
  postalCode: optionalText(leadFieldMaxLength.postalCode),
  country: z
    .string()
    .trim()
    .max(leadFieldMaxLength.country)
    .nullish()
    .transform((value) => (value ? value.toUpperCase() : 'US')),
  source: optionalText(leadFieldMaxLength.source),
  notes: optionalText(leadFieldMaxLength.notes),
  lastServiceDate: z
    .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the date picker (YYYY-MM-DD)')])
    .nullish()
    .transform((value) => (value ? value : null)),
  consentNote: optionalText(leadFieldMaxLength.consentNote),
  doNotContact: z.boolean().optional().default(false),
};

export const leadInputSchema = z.object({ companyId: idSchema, ...leadFields });
export type LeadInput = z.input<typeof leadInputSchema>;

/** An edit: any subset of the form's fields (the company of a lead never changes). */
export const leadPatchSchema = z.object({ ...leadFields, doNotContact: z.boolean() }).partial();
export type LeadPatch = z.input<typeof leadPatchSchema>;

/**
 * What an office shows when a complaint arrives (issue #13 item 7): where the lead came from, when it first
 * came in, the consent note, and when it was enrolled, in which zone and window. Words made in main
 * (electron/core/leads/consent-record.ts) so the lead panel and the export say the same.
 */
export const consentRecordSchema = z.object({
  source: z.discriminatedUnion('kind', [
    /** fileName null: the import was removed from the history since; row null: imported before rows were recorded. */
    z.object({ kind: z.literal('import'), fileName: z.string().nullable(), row: z.number().int().nullable() }),
    z.object({ kind: z.literal('typed') }),
  ]),
  /** "Imported from leads-2019.csv, row 812, on Nov 30, 2026" / "Typed in on this computer on Nov 30, 2026". */
  cameFrom: z.string(),
  /** YYYY-MM-DD, when the old CRM's column gave it. */
  originalDate: z.string().nullable(),
  consentNote: z.string().nullable(),
  enrolment: z
    .object({
      at: timestampSchema,
      /** The lead's zone (else its company's) when it was enrolled. */
      timeZone: z.string(),
      /** The lead's window that day, in words: "10:00–19:00 America/Chicago", "08:00–20:00 … (your 06:00–23:00, held to Florida law)". */
      window: z.string().nullable(),
      /** False when the enrolment fell outside that window (null: the window was not recorded). */
      isInsideWindow: z.boolean().nullable(),
    })
    .nullable(),
  /** "Enrolled Dec 2, 2026 at 10:14 America/Chicago time (window 10:00–19:00)" or "Not enrolled yet — waiting to be sent". */
  enrolled: z.string(),
});
export type ConsentRecord = z.infer<typeof consentRecordSchema>;

export const leadSchema = z.object({
  id: idSchema,
  companyId: idSchema,
  batchId: z.number().int().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  phoneRaw: z.string().nullable(),
  phoneExt: z.string().nullable(),
  email: z.string().nullable(),
  address1: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string(),
  source: z.string().nullable(),
  notes: z.string().nullable(),
  lastServiceDate: z.string().nullable(),
  consentNote: z.string().nullable(),
  doNotContact: z.boolean(),
  status: z.enum(leadStatuses),
  tag: z.string().nullable(),
  ghlContactId: z.string().nullable(),
  /** The number GHL's contact holds when it is not the lead's own (an email-only lead matched to a contact with one): the campaign texts it. */
  ghlContactPhone: z.string().nullable(),
  /** Phones the office removed after the lead went to GHL: its contact there may keep them (the upsert never clears a field). */
  removedPhones: z.array(z.string()),
  lastError: z.string().nullable(),
  /** When its record last went to GHL (an edit's update too). */
  syncedAt: timestampSchema.nullable(),
  /** When it first went to GHL: "Sent to GHL" on its panel (syncedAt moved with each update). */
  firstSyncedAt: timestampSchema.nullable(),
  /** When GHL first tagged it or added it to the workflow: "enrolled" only then, not merely "in GHL". */
  enrolledAt: timestampSchema.nullable(),
  /** What the old CRM knew (from an import; audiences choose by it) and the time zone its sends follow. */
  crm: z.object({
    originalDate: z.string().nullable(),
    status: z.string().nullable(),
    jobType: z.string().nullable(),
    /** "; "-separated, as stored. */
    tags: z.string().nullable(),
    timeZone: z.string().nullable(),
    /**
     * What placed it: its ZIP, its state, its phone's area code; 'ghl-phone': nothing of its own, the number of the GHL
     * contact it was matched to (the number the campaign texts); 'company': a state no zone table knows (its company's
     * zone, an hour to spare); 'unknown': nothing (the hours legal everywhere on the mainland, on Chicago's clock); null until placed.
     */
    timeZoneSource: z.enum(['zip', 'state', 'phone', 'ghl-phone', 'company', 'unknown']).nullable(),
  }),
  consentRecord: consentRecordSchema,
  /** Its values for the GHL location's custom fields (from an import), by the field's name; read-only in the app. */
  customFields: z.array(z.object({ name: z.string(), value: z.string() })),
  /**
   * Opted out with a GHL contact whose do-not-disturb is not set there yet: 'pending' (its job waits: paused, no
   * key, offline, or the next sync), 'key-refused' or 'daily-limit' (its job waits for GHL to take the company's calls
   * again: a new key, or the limit's reset) or 'failed' (GHL refused it); null when nothing is owed GHL.
   */
  dndInGhl: z.enum(['pending', ...optOutHolds, 'failed']).nullable(),
  /** Sent to GHL and in the campaign, with its record to go there again (an edit, Send again): it is not texted again. */
  updatePending: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Lead = z.infer<typeof leadSchema>;

/** What the form's live duplicate warning shows. */
export const leadSummarySchema = z.object({
  id: idSchema,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(leadStatuses),
  /** Which key matched. */
  field: z.enum(['phone', 'email']),
});
export type LeadSummary = z.infer<typeof leadSummarySchema>;
