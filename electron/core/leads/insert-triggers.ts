import type Database from 'better-sqlite3';

/**
 * The insert triggers of `leads`, set aside while a many-row insert runs (batch-insert.ts), which does their work itself.
 *
 * Why: SQLite runs an `INSERT … VALUES (…), (…)` (or `INSERT … SELECT`) into a table that has any row trigger in two
 * passes: each row is first written to a temporary table, then read back and inserted, with each trigger's program run
 * for it (sqlite's insert.c: "use a temp table in the case of row triggers"; EXPLAIN shows the OpenEphemeral). Of an
 * import's insert statements (~0.95 s for 100k rows) that was ~0.17 s, though none of the six triggers below does
 * anything for an imported lead but count it, which the insert does for the whole chunk in a few statements
 * (BatchLeadInserter.insert). Issue #11.
 *
 * How: inside the chunk's own write transaction the triggers are dropped, the insert statements run, and the triggers
 * are created again from their own text in sqlite_master before the transaction ends. No other connection ever sees
 * leads without them: it reads the schema of its snapshot, and a failure (or a crash) rolls the drop back with the
 * leads. What it costs: each statement of this connection is prepared again after the change, ~3 ms a chunk in all,
 * and every other connection reads the schema again after each chunk commits, and prepares its statements again. Net,
 * bench:import's whole CLI process took ~0.11 s less (1.85 → 1.74 s, and ~0.18 s less CPU); but in the app, the
 * window's thread paid for it in stalls, so only the command line sets the triggers aside (ImportJob.setsInsertTriggersAside).
 *
 * Only these six are set aside, and only when they are all the insert triggers `leads` has: a migration that adds one
 * makes the import fail loudly (knownInsertTriggers, and a test), not count wrong quietly.
 */
export const INSERT_TRIGGERS_DONE_BY_BULK_INSERT = [
  // lead_status_counts: counted per status for the chunk.
  'leads_counts_after_insert',
  // held_back_counts: counted for the chunk's 'new' leads (an import held back, --no-queue).
  'held_back_counts_insert',
  // batch_outcome_counts: counted for the chunk's do-not-contact leads.
  'batch_outcome_counts_insert',
  // opt_outs: the chunk's do-not-contact leads' phones and emails, in one statement each.
  'leads_opt_out_insert',
  // Fire for a lead inserted 'failed' or 'synced' only, which a new lead never is (statusForNewLead): the insert refuses one.
  'leads_failed_reason_after_insert',
  'leads_synced_per_hour_on_insert',
] as const;

/** The statuses whose leads the bulk insert knows how to count: those of a new lead (statusForNewLead). */
export const BULK_INSERT_STATUSES: ReadonlySet<string> = new Set(['queued', 'new', 'do-not-contact']);

const INSERT_TRIGGERS_OF_LEADS = `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'leads' AND sql LIKE '%INSERT ON%' ORDER BY name`;

interface TriggerText {
  name: string;
  sql: string;
}

/** The insert triggers of leads, which must be exactly INSERT_TRIGGERS_DONE_BY_BULK_INSERT. */
function knownInsertTriggers(client: Database.Database): TriggerText[] {
  const found = client.prepare<[], TriggerText>(INSERT_TRIGGERS_OF_LEADS).all();
  const known = new Set<string>(INSERT_TRIGGERS_DONE_BY_BULK_INSERT);
  const unknown = found.filter((trigger) => !known.has(trigger.name)).map((trigger) => trigger.name);
  const missing = INSERT_TRIGGERS_DONE_BY_BULK_INSERT.filter((name) => !found.some((trigger) => trigger.name === name));
  if (unknown.length > 0 || missing.length > 0) {
    throw new Error(
      `The leads table's insert triggers are not those the import's insert does itself (insert-triggers.ts): ${[
        ...unknown.map((name) => `${name} is new`),
        ...missing.map((name) => `${name} is gone`),
      ].join(', ')}. Teach BatchLeadInserter what the trigger does, and list it there.`,
    );
  }
  return found;
}

/**
 * Runs `work` with leads' insert triggers dropped, and creates them again after it, whatever happens. Inside a write
 * transaction only, which the caller rolls back if this throws (LeadWriter.writeChunk: a better-sqlite3 transaction).
 */
export function withoutInsertTriggers<T>(client: Database.Database, work: () => T): T {
  if (!client.inTransaction) throw new Error('withoutInsertTriggers runs inside a write transaction, so that nothing else sees leads without its triggers');
  // Read at each use, not kept: the text created again is always the one the schema has now.
  const triggers = knownInsertTriggers(client);
  const dropped: TriggerText[] = [];
  // Created again while the transaction is open, also after a failure (the caller rolls it back, but may read
  // meanwhile). An error that ended the transaction itself (a full disk: SQLite rolls back on its own) took the drops
  // back with it.
  const createAgain = () => {
    if (client.inTransaction) for (const { sql } of dropped.splice(0)) client.exec(sql);
  };
  let result: T;
  try {
    for (const trigger of triggers) {
      client.exec(`DROP TRIGGER "${trigger.name}"`);
      dropped.push(trigger);
    }
    result = work();
  } catch (error) {
    try {
      createAgain();
    } catch {
      // The first failure is the one to report; the caller's rollback puts the triggers back either way.
    }
    throw error;
  }
  createAgain();
  return result;
}
