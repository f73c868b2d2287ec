import type Database from 'better-sqlite3';
import type { LeadDraft } from '../../parsing/row-validator';
import { statusForNewLead, type LeadWriterOptions } from './new-lead';
import type { JobQueue } from '../jobs/job-queue';
import { unplacedStateOf } from '../jobs/lead-copy';
import { prepareStoreOtherKeys } from './other-keys';
import { BULK_INSERT_STATUSES, withoutInsertTriggers } from './insert-triggers';

/** Rows per INSERT statement: one statement per row costs ~18 µs a lead, 100 rows per statement ~9 µs. */
export const ROWS_PER_STATEMENT = 100;

/** The largest power of two below ROWS_PER_STATEMENT (64): the rest of a chunk goes in statements of these sizes. */
const LARGEST_PART = 2 ** Math.floor(Math.log2(ROWS_PER_STATEMENT - 1));

/**
 * The statement sizes `rows` rows are inserted by, in order: full statements, then what is left by
 * powers of two (73 = 64 + 8 + 1). Chunks are sized by time and lose their rejected rows, so nearly every
 * one left a different remainder: each prepared a statement of its own (up to 99 distinct ones, each a
 * program of up to ~2,400 bound values; ~2% of a 100k-row import's writing). This way at most 8 sizes
 * are ever prepared (each with and without RETURNING; a full one for each of a few sets of shared columns, sharedColumns).
 */
function statementSizes(rows: number): number[] {
  const sizes: number[] = [];
  let left = rows;
  for (; left >= ROWS_PER_STATEMENT; left -= ROWS_PER_STATEMENT) sizes.push(ROWS_PER_STATEMENT);
  for (let part = LARGEST_PART; part >= 1; part /= 2) {
    if (left >= part) {
      sizes.push(part);
      left -= part;
    }
  }
  return sizes;
}

// What is the same for every row of an import is bound once per statement, by name; each row
// binds only its own ROW_COLUMNS values (binding was a fifth of the insert's cost at 23 values a row).
const LEAD_COLUMNS =
  'company_id, batch_id, tag, created_at, updated_at, first_name, last_name, phone, phone_raw, phone_ext, email, email_key, address1, city, state, postal_code, country, source, notes, last_service_date, consent_note, do_not_contact, status, company_name, original_date, crm_status, job_type, crm_tags, source_row';
/** The values each row binds (rowValues), in LEAD_COLUMNS order after the five bound once. */
const ROW_COLUMNS = 24;

/**
 * The row at `position` in its statement: its id (the statement's `:base` + position + 1: see BatchLeadInserter.insert),
 * then a `?` for each value, except the columns of `sharedMask` (bit n: column n), bound once by name as `:c<n>`.
 */
const rowValuesSql = (position: number, sharedMask: number) =>
  `(:base + ${position + 1}, :company, :batch, :tag, :now, :now, ${Array.from({ length: ROW_COLUMNS }, (_, column) => (sharedMask & (1 << column) ? `:c${column}` : '?')).join(',')})`;

const insertSql = (rows: number, sharedMask: number) =>
  `INSERT INTO leads (id, ${LEAD_COLUMNS}) VALUES ${Array.from({ length: rows }, (_, position) => rowValuesSql(position, sharedMask)).join(',')} ON CONFLICT DO NOTHING`;

/**
 * The columns (bit n: column n) whose value is the same in every row of a full statement, to be bound once by name.
 * Binding costs ~1,000 instructions a value (N-API type checks, a string's two copies) whatever the value; a file's
 * unmapped columns are NULL in every row, and its country, status and do-not-contact nearly always the same: 11 of
 * 24 values a row in bench:import's file, ~6% of the insert's instructions (callgrind). Full statements only
 * (ROWS_PER_STATEMENT rows): a chunk's remainder would show a combination of its own at nearly every chunk.
 */
function sharedColumns(values: readonly unknown[]): number {
  let mask = 0;
  for (let column = 0; column < ROW_COLUMNS; column++) {
    const first = values[column];
    let isShared = true;
    for (let at = column + ROW_COLUMNS; at < values.length; at += ROW_COLUMNS) {
      if (values[at] !== first) {
        isShared = false;
        break;
      }
    }
    if (isShared) mask |= 1 << column;
  }
  return mask;
}

