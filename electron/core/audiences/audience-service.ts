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

/** Leads per page of the counts: ~20 ms of the main thread at a time. */
const COUNT_PAGE_ROWS = 20_000;

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
    const before = await this.count(audience.companyId, filter);
    const queued = await this.jobs.queueMatching(audience.companyId, filter.sql, filter.params);
    if (queued > 0) this.events.emit('data:changed', { domain: 'leads', companyId: audience.companyId });
    return { ...before, queued, alreadyQueued: before.alreadyQueued };
  }

  /**
   * The company's leads that match, by where they stand. Read in pages of lead ids through
   * leads_company_idx, yielding between pages: an audience of a million leads read in one go held the
   * main thread for ~400 ms at every change of the filters.
   */
  private async count(companyId: number, filter: Filter): Promise<AudienceCounts> {
    const pageEnd = this.db.prepare<{ companyId: number; after: number; limit: number }, { last: number | null; n: number }>(
      `SELECT max(id) AS last, count(*) AS n FROM (SELECT id FROM leads WHERE company_id = @companyId AND id > @after ORDER BY id LIMIT @limit)`,
    );
    const countPage = this.db.prepare<Record<string, unknown>, { matched: number; heldBack: number; waiting: number; failed: number; sent: number; optedOut: number }>(
      `SELECT count(*) AS matched,
              coalesce(sum(l.status = 'new' AND l.do_not_contact = 0), 0) AS heldBack,
              coalesce(sum(l.status IN ('queued', 'syncing') AND l.do_not_contact = 0), 0) AS waiting,
              coalesce(sum(l.status = 'failed' AND l.do_not_contact = 0), 0) AS failed,
              coalesce(sum(l.status = 'synced'), 0) AS sent,
              coalesce(sum(l.do_not_contact = 1 OR l.status IN ('do-not-contact', 'dnd')), 0) AS optedOut
       FROM leads l WHERE l.company_id = @companyId AND l.id > @after AND l.id <= @last AND (${filter.sql})`,
    );
    const counts: AudienceCounts = { matched: 0, queued: 0, alreadyQueued: 0, failed: 0, alreadySent: 0, optedOut: 0 };
    for (let after = 0; ; ) {
      const { last, n } = pageEnd.get({ companyId, after, limit: COUNT_PAGE_ROWS })!;
      if (last === null) return counts;
      const row = countPage.get({ ...filter.params, companyId, after, last })!;
      counts.matched += row.matched;
      counts.queued += row.heldBack;
      counts.alreadyQueued += row.waiting;
      counts.failed += row.failed;
      counts.alreadySent += row.sent;
      counts.optedOut += row.optedOut;
      if (n < COUNT_PAGE_ROWS) return counts;
      after = last;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
