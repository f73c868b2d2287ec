/**
 * Changes the open pages would not hear of: every write of this process announces itself (`data:changed`),
 * but the sync worker's own bookkeeping (leads it claimed going back to "waiting" on a pause, a closed
 * window, an outage or a retry) moves no count the worker reports, and another process on the computer
 * (`rlm sync`, `rlm import`, `rlm company set`, a second data-folder user) announces nothing here at all.
 * The dashboard then kept "Sending: 3" beside "Paused", or froze at "Waiting 50" while `rlm sync` sent them.
 *
 * SQLite says when another connection committed (PRAGMA data_version: the worker, the import and bulk-write
 * threads and other processes each have their own). Then a few aggregate rows tell which part moved, so a
 * page refetches only for what changed: the trigger-kept lead counts, the companies, the import batches,
 * the opt-out list, and who sends with what connection. Reads of a few index pages, about once a second,
 * on the main thread; nothing when nothing was committed.
 */
import type Database from 'better-sqlite3';
import type { EventBus } from '../core/events';
import { readLockHolder } from '../core/runner-lock';
import { CONNECTIVITY_META_KEY } from '../sync/runner';
import type { SyncService } from '../sync/sync-service';

export const OUTSIDE_CHANGES_POLL_MS = 1_000;

type Fingerprints = Record<'leads' | 'companies' | 'imports' | 'optOuts' | 'sender', string>;

export class OutsideChanges {
  private readonly dataVersion;
  private readonly reads;
  private lastVersion: number;
  private last: Fingerprints;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly events: EventBus,
    private readonly sync: Pick<SyncService, 'runnerStatus' | 'queries'>,
  ) {
    this.dataVersion = db.prepare<[], { data_version: number }>('PRAGMA data_version');
    const one = (sql: string) => db.prepare<[], { v: string | null }>(sql);
    this.reads = {
      // Lead statuses per company ('syncing' ↔ 'queued' included), held-back counts, and adds/deletes.
      leads: one(
        `SELECT (SELECT group_concat(company_id || status || ':' || n) FROM lead_status_counts) || '|' ||
                (SELECT ifnull(group_concat(company_id || '/' || batch_id || ':' || n), '') FROM held_back_counts) || '|' ||
                ifnull((SELECT max(id) FROM leads), 0) AS v`,
      ),
      // With the last key change: a key lives in the keychain, and `rlm company set-key` changes nothing else here.
      companies: one(
        `SELECT count(*) || ':' || ifnull(max(updated_at), 0) || ':' || ifnull(max(last_sync_at), 0) || ':' || ifnull(max(key_changed_at), 0) AS v FROM companies`,
      ),
      imports: one(
        `SELECT count(*) || ':' || ifnull(max(id), 0) || ':' || total(processed_rows) || ':' || total(state = 'running') || ':' ||
                total(state = 'undone') || ':' || total(finished_at IS NOT NULL) AS v FROM import_batches`,
      ),
      optOuts: one(
        `SELECT ifnull((SELECT max(id) FROM opt_outs), 0) || ':' || ifnull((SELECT max(removed_at) FROM opt_outs), 0) || ':' ||
                (SELECT count(*) FROM opt_outs WHERE removed_at IS NULL) AS v`,
      ),
    };
    this.lastVersion = this.version();
    this.last = this.fingerprints();
  }

  start(pollMs = OUTSIDE_CHANGES_POLL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), pollMs);
    // A process that has nothing else to do may end: this is no reason to keep it.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Announces what moved since the last look; public for tests. Never throws (a locked or closing database waits for the next look). */
  check(): void {
    try {
      const version = this.version();
      if (version === this.lastVersion) return;
      this.lastVersion = version;
      const now = this.fingerprints();
      const moved = (part: keyof Fingerprints) => now[part] !== this.last[part];
      // 'sync' marks what shows lead statuses stale (dashboard, lead list, attempts, plans); the opt-out list rides on it.
      if (moved('leads') || moved('optOuts')) this.events.emit('data:changed', { domain: 'sync', companyId: null });
      if (moved('companies')) this.events.emit('data:changed', { domain: 'companies', companyId: null });
      if (moved('imports')) this.events.emit('data:changed', { domain: 'imports', companyId: null });
      if (moved('sender')) {
        this.events.emit('connectivity', this.sync.runnerStatus().connectivity);
        this.events.emit('data:changed', { domain: 'sync', companyId: null });
      }
      this.last = now;
    } catch {
      // Next look.
    }
  }

  private version(): number {
    return this.dataVersion.get()!.data_version;
  }

  private fingerprints(): Fingerprints {
    const read = (part: keyof typeof this.reads) => this.reads[part].get()?.v ?? '';
    return { leads: read('leads'), companies: read('companies'), imports: read('imports'), optOuts: read('optOuts'), sender: this.sender() };
  }

  /** Who sends and whether it paused (not its heartbeat, which moves every few seconds), and the connection it last saw. */
  private sender(): string {
    const holder = readLockHolder(this.db);
    return `${holder?.owner ?? ''}:${holder?.isPaused ?? false}|${this.sync.queries.meta(CONNECTIVITY_META_KEY) ?? ''}`;
  }
}
