import type Database from 'better-sqlite3';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { BrowseFilters, LeadRow } from '../../../shared/ipc/dashboard';
import { csvLines } from '../../parsing/csv-writer';

interface Cursor {
  createdAt: number;
  id: number;
}

const COLUMNS = `l.id, l.company_id AS companyId, c.name AS companyName, l.first_name AS firstName, l.last_name AS lastName,
  l.phone, l.email, l.city, l.status, l.tag, l.batch_id AS batchId, l.last_error AS lastError, l.created_at AS createdAt, l.synced_at AS syncedAt`;

/**
 * Builds the WHERE clause for the lead browser. Filters map onto indexes ((company_id, status),
 * (company_id, created_at), batch_id, the phone/email unique indexes); free-text name search scans
 * in index order and stops at the page size.
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
  const search = filters.search?.trim();
  if (search) {
    const digits = search.replace(/\D/g, '');
    if (search.includes('@')) {
      parts.push('l.email_key LIKE @emailPrefix');
      params.emailPrefix = `${search.toLowerCase().replace(/[%_]/g, '')}%`;
    } else if (digits.length >= 3 && digits.length >= search.replace(/[\s()+.-]/g, '').length) {
      if (digits.length === 10 || (digits.length === 11 && digits.startsWith('1'))) {
        parts.push('l.phone = @phoneExact');
        params.phoneExact = `+1${digits.slice(-10)}`;
      } else {
        parts.push('l.phone LIKE @phoneLike');
        params.phoneLike = `%${digits}%`;
      }
    } else {
      parts.push("(l.first_name || ' ' || coalesce(l.last_name, '')) LIKE @name OR l.last_name LIKE @name");
      params.name = `%${search.replace(/[%_]/g, '')}%`;
      parts[parts.length - 1] = `(${parts[parts.length - 1]})`;
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
}

const EXPORT_BATCH_ROWS = 5_000;

export class LeadBrowser {
  constructor(
    private readonly client: Database.Database,
    private readonly dataDir: string,
  ) {}

  /** Keyset pagination on (created_at, id): page 10,000 costs what page 1 costs. */
  page(filters: BrowseFilters, sort: 'newest' | 'oldest', cursor: Cursor | null | undefined, limit: number): { rows: LeadRow[]; nextCursor: Cursor | null } {
    const { sql, params } = whereClause(filters);
    const isNewest = sort === 'newest';
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

  /** Streams the filtered view to a CSV (formula-injection safe) in the data folder's exports/. */
  async exportCsv(filters: BrowseFilters): Promise<{ path: string; rows: number }> {
    const dir = join(this.dataDir, 'exports');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `leads-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
    const out = createWriteStream(path, { encoding: 'utf8' });
    const { sql, params } = whereClause(filters);
    const headers = ['Company', 'First name', 'Last name', 'Phone', 'Email', 'Address', 'City', 'State', 'ZIP', 'Status', 'Tag', 'Last error', 'GHL contact id', 'Created', 'Synced'];
    out.write(csvLines([headers]));
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
        if (!out.write(csvLines([cells]))) await once(out, 'drain');
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
