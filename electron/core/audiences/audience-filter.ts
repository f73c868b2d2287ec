/**
 * An audience as SQL over `leads l`: one owner for what "matches" means, so the count and the send
 * (audience-service.ts) and the Leads list filtered by the audience (lead-browser.ts) can never disagree.
 */
import type { AudienceCriteria } from '../../../shared/ipc/audiences';
import { loadZipDirectory } from '../../pacing/zip-directory';
import { AppError } from '../errors';

export interface AudienceFilter {
  sql: string;
  params: Record<string, unknown>;
}

/** The date a lead came in: the old CRM's, else the day it was added here (UTC, as stored dates are). */
const LEAD_DATE = `coalesce(l.original_date, date(l.created_at / 1000, 'unixepoch'))`;

/** Parameters are named `aud…`, so the clause joins other filters' named parameters without a clash. */
export async function audienceFilter(audience: AudienceCriteria): Promise<AudienceFilter> {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (audience.status) {
    parts.push('lower(l.crm_status) = lower(@audStatus)');
    params.audStatus = audience.status;
  }
  if (audience.jobType) {
    parts.push('lower(l.job_type) = lower(@audJobType)');
    params.audJobType = audience.jobType;
  }
  if (audience.tag) {
    // crm_tags is "a; b; c": match a whole tag, not part of one.
    parts.push(`(lower(l.tag) = lower(@audTag) OR instr('; ' || lower(l.crm_tags) || '; ', '; ' || lower(@audTag) || '; ') > 0)`);
    params.audTag = audience.tag;
  }
  if (audience.createdAfter) {
    parts.push(`${LEAD_DATE} >= @audCreatedAfter`);
    params.audCreatedAfter = audience.createdAfter;
  }
  if (audience.createdBefore) {
    parts.push(`${LEAD_DATE} <= @audCreatedBefore`);
    params.audCreatedBefore = audience.createdBefore;
  }
  const zipSets: string[][] = [];
  if (audience.zips) zipSets.push(audience.zips);
  if (audience.nearZip && audience.radiusMiles !== undefined) {
    const directory = await loadZipDirectory();
    const near = directory.within?.(audience.nearZip, audience.radiusMiles) ?? null;
    if (near === null) throw new AppError('validation', `ZIP ${audience.nearZip} is not a known US ZIP code, so no distance can be measured from it.`);
    zipSets.push(near);
  }
  zipSets.forEach((zips, i) => {
    parts.push(`substr(l.postal_code, 1, 5) IN (SELECT value FROM json_each(@audZips${i}))`);
    params[`audZips${i}`] = JSON.stringify(zips);
  });
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
}