/** The statement's values split by `mask` (columns shared by every row): each bound once by name, the rest per row. */
function splitValues(values: unknown[], mask: number): { shared: Record<string, unknown>; perRow: unknown[] } {
  if (mask === 0) return { shared: {}, perRow: values };
  const shared: Record<string, unknown> = {};
  for (let column = 0; column < ROW_COLUMNS; column++) if ((mask & (1 << column)) !== 0) shared[`c${column}`] = values[column];
  const perRow: unknown[] = [];
  for (let at = 0; at < values.length; at++) if ((mask & (1 << at % ROW_COLUMNS)) === 0) perRow.push(values[at]);
  return { shared, perRow };
}

/**
 * Masks of shared columns a full statement is prepared for, beside 0 (none shared). Each takes ~0.24 MB once
 * prepared (twice with RETURNING); a file whose columns are only sometimes filled (an extension here, a job type
 * there) showed 239 masks in 200k rows, ~57 MB (a review). Past the limit a statement takes the prepared mask that
 * shares most of what it shares: binding a shared column per row is never wrong, only slower.
 */
const MAX_SHARED_MASKS = 8;

const bitCount = (mask: number) => {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count++;
  return count;
};

/**
 * The id a chunk's leads are numbered above: past every id leads has now and has ever had (AUTOINCREMENT's). The insert
 * gives each row its id itself; one in use would not fail, ON CONFLICT DO NOTHING would skip the row without a word.
 */
const IDS_ABOVE = `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'leads'), 0), coalesce((SELECT max(id) FROM leads), 0)) AS id`;

/** The ids a chunk's statements inserted: only its leads are above `idsAbove` (the caller's write transaction keeps others out). */
const INSERTED_IDS = 'SELECT id FROM leads WHERE id > ? ORDER BY id';

/**
 * What leads_opt_out_insert does for a lead inserted do-not-contact (or 'dnd'), for all of a chunk's at once: its phone
 * and its email key on the opt-out list, an entry removed before put back.
 */
const listOptedOut = (kind: 'phone' | 'email', column: 'phone' | 'email_key') => `
  INSERT INTO opt_outs (kind, value, source, company_id, created_at)
  SELECT '${kind}', ${column}, CASE WHEN do_not_contact = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, company_id, updated_at
  FROM leads WHERE id > ? AND (do_not_contact = 1 OR status = 'dnd') AND ${column} IS NOT NULL
  ON CONFLICT (value) DO UPDATE SET source = excluded.source, reason = NULL, company_id = excluded.company_id,
    created_at = excluded.created_at, removed_at = NULL, removed_reason = NULL
  WHERE opt_outs.removed_at IS NOT NULL`;

/** Statuses of batch_outcome_counts (its insert trigger's): of a new lead's, do-not-contact only. */
const OUTCOME_STATUSES: ReadonlySet<string> = new Set(['synced', 'failed', 'dnd', 'do-not-contact']);
/** The leads a chunk inserted that its insert triggers would count alike: one status, one unsure state (for the queued). */
interface InsertedGroup {
  status: string;
  unplacedState: string | null;
  n: number;
  last: number;
  withoutPhone: number;
  heldBack: number;
  optedOut: number;
}

/** What one chunk's insert did. */
export interface InsertedLeads {
  inserted: number;
  /** Of those, leads without a usable phone (kept for their email or address; no SMS campaign can text them). */
  withoutPhone: number;
  /** Per draft, in the order given: 1 if it became a lead, 0 if it was a duplicate. */
  wasInserted: Uint8Array;
}

/**
 * Inserts many new leads per statement, for imports that skip duplicates: a row whose phone or
 * email belongs to an earlier lead (of the file or from before) is not inserted.
 *
 * Each row is given its id by the statement: the draft at index i of the chunk becomes lead idsAbove + i + 1, or
 * nobody. One read of the ids above idsAbove then tells which drafts were inserted, and so everything else about the
 * new leads (their statuses, states, phones) is known from the values bound, without reading them back: a GROUP BY
 * over the chunk's new rows, and a second walk for their phones (LeadWriter.keepOtherKeysOfDuplicates), cost ~0.15 s of
 * the writer's ~1.4 s for 100k rows (bench:import); numbering the rows and reading the ids, ~0.02 s. It also spares the
 * statements whose rows carry custom values or other phones a RETURNING clause. The ids of a chunk keep the file's
 * order, as before; a duplicate leaves its id unused.
 */
