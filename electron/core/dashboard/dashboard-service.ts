import type Database from 'better-sqlite3';
import { leadStatuses, type LeadStatus } from '../../../shared/lead';

type Counts = Record<LeadStatus, number>;
const emptyCounts = (): Counts => Object.fromEntries(leadStatuses.map((s) => [s, 0])) as Counts;

const HOUR = 3_600_000;

/** Reads the trigger-maintained aggregates: answers in well under a millisecond at any size. */
export class DashboardService {
  constructor(private readonly client: Database.Database) {}

  summary(companyId?: number) {
    const companyRows = this.client
      .prepare('SELECT id, name, sync_paused_reason AS syncPausedReason, last_sync_at AS lastSyncAt FROM companies WHERE (@companyId IS NULL OR id = @companyId) ORDER BY name')
      .all({ companyId: companyId ?? null }) as Array<{ id: number; name: string; syncPausedReason: 'user' | 'auth' | 'daily-limit' | null; lastSyncAt: number | null }>;
    const countRows = this.client
      .prepare('SELECT company_id AS companyId, status, n FROM lead_status_counts WHERE (@companyId IS NULL OR company_id = @companyId)')
      .all({ companyId: companyId ?? null }) as Array<{ companyId: number; status: LeadStatus; n: number }>;
    const totals = emptyCounts();
    const perCompany = new Map<number, Counts>(companyRows.map((c) => [c.id, emptyCounts()]));
    for (const row of countRows) {
      if (!(row.status in totals)) continue;
      totals[row.status] += row.n;
      const counts = perCompany.get(row.companyId);
      if (counts) counts[row.status] += row.n;
    }
    const failedReasons = this.client
      .prepare(
        `SELECT reason, n AS count, company_id AS companyId FROM failed_reason_counts
         WHERE n > 0 AND (@companyId IS NULL OR company_id = @companyId) ORDER BY n DESC LIMIT 20`,
      )
      .all({ companyId: companyId ?? null }) as Array<{ reason: string; count: number; companyId: number }>;
    const startOfDay = new Date();
    startOfDay.setHours(0, 0, 0, 0);
    const syncedToday = (
      this.client
        .prepare('SELECT coalesce(sum(n), 0) AS n FROM synced_per_hour WHERE hour >= @since AND (@companyId IS NULL OR company_id = @companyId)')
        .get({ since: Math.floor(startOfDay.getTime() / HOUR) * HOUR, companyId: companyId ?? null }) as { n: number }
    ).n;
    return {
      totals,
      companies: companyRows.map((c) => ({ companyId: c.id, name: c.name, counts: perCompany.get(c.id)!, syncPausedReason: c.syncPausedReason, lastSyncAt: c.lastSyncAt })),
      failedReasons,
      syncedToday,
    };
  }

  /** Leads synced per hour or per local day since `since`, from the per-hour aggregate. */
  syncedSeries(granularity: 'hour' | 'day', since: number, companyId?: number): Array<{ at: number; n: number }> {
    const rows = this.client
      .prepare('SELECT hour, sum(n) AS n FROM synced_per_hour WHERE hour >= @since AND (@companyId IS NULL OR company_id = @companyId) GROUP BY hour ORDER BY hour')
      .all({ since: Math.floor(since / HOUR) * HOUR, companyId: companyId ?? null }) as Array<{ hour: number; n: number }>;
    if (granularity === 'hour') return rows.map((r) => ({ at: r.hour, n: r.n }));
    const days = new Map<number, number>();
    for (const row of rows) {
      const day = new Date(row.hour);
      day.setHours(0, 0, 0, 0);
      days.set(day.getTime(), (days.get(day.getTime()) ?? 0) + row.n);
    }
    return [...days].map(([at, n]) => ({ at, n }));
  }
}
