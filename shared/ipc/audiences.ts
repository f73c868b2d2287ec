import * as z from 'zod';
import { channel } from './define';
import { isoDateSchema } from '../schedule';

// A real calendar day: 2020-99-01 was taken, compared as text, and matched leads nobody meant.
const isoDate = isoDateSchema;

/**
 * Which of a company's leads to send, by what the old CRM knew of them: e.g. lost estimates from
 * 2019–2022 within 15 miles of 78701 after a hail storm. Every criterion given must hold.
 */
export const audienceCriteriaSchema = z.object({
  /** The old CRM's status ("Lost Estimate"), case-insensitive. */
  status: z.string().trim().min(1).max(100).optional(),
  jobType: z.string().trim().min(1).max(100).optional(),
  /** One of the old CRM's tags, or the lead's campaign tag, case-insensitive. */
  tag: z.string().trim().min(1).max(100).optional(),
  /** The lead's original date (when it first came in; the date it was added here when the file had none). */
  createdAfter: isoDate.optional(),
  createdBefore: isoDate.optional(),
  zips: z.array(z.string().regex(/^\d{5}$/, 'a 5-digit ZIP')).max(2_000).optional(),
  /** Leads whose ZIP centroid lies within `radiusMiles` of this ZIP's. */
  nearZip: z.string().regex(/^\d{5}$/, 'a 5-digit ZIP').optional(),
  radiusMiles: z.number().positive().max(500).optional(),
});
export type AudienceCriteria = z.infer<typeof audienceCriteriaSchema>;

const hasWholeDistance = (a: AudienceCriteria) => (a.nearZip === undefined) === (a.radiusMiles === undefined);
const DISTANCE_MESSAGE = { message: 'A distance needs both a ZIP and a radius in miles' };

/** The criteria without a company: the Leads list's filter (`leads:page`), whose company is its own filter. */
export const audienceFilterSchema = audienceCriteriaSchema.refine(hasWholeDistance, DISTANCE_MESSAGE);

export const audienceSchema = audienceCriteriaSchema.extend({ companyId: z.number().int().positive() }).refine(hasWholeDistance, DISTANCE_MESSAGE);
export type Audience = z.infer<typeof audienceSchema>;

export const audienceCountsSchema = z.object({
  /** Leads of the company that match. */
  matched: z.number(),
  /** Held back until now, queued by this send (a preview: would be). */
  queued: z.number(),
  /** Already waiting to go or going. */
  alreadyQueued: z.number(),
  /** Failed: they wait for someone to retry them (the Leads page's Failed filter), not for the queue. */
  failed: z.number(),
  /** Already in GHL. */
  alreadySent: z.number(),
  /** Do-not-contact or on GHL's do-not-disturb: never sent. */
  optedOut: z.number(),
});
export type AudienceCounts = z.infer<typeof audienceCountsSchema>;

/**
 * What the company's leads hold, to offer as choices, in alphabetical order (at most 200 each). No
 * counts: counting visits every lead (230 ms at 1M); the preview counts the audience chosen.
 */
export const audienceOptionsSchema = z.object({
  statuses: z.array(z.string()),
  jobTypes: z.array(z.string()),
  tags: z.array(z.string()),
});
export type AudienceOptions = z.infer<typeof audienceOptionsSchema>;

export const audiencesChannels = {
  /** The old statuses, job types and tags of a company's leads (case variants folded together). */
  'audiences:options': channel(z.object({ companyId: z.number().int().positive() }), audienceOptionsSchema),
  /** What a send would do, without doing it. */
  'audiences:preview': channel(audienceSchema, audienceCountsSchema),
  /** Queues the held-back leads that match; they go on the company's sending schedule (opted-out ones never go). */
  'audiences:send': channel(audienceSchema, audienceCountsSchema),
};
