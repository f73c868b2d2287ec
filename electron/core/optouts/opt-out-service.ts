import type Database from 'better-sqlite3';
import type { Db } from '../../../db/open';
import type { OptOutSource } from '../../../shared/optouts';
import type { OptOut } from '../../../shared/ipc/optouts';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import { JobQueue } from '../jobs/job-queue';
import { readOptOutFile } from './opt-out-file';
import { readEmail, readPhone, type OptOutKey } from './opt-out-values';

/**
 * Longest write transaction of an add/import on the main thread: the office keeps typing leads while
 * a 20,000-number list goes in, so the work is cut into transactions of about this long, with a turn of
 * the event loop between them.
 */
export const OPT_OUT_CHUNK_BUDGET_MS = 40;

interface OptOutDbRow {
  id: number;
  kind: 'phone' | 'email';
  value: string;
  source: OptOutSource;
  reason: string | null;
  companyName: string | null;
  createdAt: number;
}

interface AddCounts {
  added: number;
  already: number;
  leadsMarked: number;
}

const SELECT_ENTRY = `SELECT o.id, o.kind, o.value, o.source, o.reason, c.name AS companyName, o.created_at AS createdAt
  FROM opt_outs o LEFT JOIN companies c ON c.id = o.company_id`;

/** `%`, `_` and `\` typed in a search are literal characters. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The office-wide opt-out list (issue #13 item 6): one list for every company. Leads feed it through
 * triggers (migration 0011); here the office views it, adds and removes entries, and imports lists. An
 * entry added while leads wait makes those leads do-not-contact in every company, the way the lead
 * form's do-not-contact does (flag, status, unsent jobs cancelled), so none of them reaches GHL.
 */