export class BatchLeadInserter {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly sharedMasks: number[] = [];
  private readonly readIdsAbove: Database.Statement<[], { id: number }>;
  private readonly insertedIds: Database.Statement<[number], number>;
  /** While the insert triggers stay: the mark that makes the status count's trigger pass the chunk's leads by. */
  private readonly countedByWriter: { start: Database.Statement; end: Database.Statement };
  /** What leads' insert triggers do for a lead, done for a chunk's (insert-triggers.ts); the status counts whichever way. */
  private readonly triggersWork: {
    statusCounts: Database.Statement<{ companyId: number; status: string; n: number }>;
    heldBack: Database.Statement<{ companyId: number; batchId: number | null; n: number }>;
    outcome: Database.Statement<{ batchId: number; status: string; n: number }>;
    optedOutPhones: Database.Statement<[number]>;
    optedOutEmails: Database.Statement<[number]>;
  };
  private readonly insertCustomValue: Database.Statement<[number, string, string]>;
  private readonly storeOtherKeys: ReturnType<typeof prepareStoreOtherKeys>;

  constructor(
    private readonly client: Database.Database,
    private readonly options: LeadWriterOptions,
    private readonly jobs: JobQueue,
  ) {
    this.readIdsAbove = client.prepare(IDS_ABOVE);
    this.insertedIds = client.prepare<[number], number>(INSERTED_IDS).pluck();
    this.countedByWriter = {
      start: client.prepare('INSERT INTO leads_counted_by_writer (id) VALUES (1)'),
      end: client.prepare('DELETE FROM leads_counted_by_writer'),
    };
    this.triggersWork = {
      statusCounts: client.prepare(
        `INSERT INTO lead_status_counts (company_id, status, n) VALUES (@companyId, @status, @n) ON CONFLICT (company_id, status) DO UPDATE SET n = n + excluded.n`,
      ),
      heldBack: client.prepare(
        `INSERT INTO held_back_counts (company_id, batch_id, n) VALUES (@companyId, coalesce(@batchId, 0), @n) ON CONFLICT (company_id, batch_id) DO UPDATE SET n = n + excluded.n`,
      ),
      outcome: client.prepare(
        `INSERT INTO batch_outcome_counts (batch_id, status, n) VALUES (@batchId, @status, @n) ON CONFLICT (batch_id, status) DO UPDATE SET n = n + excluded.n`,
      ),
      optedOutPhones: client.prepare(listOptedOut('phone', 'phone')),
      optedOutEmails: client.prepare(listOptedOut('email', 'email_key')),
    };
    this.insertCustomValue = client.prepare('INSERT INTO lead_custom_values (lead_id, field_id, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.storeOtherKeys = prepareStoreOtherKeys(client);
  }

  /** The mask a full statement whose rows share `found` is bound by: `found` itself, or a subset of it once MAX_SHARED_MASKS are prepared. */
  private maskFor(found: number): number {
    if (found === 0 || this.sharedMasks.includes(found)) return found;
    if (this.sharedMasks.length < MAX_SHARED_MASKS) {
      this.sharedMasks.push(found);
      return found;
    }
    let best = 0;
    for (const mask of this.sharedMasks) if ((mask & found) === mask && bitCount(mask) > bitCount(best)) best = mask;
    return best;
  }

  private statement(rows: number, sharedMask: number): Database.Statement {
    const key = `${rows}:${sharedMask}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.client.prepare(insertSql(rows, sharedMask));
      this.statements.set(key, statement);
    }
    return statement;
  }

  /** The custom field values and other phones and emails of the chunk's new leads. */
  private storeRowExtras(leads: readonly LeadDraft[], wasInserted: Uint8Array, idsAbove: number): void {
    for (let index = 0; index < leads.length; index++) {
      const lead = leads[index]!;
      if (wasInserted[index] === 0 || (lead.customValues.length === 0 && !lead.otherContactKeys?.length)) continue;
      const id = idsAbove + index + 1;
      for (const { fieldId, value } of lead.customValues) this.insertCustomValue.run(id, fieldId, value);
      this.storeOtherKeys(id, lead.otherContactKeys);
    }
  }

  /**
   * Which drafts the statements inserted, from the ids above `idsAbove` (the draft at index i became lead idsAbove + i + 1).
   * `expected`: how many the statements said they inserted; any other answer is an error, never a count made up.
   */
  private readInserted(count: number, idsAbove: number, expected: number): Uint8Array {
    const wasInserted = new Uint8Array(count);
    const ids = this.insertedIds.all(idsAbove);
    for (const id of ids) {
      const index = id - idsAbove - 1;
      if (!Number.isInteger(index) || index >= count) throw new Error(`Lead ${id} is above the chunk's ids (${idsAbove + 1}–${idsAbove + count})`);
      wasInserted[index] = 1;
    }
    if (ids.length !== expected) throw new Error(`The chunk's statements inserted ${expected} leads, but ${ids.length} are above its first id`);
    return wasInserted;
  }

