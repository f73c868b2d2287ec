/**
 * Whether the number a lead's GHL contact holds (`@contactPhone`, E.164, not null) is kept in leads.ghl_contact_phone:
 * when the campaign texts it and it is not the lead's own — a lead without a phone, or an enrolled one whose contact
 * keeps another (company-lane.ts phoneNotKept fails a lead not enrolled yet: never texted there). An upsert's answer
 * (lease-statements.ts) and a DND look's (shared-customer-watch.ts) keep it alike.
 */
export const KEPT_CONTACT_PHONE_SQL = `CASE WHEN @contactPhone IS NOT phone AND (phone IS NULL OR enrolled_at IS NOT NULL) THEN @contactPhone END`;
