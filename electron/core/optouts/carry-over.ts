/**
 * A restore puts back an older database whole; the opt-outs made since the backup must not go with the rest.
 * A customer who texted STOP on Tuesday stays stopped when Monday's backup is restored on Wednesday: every
 * entry active in the replaced database is listed in the restored one (an entry the restored one removed is
 * active again: the later list says so), and its leads are marked do-not-contact, their unsent jobs
 * cancelled, as the list marks them (opt-out-service.ts). Runs right after the restored file is opened and
 * migrated (app-context.ts), before anything can send, and at every open until it has succeeded.
 *
 * Backups are restored because a database was damaged, and the replaced file is then the damaged one. When
 * its list cannot be read, the numbers and emails are read from the list's unique index alone (another part
 * of the file): an entry the office had taken off the list comes back then, since only the table says which
 * were removed. Listing one too many is the safe way to be wrong here. When neither can be read, this throws
 * `OptOutsUnreadableError`, and the office is told (app-context.ts).
 */
import type Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { optOutSources } from '../../../shared/optouts';
import { JobQueue } from '../jobs/job-queue';

const REPLACED = 'replaced_by_restore';

interface CarriedEntry {
  kind: 'phone' | 'email';
  value: string;
  source: string;
  reason: string | null;
  createdAt: number;
}

export class OptOutsUnreadableError extends Error {
  constructor(
    readonly replacedFile: string,
    readonly reason: string,
  ) {
    super(`The opt-out list of ${replacedFile} cannot be read (${reason}).`);
  }
}

const SALVAGED_REASON = 'Carried over by a restore from a damaged database (its list said only the number or email)';

export function carryOverOptOuts(
  client: Database.Database,
  replacedFile: string,
  now: number,
): { listed: number; leadsMarked: number; readFrom: 'list' | 'index' | 'nothing' } {
  // ATTACH makes an empty database of a missing file: that would read as "no opt-outs since the backup".
  if (!existsSync(replacedFile)) throw new OptOutsUnreadableError(replacedFile, 'the file is gone');
  try {
    client.prepare(`ATTACH DATABASE ? AS ${REPLACED}`).run(replacedFile);
  } catch (error) {
    throw new OptOutsUnreadableError(replacedFile, (error as Error).message);
  }
  try {
    const read = readEntries(client, replacedFile, now);
    if (read === null) return { listed: 0, leadsMarked: 0, readFrom: 'nothing' };
    return { ...list(client, read.entries, now), readFrom: read.from };
  } finally {
    client.exec(`DETACH DATABASE ${REPLACED}`);
    // Reading a WAL database leaves its side files beside it: the kept copy stays one file. Not a WAL that
    // still holds pages (a damaged file's checkpoint failed, backup-service.ts): they are part of the kept
    // copy, and of the next try.
    rmSync(`${replacedFile}-shm`, { force: true });
    if ((statSync(`${replacedFile}-wal`, { throwIfNoEntry: false })?.size ?? 1) === 0) rmSync(`${replacedFile}-wal`, { force: true });
  }
}

/** The replaced database's active entries: from its table, else from its unique index; null when it had no list. */
function readEntries(client: Database.Database, replacedFile: string, now: number): { entries: CarriedEntry[]; from: 'list' | 'index' } | null {
  let hasList: boolean;
  try {
    hasList = client.prepare(`SELECT 1 FROM ${REPLACED}.sqlite_master WHERE type = 'table' AND name = 'opt_outs'`).get() !== undefined;
  } catch (error) {
    throw new OptOutsUnreadableError(replacedFile, (error as Error).message);
  }
  if (!hasList) return null;
  try {
    const rows = client
      .prepare<[], Record<keyof CarriedEntry, unknown>>(`SELECT kind, value, source, reason, created_at AS createdAt FROM ${REPLACED}.opt_outs WHERE removed_at IS NULL`)
      .all();
    return { entries: rows.flatMap((row) => soundEntry(row, now) ?? []), from: 'list' };
  } catch (tableError) {
    try {
      // Only the index's own pages: SQLite answers this from the covering index without the table.
      const values = client.prepare<[], { value: string }>(`SELECT value FROM ${REPLACED}.opt_outs INDEXED BY opt_outs_value_uq`).all();
      const entries = values.map(({ value }): CarriedEntry => ({ kind: value.includes('@') ? 'email' : 'phone', value, source: 'manual', reason: SALVAGED_REASON, createdAt: now }));
      return { entries, from: 'index' };
    } catch {
      throw new OptOutsUnreadableError(replacedFile, (tableError as Error).message);
    }
  }
}

const SOURCES = new Set<string>(optOutSources);

/**
 * A row of a damaged file can read and still hold what no list would (a NULL source, a number for a value):
 * listing it as is failed the list's own constraints, the open with them, at every open. Its number or
 * email is what matters; the rest is made sound, and a row without one is left out.
 */
function soundEntry(row: Record<keyof CarriedEntry, unknown>, now: number): CarriedEntry | null {
  if (typeof row.value !== 'string' || row.value.trim() === '') return null;
  const kind = row.kind === 'phone' || row.kind === 'email' ? row.kind : row.value.includes('@') ? 'email' : 'phone';
  const isSound = typeof row.source === 'string' && SOURCES.has(row.source);
  return {
    kind,
    value: row.value,
    source: isSound ? (row.source as string) : 'manual',
    reason: isSound ? (typeof row.reason === 'string' ? row.reason : null) : SALVAGED_REASON,
    createdAt: typeof row.createdAt === 'number' ? row.createdAt : now,
  };
}

function list(client: Database.Database, entries: readonly CarriedEntry[], now: number): { listed: number; leadsMarked: number } {
  // A lead's own mark is credited to no company here: company ids are the restored database's, and lifting
  // a lead of the same id must not take off the list what another lead's mark put there (edit-check.ts).
  const carry = client.prepare<[string, string, string, string | null, number], { kind: 'phone' | 'email'; value: string }>(
    `INSERT INTO opt_outs (kind, value, source, reason, company_id, created_at) VALUES (?, ?, ?, ?, NULL, ?)
     ON CONFLICT (value) DO UPDATE SET source = excluded.source, reason = excluded.reason, company_id = NULL,
       created_at = excluded.created_at, removed_at = NULL, removed_reason = NULL
     WHERE opt_outs.removed_at IS NOT NULL
       -- The office took over a lead's entry since the backup (a STOP report, GHL's DND): the backup's "that lead's
       -- own mark" would let lifting the lead take the customer's word off the list (edit-check.ts).
       OR (opt_outs.source = 'lead-dnc' AND excluded.source <> 'lead-dnc')
     RETURNING kind, value`,
  );
  const everywhere = new JobQueue(client).optOutEverywhere;
  return client.transaction(() => {
    let listed = 0;
    let leadsMarked = 0;
    for (const entry of entries) {
      const added = carry.get(entry.kind, entry.value, entry.source, entry.reason, entry.createdAt);
      if (!added) continue;
      listed++;
      leadsMarked += everywhere.spread([added], now).leadsMarked;
    }
    return { listed, leadsMarked };
  }).immediate();
}