  /**
   * The new leads by what leads' insert triggers count them by, from the values their statements bound (the triggers
   * count NEW's values too): status, and for the queued the unsure state their row names (lead-copy.ts unplacedStateOf:
   * how their jobs will wait); how many without a phone, held back, opted out; the greatest id.
   */
  private groupsOf(leads: readonly LeadDraft[], wasInserted: Uint8Array, idsAbove: number): InsertedGroup[] {
    const { queueSync } = this.options;
    // By status, then by unsure state: a key made of both cost a string per lead.
    const groups = new Map<string, Map<string | null, InsertedGroup>>();
    for (let index = 0; index < leads.length; index++) {
      if (wasInserted[index] === 0) continue;
      const lead = leads[index]!;
      const status = statusForNewLead(lead.doNotContact, queueSync);
      const unplacedState = status === 'queued' ? (unplacedStateOf(lead.state, lead.country ?? 'US') ?? '') : null;
      let ofStatus = groups.get(status);
      if (!ofStatus) groups.set(status, (ofStatus = new Map()));
      let group = ofStatus.get(unplacedState);
      if (!group) ofStatus.set(unplacedState, (group = { status, unplacedState, n: 0, last: 0, withoutPhone: 0, heldBack: 0, optedOut: 0 }));
      group.n++;
      group.last = idsAbove + index + 1;
      if (lead.phone === null) group.withoutPhone++;
      if (status === 'new' && !lead.doNotContact) group.heldBack++;
      if (lead.doNotContact || status === 'dnd') group.optedOut++;
    }
    return [...groups.values()].flatMap((ofStatus) => [...ofStatus.values()]);
  }

  /** How many of `leads` were inserted, which, and how many of those have no phone. Caller provides the transaction. */
  insert(leads: readonly LeadDraft[], now: number): InsertedLeads {
    const { companyId, batchId, queueSync, tag } = this.options;
    const idsAbove = this.readIdsAbove.get()!.id;
    const insertAll = () => this.insertStatements(leads, { company: companyId, batch: batchId, tag, now }, idsAbove);
    const isTriggersAside = this.options.setsInsertTriggersAside === true;
    let changes: number;
    if (isTriggersAside) {
      // Without leads' insert triggers, whose work is done just below, before anything else touches the new leads (their
      // custom values and other numbers come after, as they came after the triggers): insert-triggers.ts.
      changes = withoutInsertTriggers(this.client, insertAll);
    } else {
      // Counted below, not by the trigger lead by lead (leadsCountedByWriter, db/schema.ts). The mark is taken away once
      // the statements ran, before anything else touches the new leads (a status changed first would be counted twice),
      // and on any failure; the leads' other writes (custom values, other numbers) come after the count.
      this.countedByWriter.start.run();
      try {
        changes = insertAll();
      } finally {
        this.countedByWriter.end.run();
      }
    }
    const wasInserted = this.readInserted(leads.length, idsAbove, changes);
    if (changes === 0) return { inserted: 0, withoutPhone: 0, wasInserted };
    const groups = this.groupsOf(leads, wasInserted, idsAbove);
    this.doInsertTriggersWork(groups, idsAbove, isTriggersAside);
    this.storeRowExtras(leads, wasInserted, idsAbove);
    // The leads just inserted are the company's queued leads above idsAbove: ids only grow and
    // the caller's write transaction keeps other writers out. An import's get their jobs from the sync (issue #11).
    const queued = groups.filter((group) => group.status === 'queued');
    if (queueSync && queued.length > 0) {
      if (batchId === null) this.jobs.enqueueInserted(companyId, idsAbove, now);
      else this.jobs.queueInserted(companyId, batchId, idsAbove, queued.map(({ unplacedState, n, last }) => ({ state: unplacedState ?? '', n, last })), now);
    }
    return { inserted: changes, withoutPhone: groups.reduce((sum, group) => sum + group.withoutPhone, 0), wasInserted };
  }

