/**
 * Search that finds people: accent-insensitive "contains" over name, phone digits, email, street and
 * city, several words in any order ("smith john", "pena", "gmail", "555-0142", "oak st austin").
 *
 * An FTS5 trigram index (`lead_search`, migration 0007) answers words of three or more characters in
 * milliseconds at a million leads. It is filled here (LeadSearchIndexer, run by the search index worker
 * thread: search-index-worker.ts), in short chunks, not by triggers: indexing costs ~30 µs a lead and
 * would triple an import. Leads not indexed yet (above the watermark, or changed
 * since: `lead_search_dirty`) are matched directly with the same folding, so results are complete at
 * every moment, only slower right after a large import. A deleted lead's entry stays until it is
 * indexed again (never: ids are not reused); search joins `leads`, so it is never shown.
 */
import type Database from 'better-sqlite3';

const WATERMARK_KEY = 'lead-search.indexed-through';

/** Lower case without accents: "Peña" → "pena". The trigram index's remove_diacritics does the same. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The columns a search reads, in the order the document is built from. */
const DOC_SQL = `coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '') || ' ' || coalesce(l.email, '') || ' ' ||
  coalesce(l.address1, '') || ' ' || coalesce(l.city, '') || ' ' || coalesce(l.phone, '')`;

interface DocRow {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  address1: string | null;
  city: string | null;
  phone: string | null;
}

/** Phone digits with and without the country code, so "5125550142" and "15125550142" both match. */
function phoneDigits(phone: string | null): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('1') && digits.length === 11 ? `${digits} ${digits.slice(1)}` : digits;
}

export function searchDocument(row: Omit<DocRow, 'id'>): string {
  return [row.firstName, row.lastName, row.email, row.address1, row.city, phoneDigits(row.phone)].filter(Boolean).join(' ');
}

/** A query split into what the index can answer (3+ characters) and what is matched by scanning. */
export interface SearchTerms {
  indexed: string[];
  short: string[];
}