export class OptOutService {
  private readonly statements: ReturnType<typeof prepare>;

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
    private readonly budgetMs: number = OPT_OUT_CHUNK_BUDGET_MS,
  ) {
    this.statements = prepare(db.$client);
  }

  list(input: { search?: string; offset: number; limit: number }): { items: OptOut[]; total: number; offset: number } {
    const client = this.db.$client;
    const search = input.search?.trim() ?? '';
    let where = 'o.removed_at IS NULL';
    const params: string[] = [];
    if (search) {
      // "(512) 555-01" finds +15125550142: a search of digits and phone punctuation compares digits only.
      const digits = /^[\d\s().+-]+$/.test(search) ? search.replace(/\D/g, '') : '';
      const pattern = `%${likeEscape(digits || search.toLowerCase())}%`;
      where += ` AND (o.value LIKE ? ESCAPE '\\' OR lower(coalesce(o.reason, '')) LIKE ? ESCAPE '\\')`;
      params.push(pattern, pattern);
    }
    const total = client.prepare<string[], { n: number }>(`SELECT count(*) AS n FROM opt_outs o WHERE ${where}`).get(...params)?.n ?? 0;
    const items = client
      .prepare<(string | number)[], OptOutDbRow>(`${SELECT_ENTRY} WHERE ${where} ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?`)
      .all(...params, input.limit, input.offset);
    return { items, total, offset: input.offset };
  }

  /** The active entry for a phone or email as typed (any format), for `rlm optout remove --phone`. */
  find(raw: { phone?: string; email?: string }): OptOut | null {
    const key = this.readKey(raw);
    return this.db.$client.prepare<[string], OptOutDbRow>(`${SELECT_ENTRY} WHERE o.value = ? AND o.removed_at IS NULL`).get(key.value) ?? null;
  }

  async add(input: { phone?: string; email?: string; reason?: string }): Promise<{ entry: OptOut; isNew: boolean; leadsMarked: number }> {
    const key = this.readKey(input);
    const counts = await this.addKeys([key], 'manual', input.reason?.trim() || null);
    const entry = this.db.$client.prepare<[string], OptOutDbRow>(`${SELECT_ENTRY} WHERE o.value = ?`).get(key.value);
    if (!entry) throw new AppError('internal', 'The opt-out was not saved.');
    return { entry, isNew: counts.added === 1, leadsMarked: counts.leadsMarked };
  }

  /**
   * Takes an entry off the list, keeping it (with the reason) as a record. The leads it marked stay
   * do-not-contact: clearing one is a decision about that lead, made on the lead.
   */
  remove(id: number, reason: string): { removed: boolean } {
    const row = this.db.$client.prepare<[number], { removedAt: number | null }>('SELECT removed_at AS removedAt FROM opt_outs WHERE id = ?').get(id);
    if (!row) throw notFound(`Opt-out #${id}`);
    const changes = this.statements.remove.run(this.now(), reason.trim(), id).changes;
    return { removed: changes > 0 };
  }

  async importFile(
    path: string,
    reason?: string,
  ): Promise<{ added: number; already: number; repeated: number; invalid: number; leadsMarked: number; invalidExamples: string[] }> {
    const file = await readOptOutFile(path);
    // A stop report lists a number once per STOP: its second row is "repeated in the file", not "already on
    // the list" (which said the office had it before this file).
    const unique = [...new Map(file.keys.map((key) => [key.value, key])).values()];
    const counts = await this.addKeys(unique, 'import', reason?.trim() || null);
    return { ...counts, repeated: file.keys.length - unique.length, invalid: file.invalid, invalidExamples: file.invalidExamples };
  }

  private readKey(input: { phone?: string; email?: string }): OptOutKey {
    const read = input.phone ? readPhone(input.phone) : input.email ? readEmail(input.email) : null;
    if (!read) throw new AppError('validation', 'Enter a phone number or an email address.', [{ path: 'phone', message: 'Enter a phone number or an email address' }]);
    if (!read.ok) {
      const path = input.phone ? 'phone' : 'email';
      throw new AppError('validation', `${input.phone ?? input.email} cannot go on the list: ${read.reason}.`, [{ path, message: read.reason }]);
    }
    return { kind: read.kind, value: read.value };
  }

  /** Adds keys and marks the matching leads of every company, in transactions of about `budgetMs` each. */
  private async addKeys(keys: OptOutKey[], source: OptOutSource, reason: string | null): Promise<AddCounts> {
    const counts: AddCounts = { added: 0, already: 0, leadsMarked: 0 };
    const client = this.db.$client;
    const touched = new Set<number>();
    const everywhere = new JobQueue(client).optOutEverywhere;
    const { insert, takeOverLeadMark } = this.statements;
    let next = 0;
    const chunk = client.transaction(() => {
      const started = performance.now();
      const now = this.now();
      // At least one key per transaction, then as many as fit in the budget.
      do {
        const key = keys[next++]!;
        if (insert.get(key.kind, key.value, source, reason, now)) counts.added++;
        else {
          counts.already++;
          takeOverLeadMark.run(source, reason, key.value);
        }
        const spread = everywhere.spread([key], now);
        counts.leadsMarked += spread.leadsMarked;
        for (const companyId of spread.companyIds) touched.add(companyId);
      } while (next < keys.length && performance.now() - started < this.budgetMs);
    }).immediate;
    while (next < keys.length) {
      chunk();
      if (next < keys.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    for (const companyId of touched) this.events.emit('data:changed', { domain: 'leads', companyId });
    return counts;
  }
}

function prepare(client: Database.Database) {
  // A removed entry added again is active again, with its new source and reason; an active one is left as it is.
  const insert = client.prepare<[string, string, OptOutSource, string | null, number], { id: number }>(
    `INSERT INTO opt_outs (kind, value, source, reason, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (value) DO UPDATE SET source = excluded.source, reason = excluded.reason, company_id = NULL,
       created_at = excluded.created_at, removed_at = NULL, removed_reason = NULL
     WHERE opt_outs.removed_at IS NOT NULL
     RETURNING id`,
  );
  // An entry a lead's own mark put there becomes the office's (a STOP report, a number added by hand): lifting
  // that lead's do-not-contact takes its own mark off the list (edit-check.ts), and took this one with it.
  const takeOverLeadMark = client.prepare<[OptOutSource, string | null, string]>(
    `UPDATE opt_outs SET source = ?, reason = coalesce(?, reason), company_id = NULL WHERE value = ? AND removed_at IS NULL AND source = 'lead-dnc'`,
  );
  const remove = client.prepare<[number, string, number]>('UPDATE opt_outs SET removed_at = ?, removed_reason = ? WHERE id = ? AND removed_at IS NULL');
  return { insert, takeOverLeadMark, remove };
}