  /**
   * What leads' insert triggers would have done for the leads above `idsAbove`, per chunk: all of it with the triggers set
   * aside (`isTriggersAside`: insert-triggers.ts), the status counts only when they stayed (and did the rest).
   */
  private doInsertTriggersWork(groups: readonly InsertedGroup[], idsAbove: number, isTriggersAside: boolean): void {
    const { companyId, batchId } = this.options;
    const byStatus = new Map<string, number>();
    for (const group of groups) byStatus.set(group.status, (byStatus.get(group.status) ?? 0) + group.n);
    for (const [status, n] of byStatus) this.triggersWork.statusCounts.run({ companyId, status, n });
    if (!isTriggersAside) return;
    // A status whose triggers' work is not done here (a lead inserted 'synced' or 'failed') is refused, chunk and all.
    const unknown = [...byStatus.keys()].find((status) => !BULK_INSERT_STATUSES.has(status));
    if (unknown !== undefined) throw new Error(`A many-row insert of leads cannot count leads inserted '${unknown}'`);
    if (batchId !== null) {
      for (const [status, n] of byStatus) if (OUTCOME_STATUSES.has(status)) this.triggersWork.outcome.run({ batchId, status, n });
    }
    const heldBack = groups.reduce((sum, group) => sum + group.heldBack, 0);
    if (heldBack > 0) this.triggersWork.heldBack.run({ companyId, batchId, n: heldBack });
    if (groups.some((group) => group.optedOut > 0)) {
      this.triggersWork.optedOutPhones.run(idsAbove);
      this.triggersWork.optedOutEmails.run(idsAbove);
    }
  }

  /**
   * The insert statements, ROWS_PER_STATEMENT rows each at most, the draft at index i numbered idsAbove + i + 1; how
   * many leads they inserted.
   */
  private insertStatements(leads: readonly LeadDraft[], constants: Record<string, unknown>, idsAbove: number): number {
    const { queueSync } = this.options;
    let changes = 0;
    let start = 0;
    for (const size of statementSizes(leads.length)) {
      const end = start + size;
      const values: unknown[] = [];
      for (let i = start; i < end; i++) {
        const lead = leads[i]!;
        values.push(
          lead.firstName, lead.lastName, lead.phone, lead.phoneRaw, lead.phoneExt, lead.email, lead.emailKey, lead.address1, lead.city,
          lead.state, lead.postalCode, lead.country ?? 'US', lead.source, lead.notes, lead.lastServiceDate, lead.consentNote,
          lead.doNotContact ? 1 : 0, statusForNewLead(lead.doNotContact, queueSync), lead.companyName, lead.originalDate, lead.crmStatus,
          lead.jobType, lead.crmTags, lead.sourceRow ?? null,
        );
      }
      const sharedMask = size === ROWS_PER_STATEMENT ? this.maskFor(sharedColumns(values)) : 0;
      const { shared, perRow } = splitValues(values, sharedMask);
      changes += this.statement(size, sharedMask).run({ ...constants, ...shared, base: idsAbove + start }, ...perRow).changes;
      start = end;
    }
    return changes;
  }
}
