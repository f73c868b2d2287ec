import type Database from 'better-sqlite3';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { BrowseFilters, LeadRow } from '../../../shared/ipc/dashboard';
import { csvRow } from '../../parsing/rejected-csv';
import { LeadSearch } from '../leads/lead-search';

interface Cursor {
  createdAt: number;
  id: number;
}

const COLUMNS = `l.id, l.company_id AS companyId, c.name AS companyName, l.first_name AS firstName, l.last_name AS lastName,
  l.phone, l.email, l.city, l.status, l.tag, l.batch_id AS batchId, l.last_error AS lastError, l.created_at AS createdAt, l.synced_at AS syncedAt`;

/**
 * Builds the WHERE clause for the lead browser. Filters map onto indexes ((company_id, status),
 * (company_id, created_at), batch_id); free text is not here: it goes through the search index
 * (lead-search.ts), which reads pages in id order.
 */
function whereClause(filters: BrowseFilters): { sql: string; params: Record<string, unknown> } {
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
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
}

const EXPORT_BATCH_ROWS = 5_000;

export class LeadBrowser {
  private readonly search: LeadSearch;

  constructor(
    private readonly client: Database.Database,
    private readonly dataDir: string,
  ) {
    this.search = new LeadSearch(client);
  }

  /** Keyset pagination on (created_at, id): page 10,000 costs what page 1 costs. */
  page(filters: BrowseFilters, sort: 'newest' | 'oldest', cursor: Cursor | null | undefined, limit: number): { rows: LeadRow[]; nextCursor: Cursor | null } {
    const { sql, params } = whereClause(filters);
    const isNewest = sort === 'newest';
    if (filters.search?.trim()) {
      // Search pages go in id order, which is the order leads were added (created_at), so the
      // cursor's id alone continues them.
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
    const keyset = cursor ? (isNewest ? 'AND (l.created_at, l.id) < (@cursorAt, @cursorId)' : 'AND (l.created_at, l.id) > (@cursorAt, @cursorId)') : '';
    const direction = isNewest ? 'DESC' : 'ASC';
    const rows = this.client
      .prepare(
        `SELECT ${COLUMNS} FROM leads l JOIN companies c ON c.id = l.company_id
         WHERE ${sql} ${keyset} ORDER BY l.created_at ${direction}, l.id ${direction} LIMIT @limit`,
      )
      .all({ ...params, cursorAt: cursor?.createdAt, cursorId: cursor?.id, limit: limit + 1 }) as LeadRow[];
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const last = page.at(-1);
    return { rows: page, nextCursor: hasMore && last ? { createdAt: last.createdAt, id: last.id } : null };
  }

  /** The export's filter: a search becomes the list of matching ids (read through the index in batches). */
  private exportWhere(filters: BrowseFilters): { sql: string; params: Record<string, unknown> } {
    const where = whereClause(filters);
    if (!filters.search?.trim()) return where;
    const ids: number[] = [];
    for (let afterId: number | null = null; ; ) {
      const rows: Array<{ id: number }> = this.search.page<{ id: number }>({ search: filters.search, select: 'l.id', from: 'leads l', filterSql: where.sql, params: where.params, isNewest: true, afterId, limit: EXPORT_BATCH_ROWS });
      ids.push(...rows.slice(0, EXPORT_BATCH_ROWS).map((r) => r.id));
      if (rows.length <= EXPORT_BATCH_ROWS) break;
      afterId = rows[EXPORT_BATCH_ROWS - 1]!.id;
    }
    return { sql: `${where.sql} AND l.id IN (SELECT value FROM json_each(@searchIds))`, params: { ...where.params, searchIds: JSON.stringify(ids) } };
  }

  /** Streams the filtered view to a CSV (formula-injection safe) in the data folder's exports/. */
  async exportCsv(filters: BrowseFilters): Promise<{ path: string; rows: number }> {
    const dir = join(this.dataDir, 'exports');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `leads-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
    const out = createWriteStream(path, { encoding: 'utf8' });
    const { sql, params } = this.exportWhere(filters);
    const headers = ['Company', 'First name', 'Last name', 'Phone', 'Email', 'Address', 'City', 'State', 'ZIP', 'Status', 'Tag', 'Last error', 'GHL contact id', 'Created', 'Synced'];
    out.write(csvRow(headers));
    let count = 0;
    // Keyset batches with .all(), never an iterator held open across the awaits below: while a
    // statement iterates, the connection refuses every other query (IPC calls, the sync lock's
    // heartbeat), and a million-row export would stall the app for its whole duration.
    const batch = this.client.prepare(
      `SELECT c.name, l.first_name, l.last_name, l.phone, l.email, l.address1, l.city, l.state, l.postal_code, l.status, l.tag, l.last_error,
              l.ghl_contact_id, l.created_at, l.synced_at, l.id
       FROM leads l JOIN companies c ON c.id = l.company_id
       WHERE ${sql} AND (@cursorAt IS NULL OR (l.created_at, l.id) < (@cursorAt, @cursorId))
       ORDER BY l.created_at DESC, l.id DESC LIMIT ${EXPORT_BATCH_ROWS}`,
    );
    let cursor: { at: number | null; id: number | null } = { at: null, id: null };
    for (;;) {
      const rows = batch.raw().all({ ...params, cursorAt: cursor.at, cursorId: cursor.id }) as unknown[][];
      for (const row of rows) {
        const cells = row.slice(0, 15).map((value, i) => (value === null ? '' : i >= 13 ? new Date(Number(value)).toISOString() : String(value)));
        // Respect back-pressure so a million-row export does not pile up in memory.
        if (!out.write(csvRow(cells))) await once(out, 'drain');
        count++;
      }
      if (rows.length < EXPORT_BATCH_ROWS) break;
      const last = rows.at(-1)!;
      cursor = { at: Number(last[13]), id: Number(last[15]) };
    }
    out.end();
    await once(out, 'finish');
    return { path, rows: count };
  }
}
