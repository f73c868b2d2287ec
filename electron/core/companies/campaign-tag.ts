import type Database from 'better-sqlite3';
import { defaultReactivationTag } from '../../../shared/company';

/**
 * The tag a new lead of this company is stored with when nobody chose one: the company's campaign
 * tag, else reactivation-YYYY-MM of today — what the Companies page promises. It is written on the
 * lead (not worked out at send time), so the Leads page shows the tag GoHighLevel will get.
 */
export function campaignTagFor(client: Database.Database, companyId: number, now = new Date()): string {
  const row = client.prepare<[number], { tag: string | null }>('SELECT enrol_tag AS tag FROM companies WHERE id = ?').get(companyId);
  return row?.tag?.trim() || defaultReactivationTag(now);
}
