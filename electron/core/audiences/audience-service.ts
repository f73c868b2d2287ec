/**
 * Audiences: which of a company's leads to send, chosen by what the old CRM knew (status, job type,
 * tags, when the lead came in, where the roof is). Sending queues the matching leads that were held
 * back; what is already on its way, already in GHL or opted out is counted, never sent again.
 */
import type Database from 'better-sqlite3';
import type { Audience, AudienceCounts, AudienceOptions } from '../../../shared/ipc/audiences';
import { audienceOptions } from './audience-options';
import { loadZipDirectory } from '../../pacing/zip-directory';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { JobQueue } from '../jobs/job-queue';

interface Filter {
  sql: string;
  params: Record<string, unknown>;
}

/** The date a lead came in: the old CRM's, else the day it was added here (UTC, as stored dates are). */
const LEAD_DATE = `coalesce(l.original_date, date(l.created_at / 1000, 'unixepoch'))`;

export class AudienceService {
  constructor(
    private readonly db: Database.Database,
    private readonly jobs: JobQueue,
    private readonly events: EventBus,
  ) {}

  options(companyId: number): AudienceOptions {
    return audienceOptions(this.db, companyId);
  }

  async preview(audience: Audience): Promise<AudienceCounts> {
    const filter = await this.filter(audience);
    return this.count(audience.companyId, filter);
  }

  async send(audience: Audience): Promise<AudienceCounts> {
    const filter = await this.filter(audience);
    const before = this.count(audience.companyId, filter);
    const queued = await this.jobs.queueMatching(audience.companyId, filter.sql, filter.params);
    if (queued > 0) this.events.emit('data:changed', { domain: 'leads', companyId: audience.companyId });
    return { ...before, queued, alreadyQueued: before.alreadyQueued };
  }

  private count(companyId: number, filter: Filter): AudienceCounts {
    const row = this.db
      .prepare<Record<string, unknown>, { matched: number; heldBack: number; waiting: number; sent: number; optedOut: number }>(
        `SELECT count(*) AS matched,
                coalesce(sum(l.status = 'new' AND l.do_not_contact = 0), 0) AS heldBack,
                coalesce(sum(l.status IN ('queued', 'syncing', 'failed') AND l.do_not_contact = 0), 0) AS waiting,
                coalesce(sum(l.status = 'synced'), 0) AS sent,
                coalesce(sum(l.do_not_contact = 1 OR l.status IN ('do-not-contact', 'dnd')), 0) AS optedOut
         FROM leads l WHERE l.company_id = @companyId AND (${filter.sql})`,
      )
      .get({ ...filter.params, companyId })!;
    return { matched: row.matched, queued: row.heldBack, alreadyQueued: row.waiting, alreadySent: row.sent, optedOut: row.optedOut };
  }

  private async filter(audience: Audience): Promise<Filter> {
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    if (audience.status) {
      parts.push('lower(l.crm_status) = lower(@status)');
      params.status = audience.status;
    }
    if (audience.jobType) {
      parts.push('lower(l.job_type) = lower(@jobType)');
      params.jobType = audience.jobType;
    }
    if (audience.tag) {
      // crm_tags is "a; b; c": match a whole tag, not part of one.
      parts.push(`(lower(l.tag) = lower(@tag) OR instr('; ' || lower(l.crm_tags) || '; ', '; ' || lower(@tag) || '; ') > 0)`);
      params.tag = audience.tag;
    }
    if (audience.createdAfter) {
      parts.push(`${LEAD_DATE} >= @createdAfter`);
      params.createdAfter = audience.createdAfter;
    }
    if (audience.createdBefore) {
      parts.push(`${LEAD_DATE} <= @createdBefore`);
      params.createdBefore = audience.createdBefore;
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
      parts.push(`substr(l.postal_code, 1, 5) IN (SELECT value FROM json_each(@zips${i}))`);
      params[`zips${i}`] = JSON.stringify(zips);
    });
    return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
  }
}
