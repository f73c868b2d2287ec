/**
 * Audiences: which of a company's leads to send, chosen by what the old CRM knew (status, job type,
 * tags, when the lead came in, where the roof is). Sending queues the matching leads that were held
 * back; what is already on its way, already in GHL or opted out is counted, never sent again.
 */
import type Database from 'better-sqlite3';
import type { Audience, AudienceCounts, AudienceOptions } from '../../../shared/ipc/audiences';
import { audienceOptions } from './audience-options';
import { audienceFilter, type AudienceFilter as Filter } from './audience-filter';
import type { EventBus } from '../events';
import type { JobQueue } from '../jobs/job-queue';


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
    const filter = await audienceFilter(audience);
    return this.count(audience.companyId, filter);
  }

  async send(audience: Audience): Promise<AudienceCounts> {
    const filter = await audienceFilter(audience);
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
}
