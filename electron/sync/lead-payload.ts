/** Turns a stored lead into the upsert body: never tags or DND (they would overwrite GHL's state). */
import type { GhlUpsertContactBody } from '../ghl/upsert-body';
import type { LeadForSync } from '../core/jobs/job-queue';
import { defaultReactivationTag } from '../../shared/company';

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
  return body;
}

/**
 * The lead's own tag (its batch's, or the campaign tag it was stored with); for a lead stored
 * without one, the company's tag, else this month's reactivation-YYYY-MM (see campaign-tag.ts).
 */
export function enrolTagFor(lead: LeadForSync, companyTag: string | null, now = new Date()): string {
  return lead.tag?.trim() || companyTag?.trim() || defaultReactivationTag(now);
}
