import type Database from 'better-sqlite3';
import { DEFAULT_CAMPAIGN_TAG } from '../../../shared/company';

/**
 * The tag a new lead of this company is stored with when nobody chose one for its import: the
 * company's one fixed campaign tag (chosen when the company was added; migration 0011 gave one to
 * every older company). It is written on the lead (not worked out at send time), so the Leads page
 * shows the tag GoHighLevel will get. `reactivation` only guards a row edited by hand to no tag.
 */
export function campaignTagFor(client: Database.Database, companyId: number): string {
  const row = client.prepare<[number], { tag: string | null }>('SELECT enrol_tag AS tag FROM companies WHERE id = ?').get(companyId);
  return row?.tag?.trim() || DEFAULT_CAMPAIGN_TAG;
}
