/** Turns a stored lead into the upsert body: never tags or DND (they would overwrite GHL's state). */
import type { GhlUpsertContactBody } from '../ghl/upsert-body';
import type { LeadForSync } from '../core/jobs/job-queue';
import { DEFAULT_CAMPAIGN_TAG } from '../../shared/company-values';

export function upsertBodyFor(locationId: string, lead: LeadForSync): GhlUpsertContactBody {
  const body: GhlUpsertContactBody = { locationId, country: lead.country || 'US' };
  if (lead.firstName) body.firstName = lead.firstName;
  if (lead.lastName) body.lastName = lead.lastName;
  if (lead.phone) body.phone = lead.phone; // stored as E.164 by the import
  if (lead.email) body.email = lead.email;
  if (lead.address1) body.address1 = lead.address1;
  if (lead.city) body.city = lead.city;
  if (lead.state) body.state = lead.state;
  if (lead.postalCode) body.postalCode = lead.postalCode;
  if (lead.source) body.source = lead.source;
  if (lead.companyName) body.companyName = lead.companyName;
  // GHL's workflows wait and send in the contact's own zone when it is set.
  if (lead.timeZone) body.timezone = lead.timeZone;
  // Only the fields the lead has a value for: an empty value would clear what GHL holds.
  if (lead.customValues.length > 0) body.customFields = lead.customValues.map((custom) => ({ id: custom.id, field_value: custom.value }));
  return body;
}

/**
 * The lead's own tag (its batch's, or the campaign tag it was stored with); for a lead stored
 * without one, the company's fixed campaign tag, else `reactivation` (see campaign-tag.ts).
 */
export function enrolTagFor(lead: LeadForSync, companyTag: string | null): string {
  return lead.tag?.trim() || companyTag?.trim() || DEFAULT_CAMPAIGN_TAG;
}

/**
 * The old CRM's tags to add in GHL beside the campaign tag ("storm; VIP" → ["storm", "VIP"]). The
 * campaign tag itself is left out (GHL compares tags without case): in tag mode it is the workflow's
 * trigger and goes only through the enrolment step, never as a side effect of the old record.
 */
export function crmTagsFor(lead: Pick<LeadForSync, 'crmTags'>, campaignTag: string | null): string[] {
  const skip = campaignTag?.trim().toLowerCase() ?? null;
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of (lead.crmTags ?? '').split(';')) {
    const tag = raw.trim();
    const key = tag.toLowerCase();
    if (tag.length === 0 || key === skip || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}
