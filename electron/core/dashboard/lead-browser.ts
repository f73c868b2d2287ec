import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowseFilters, LeadRow } from '../../../shared/ipc/dashboard';
import { audienceFilter, type AudienceFilter } from '../audiences/audience-filter';
import { LeadSearch } from '../leads/lead-search';
import { freePathIn } from '../user-files';
import { exportFileName, writeLeadsCsv, type LeadSelection } from './lead-export';

interface Cursor {
  createdAt: number;
  id: number;
}

const COLUMNS = `l.id, l.company_id AS companyId, c.name AS companyName, l.first_name AS firstName, l.last_name AS lastName,
  l.phone, l.email, l.city, l.status, l.tag, l.batch_id AS batchId, l.last_error AS lastError, l.created_at AS createdAt, l.synced_at AS syncedAt`;

/**
 * Builds the WHERE clause for the lead browser. Filters map onto indexes ((company_id, status),
 * (company_id, created_at), batch_id); an audience adds its criteria (async: a distance loads the ZIP
 * directory); free text is not here: it goes through the search index
 * (lead-search.ts), which reads pages in id order.
 */
function whereClause(filters: BrowseFilters, audience: AudienceFilter | null): LeadSelection {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.companyId !== undefined) {
    parts.push('l.company_id = @companyId');
    params.companyId = filters.companyId;
  }
  if (filters.status) {
    parts.push('l.status = @status');
    params.status = filters.status;
  }
  if (filters.batchId !== undefined) {
    parts.push('l.batch_id = @batchId');
    params.batchId = filters.batchId;
  }
  if (filters.tag) {
    parts.push('l.tag = @tag');
    params.tag = filters.tag;
  }
  if (filters.audience) {
    // The audience's own query (audience-filter.ts), so the list shows exactly the leads its count counts.
    if (!audience) throw new Error('LeadBrowser: an audience filter must be resolved first (audienceOf)');
    parts.push(`(${audience.sql})`);
    Object.assign(params, audience.params);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
}

/** A search's matching ids are read for an export this many at a time. */
const SEARCH_EXPORT_BATCH = 5_000;

/** The export's file name carries the local date and its times are local: both come from here. */
export interface ExportClock {
  now: () => number;
  /** An IANA zone for the export's local times; default: this machine's. */
  timeZone?: string;
}

export class LeadBrowser {
  private readonly search: LeadSearch;

  constructor(
    private readonly client: Database.Database,
    private readonly dataDir: string,
    private readonly clock: ExportClock = { now: Date.now },
  ) {
    this.search = new LeadSearch(client);
  }

  /** The SQL of the filters' audience, if any: `page` takes it resolved (a distance loads the ZIP directory, once). */
  async audienceOf(filters: BrowseFilters): Promise<AudienceFilter | null> {
    return filters.audience ? audienceFilter(filters.audience) : null;
  }

  /** Keyset pagination on the id: page 10,000 costs what page 1 costs. `audience`: audienceOf(filters). */
  page(
    filters: BrowseFilters,
    sort: 'newest' | 'oldest',
    cursor: Cursor | null | undefined,
    limit: number,
    audience: AudienceFilter | null = null,
  ): { rows: LeadRow[]; nextCursor: Cursor | null } {
    const { sql, params } = whereClause(filters, audience);
    const isNewest = sort === 'newest';
    if (filters.search?.trim()) {
      // Search pages go in id order too, so the cursor's id alone continues them.
      const rows = this.search.page<LeadRow>({
        search: filters.search,
        select: COLUMNS,
        from: 'leads l JOIN companies c ON c.id = l.company_id',
        filterSql: sql,
        params,
        isNewest,
        afterId: cursor?.id ?? null,
        limit,
      });
      const hasMore = rows.length > limit;
      const page = hasMore ? rows.slice(0, limit) : rows;
      const last = page.at(-1);
      return { rows: page, nextCursor: hasMore && last ? { createdAt: last.createdAt, id: last.id } : null };
    }
    // Id order is the order leads were added, and every filter's index ends with the id (schema.ts): a
    // page is a walk that stops after `limit` leads, where sorting by created_at read every match.
    const keyset = cursor ? (isNewest ? 'AND l.id < @cursorId' : 'AND l.id > @cursorId') : '';
    const direction = isNewest ? 'DESC' : 'ASC';
    const rows = this.client
      .prepare(
        `SELECT ${COLUMNS} FROM leads l JOIN companies c ON c.id = l.company_id
         WHERE ${sql} ${keyset} ORDER BY l.id ${direction} LIMIT @limit`,
      )
      .all({ ...params, cursorId: cursor?.id, limit: limit + 1 }) as LeadRow[];
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const last = page.at(-1);
    return { rows: page, nextCursor: hasMore && last ? { createdAt: last.createdAt, id: last.id } : null };
  }

  /** The export's filter: a search becomes the list of matching ids (read through the index in batches). */
  private async exportWhere(filters: BrowseFilters): Promise<LeadSelection> {
    const where = whereClause(filters, await this.audienceOf(filters));
    if (!filters.search?.trim()) return where;
    const ids: number[] = [];
    for (let afterId: number | null = null; ; ) {
      const rows: Array<{ id: number }> = this.search.page<{ id: number }>({ search: filters.search, select: 'l.id', from: 'leads l', filterSql: where.sql, params: where.params, isNewest: true, afterId, limit: SEARCH_EXPORT_BATCH });
      ids.push(...rows.slice(0, SEARCH_EXPORT_BATCH).map((r) => r.id));
      if (rows.length <= SEARCH_EXPORT_BATCH) break;
      afterId = rows[SEARCH_EXPORT_BATCH - 1]!.id;
    }
    return { sql: `${where.sql} AND l.id IN (SELECT value FROM json_each(@searchIds))`, params: { ...where.params, searchIds: JSON.stringify(ids) } };
  }

  /**
   * Writes the filtered view to a CSV (see lead-export.ts), into the data folder's exports/ under the
   * name the user is offered, or where `destination` says (`rlm export FILE`; it is handed that name).
   * The file appears only once complete: it is written beside its destination and renamed at the end.
   */
  async exportCsv(filters: BrowseFilters, destination?: (fileName: string) => string): Promise<{ path: string; rows: number; fileName: string }> {
    const companyName = filters.companyId === undefined ? null : this.companyName(filters.companyId);
    const fileName = exportFileName(companyName, filters.status, this.clock.now(), this.clock.timeZone);
    const path = destination ? destination(fileName) : this.freeExportPath(fileName);
    const partial = `${path}.${process.pid}-${randomUUID().slice(0, 8)}.partial`;
    try {
      const rows = await writeLeadsCsv(this.client, await this.exportWhere(filters), partial, this.clock.timeZone);
      renameSync(partial, path);
      return { path, rows, fileName };
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
  }

  private companyName(companyId: number): string | null {
    const row = this.client.prepare('SELECT name FROM companies WHERE id = ?').get(companyId) as { name: string } | undefined;
    return row?.name ?? null;
  }

  /** exports/leads-Summit-Roofing-2026-11-30.csv, or …-2.csv when an export of the same day is already there. */
  private freeExportPath(fileName: string): string {
    const dir = join(this.dataDir, 'exports');
    mkdirSync(dir, { recursive: true });
    return freePathIn(dir, fileName);
  }

}