export function searchTerms(search: string): SearchTerms {
  const words = search
    .trim()
    .split(/\s+/)
    .map((word) => {
      // "(512)", "555-0142", "+1": a number is searched by its digits, whatever the punctuation.
      const digits = word.replace(/\D/g, '');
      const isNumber = digits.length > 0 && word.replace(/[\s()+.-]/g, '').length === digits.length;
      return isNumber ? digits : foldForSearch(word).replace(/["%_]/g, '');
    })
    .filter((word) => word.length > 0);
  return { indexed: words.filter((w) => [...w].length >= 3), short: words.filter((w) => [...w].length < 3) };
}

const matchExpression = (words: string[]) => words.map((w) => `"${w}"`).join(' AND ');

/** How many index hits are looked at per round while a page fills. */
const HITS_PER_ROUND = 500;

/**
 * A search over leads already narrowed by the caller's filters (`filterSql` on `leads l`, which may
 * join `companies c`), newest or oldest first by id — the order leads were added, which is the
 * order of their `created_at`. The index is read lazily in that order (FTS5 walks its lists from
 * either end), so a word that matches half the leads fills a page as fast as a rare one.
 */
export interface SearchPageQuery {
  search: string;
  select: string;
  from: string;
  filterSql: string;
  params: Record<string, unknown>;
  isNewest: boolean;
  /** Only leads past this id (exclusive) in the chosen direction; null from the start. */
  afterId: number | null;
  limit: number;
}

export class LeadSearch {
  private readonly watermarkStmt;

  constructor(private readonly client: Database.Database) {
    // The scan half folds the stored text the same way the index does.
    client.function('rlm_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : ''));
    this.watermarkStmt = client.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?');
  }

  indexedThrough(): number {
    return Number(this.watermarkStmt.get(WATERMARK_KEY)?.value ?? 0);
  }

  /** The rows of one page (up to `limit + 1`, so the caller can tell there is more), in id order. */
  page<Row extends { id: number }>(query: SearchPageQuery): Row[] {
    const { indexed, short } = searchTerms(query.search);
    const words = [...indexed, ...short];
    const params: Record<string, unknown> = { ...query.params, searchWatermark: this.indexedThrough() };
    words.forEach((w, i) => (params[`searchLike${i}`] = `%${w}%`));
    const scanMatch = words.length ? words.map((_, i) => `rlm_fold(${DOC_SQL}) LIKE @searchLike${i}`).join(' AND ') : '1 = 1';
    const order = query.isNewest ? 'DESC' : 'ASC';
    const wanted = query.limit + 1;
    const before = (id: number | null) => (id === null ? '' : query.isNewest ? `AND l.id < ${id}` : `AND l.id > ${id}`);
    const select = (where: string, extra: Record<string, unknown> = {}) =>
      this.client.prepare<Record<string, unknown>, Row>(`SELECT ${query.select} FROM ${query.from} WHERE ${query.filterSql} AND ${where} ORDER BY l.id ${order} LIMIT ${wanted}`).all({ ...params, ...extra });

    // Leads the index has not reached (the newest: above the watermark) are matched by scanning.
    const tail = () => select(`l.id > @searchWatermark ${before(query.afterId)} AND ${scanMatch}`);
    if (indexed.length === 0) return select(`1 = 1 ${before(query.afterId)} AND ${scanMatch}`);

    const rows: Row[] = [];
    if (query.isNewest) rows.push(...tail());
    if (rows.length < wanted) rows.push(...this.indexedRows<Row>(query, indexed, params, scanMatch, wanted - rows.length, select));
    if (!query.isNewest && rows.length < wanted) rows.push(...tail());
    return rows.slice(0, wanted);
  }

  /** Walks the index from the cursor in rounds until the page is full or the index has no more. */
  private indexedRows<Row extends { id: number }>(
    query: SearchPageQuery,
    indexed: string[],
    params: Record<string, unknown>,
    scanMatch: string,
    wanted: number,
    select: (where: string, extra?: Record<string, unknown>) => Row[],
  ): Row[] {
    const watermark = Number(params.searchWatermark);
    const order = query.isNewest ? 'DESC' : 'ASC';
    const hitsStmt = this.client.prepare<[string, number, number], { id: number }>(
      `SELECT rowid AS id FROM lead_search WHERE lead_search MATCH ? AND rowid ${query.isNewest ? '<' : '>'} ? ORDER BY rowid ${order} LIMIT ?`,
    );
    const shortWords = searchTerms(query.search).short;
    const shortMatch = shortWords.map((_, i) => `rlm_fold(${DOC_SQL}) LIKE @searchLike${indexed.length + i}`).join(' AND ');
    const rows: Row[] = [];
    let from = query.afterId ?? (query.isNewest ? watermark + 1 : 0);
    if (query.isNewest) from = Math.min(from, watermark + 1);
    for (;;) {
      const hits = hitsStmt.all(matchExpression(indexed), from, HITS_PER_ROUND).map((h) => h.id);
      const last = hits.at(-1) ?? (query.isNewest ? 0 : watermark);
      // This round covers ids from `from` (exclusive) to `last` (inclusive): its index hits, minus
      // leads changed since they were indexed, plus those changed leads that match now.
      const lo = query.isNewest ? last : from;
      const hi = query.isNewest ? from : last;
      const range = `l.id > ${query.isNewest ? lo - 1 : lo} AND l.id <= ${query.isNewest ? hi - 1 : hi}`;
      const fromIndex = select(
        `l.id IN (SELECT value FROM json_each(@searchHits)) AND l.id NOT IN (SELECT lead_id FROM lead_search_dirty)${shortMatch ? ` AND ${shortMatch}` : ''}`,
        { searchHits: JSON.stringify(hits) },
      );
      const changed = select(`l.id IN (SELECT lead_id FROM lead_search_dirty WHERE lead_id <= @searchWatermark) AND ${range} AND ${scanMatch}`);
      const merged = [...fromIndex, ...changed].sort((a, b) => (query.isNewest ? b.id - a.id : a.id - b.id));
      rows.push(...merged);
      if (rows.length >= wanted || hits.length < HITS_PER_ROUND) break;
      from = last;
    }
    return rows.slice(0, wanted);
  }
}

/** Where one chunk's time went: how long it held the write lock (what other writers may wait on), and in what. */
export interface ChunkTiming {
  /** Waiting for the write lock (another writer held it): nobody waits on this chunk meanwhile. */
  waitMs: number;
  /** From lock to commit done. */
  heldMs: number;
  /** Of which the FTS5 merge step. */
  mergeMs: number;
  /** Of which the commit (FTS5 writes the chunk's new segment then). */
  commitMs: number;
  /** After the commit, lock released: copying the WAL back into the database (see `checkpoint()`). */
  checkpointMs: number;
}

/** Pages of segment merging done after each chunk: enough to keep up with the inserts, small enough to stay short. */
const MERGE_PAGES_PER_CHUNK = 8;

/**
 * Brings the index up to date in chunks, each its own short write transaction: new leads above the
 * watermark, then leads changed or deleted since they were indexed.
 */
export class LeadSearchIndexer {
  private readonly newRowsStmt;
  private readonly dirtyStmt;
  private readonly rowsByIdStmt;
  private readonly insertDocStmt;
  private readonly deleteDocStmt;
  private readonly clearDirtyStmt;
  private readonly setWatermarkStmt;
  private readonly watermarkStmt;
  private readonly mergeStmt;
  private readonly hasFreshStmt;
  private readonly hasDirtyStmt;
  private readonly chunkTx;
  private lockedAt = 0;
  private mergeMs = 0;
  private bodyEndAt = 0;
  /** The last chunk's timing (indexChunk fills it). */
  readonly lastChunk: ChunkTiming = { waitMs: 0, heldMs: 0, mergeMs: 0, commitMs: 0, checkpointMs: 0 };

  constructor(private readonly client: Database.Database) {
    const cols = `id, first_name AS firstName, last_name AS lastName, email, address1, city, phone`;
    this.newRowsStmt = client.prepare<[number, number], DocRow>(`SELECT ${cols} FROM leads WHERE id > ? ORDER BY id LIMIT ?`);
    this.dirtyStmt = client.prepare<[number], { id: number }>('SELECT lead_id AS id FROM lead_search_dirty LIMIT ?');
    this.rowsByIdStmt = client.prepare<[string], DocRow>(`SELECT ${cols} FROM leads WHERE id IN (SELECT value FROM json_each(?))`);
    this.insertDocStmt = client.prepare<[number, string]>('INSERT INTO lead_search (rowid, doc) VALUES (?, ?)');
    this.deleteDocStmt = client.prepare<[number]>('DELETE FROM lead_search WHERE rowid = ?');
    this.clearDirtyStmt = client.prepare<[number]>('DELETE FROM lead_search_dirty WHERE lead_id = ?');
    this.setWatermarkStmt = client.prepare<[string, string]>('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.watermarkStmt = client.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?');
    this.hasFreshStmt = client.prepare<[number], { one: number }>('SELECT 1 AS one FROM leads WHERE id > ? LIMIT 1');
    this.hasDirtyStmt = client.prepare<[], { one: number }>('SELECT 1 AS one FROM lead_search_dirty LIMIT 1');
    // A bounded step of segment merging (FTS5 'merge' with N pages); automatic merges are off (migration 0013).
    this.mergeStmt = client.prepare(`INSERT INTO lead_search (lead_search, rank) VALUES ('merge', ${MERGE_PAGES_PER_CHUNK})`);
    this.chunkTx = client.transaction((limit: number, budgetMs: number): number => {
      // Stops at `limit` rows or once `budgetMs` is spent, whichever comes first: a chunk's cost per row
      // varies (new text, changed text, a merge step), so the clock, not a row count, keeps it short.
      const startedAt = performance.now();
      this.lockedAt = startedAt;
      this.mergeMs = 0;
      const isOverBudget = () => performance.now() - startedAt > budgetMs;
      const watermark = Number(this.watermarkStmt.get(WATERMARK_KEY)?.value ?? 0);
      let handled = 0;
      let lastFresh = watermark;
      for (const row of this.newRowsStmt.all(watermark, limit)) {
        this.insertDocStmt.run(row.id, searchDocument(row));
        lastFresh = row.id;
        handled++;
        if (handled % 25 === 0 && isOverBudget()) break;
      }
      if (lastFresh > watermark) this.setWatermarkStmt.run(WATERMARK_KEY, String(lastFresh));
      // Changed or deleted leads that were indexed: their old text leaves, the current text (if any) enters.
      const dirtyIds = isOverBudget() ? [] : this.dirtyStmt.all(Math.max(0, limit - handled)).map((r) => r.id);
      const current = new Map(this.rowsByIdStmt.all(JSON.stringify(dirtyIds)).map((row) => [row.id, row]));
      for (const id of dirtyIds) {
        if (id <= watermark) this.deleteDocStmt.run(id);
        const row = current.get(id);
        if (row && id <= watermark) this.insertDocStmt.run(id, searchDocument(row));
        this.clearDirtyStmt.run(id);
        handled++;
        if (handled % 25 === 0 && isOverBudget()) break;
      }
      if (handled > 0) {
        const mergeStartedAt = performance.now();
        this.mergeStmt.run();
        this.mergeMs = performance.now() - mergeStartedAt;
      }
      this.bodyEndAt = performance.now();
      return handled;
    }).immediate;
  }

  /** Indexes up to `limit` leads in one transaction of about `budgetMs`; returns how many it handled (0: up to date). */
  indexChunk(limit: number, budgetMs = Number.POSITIVE_INFINITY): number {
    const calledAt = performance.now();
    const handled = this.chunkTx(limit, budgetMs);
    const doneAt = performance.now();
    Object.assign(this.lastChunk, {
      waitMs: this.lockedAt - calledAt,
      heldMs: doneAt - this.lockedAt,
      mergeMs: this.mergeMs,
      commitMs: doneAt - this.bodyEndAt,
      checkpointMs: 0,
    } satisfies ChunkTiming);
    return handled;
  }

  /**
   * Copies the WAL's pages back into the database file, without the write lock and without waiting
   * for readers (PASSIVE). The index thread calls it after each chunk it wrote (its connection's own
   * automatic checkpoint is off): otherwise the next checkpoint on the main thread (a lead saved once
   * the WAL passed 1,000 pages, or the JobQueue's checkpoint after each queue or undo chunk) copied
   * this thread's index pages too, with the fsync, on the main thread: measured as the 100 ms – 1.4 s
   * stalls of the main thread with the index in a worker.
   */
  checkpoint(): number {
    const startedAt = performance.now();
    this.client.pragma('wal_checkpoint(PASSIVE)');
    this.lastChunk.checkpointMs = performance.now() - startedAt;
    return this.lastChunk.checkpointMs;
  }

  /** Whether a chunk would find anything: two reads, no write lock (the worker's idle poll). */
  hasWork(): boolean {
    const watermark = Number(this.watermarkStmt.get(WATERMARK_KEY)?.value ?? 0);
    return this.hasFreshStmt.get(watermark) !== undefined || this.hasDirtyStmt.get() !== undefined;
  }

  backlog(): number {
    const watermark = Number(this.watermarkStmt.get(WATERMARK_KEY)?.value ?? 0);
    const fresh = this.client.prepare<[number], { n: number }>('SELECT count(*) AS n FROM leads WHERE id > ?').get(watermark)?.n ?? 0;
    const dirty = this.client.prepare<[], { n: number }>('SELECT count(*) AS n FROM lead_search_dirty').get()?.n ?? 0;
    return fresh + dirty;
  }
}
