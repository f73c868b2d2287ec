/**
 * A restore puts back an older database whole; what went to GHL since the backup must not go again. Leads
 * enrolled (and noted) on Tuesday are, in Monday's backup, still waiting: restored on Wednesday, the sync
 * sent each of them a second note and a second enrolment, and the customers a second text.
 *
 * So, for every lead of the restored database that the replaced one also holds (the same lead: SAME_LEAD), or held until the office deleted it after it reached GHL (the record
 * the trigger leads_removed_in_ghl left: a lead deleted since was enrolled and noted again), what the replaced
 * one knows of GHL is carried over:
 *   - its create ledger (`ghl_creates`: the notes, enrolments and tags sent, or on their way): a row the
 *     restored database lacks is added, and one it has as pending or unconfirmed takes the replaced one's
 *     'done'. The sync asks this ledger before every note and enrolment (create-once.ts), so a lead whose job
 *     is still queued here only updates its contact;
 *   - its GHL contact id (and the number it holds, for a lead without its own), and its enrolment (enrolled_at and what the consent record keeps of it) when the
 *     restored database has none: the lead is enrolled, its place in that day's cap taken (the trigger's
 *     enrolment log), a held-back one shown as sent (a queued one is, once its job has only updated the contact);
 *   - that its upsert went without an answer (sync_jobs.upsert_sent_at): GHL may hold its contact, so an opt-out
 *     still finds it there and sets its DND, and an undo keeps the lead (jobs/carried-upserts.ts).
 * Of a lead the restored database lacks (imported after the backup), what a deleted lead leaves (carryLeadsTheBackupLacks):
 * the customer imported again is not noted or enrolled again.
 * And, of every lead, the texts the day's and the hour's caps count (carryTextsCounted).
 * Never the other way: what the restored database knows is kept, so carrying over twice changes nothing.
 * Runs beside the opt-outs' carry-over (app-context.ts), before anything can send.
 */
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { carryUpsertsSent } from '../jobs/carried-upserts';

const REPLACED = 'replaced_ghl_record';

export class GhlRecordUnreadableError extends Error {
  constructor(
    readonly replacedFile: string,
    readonly reason: string,
  ) {
    super(`What went to GHL cannot be read from ${replacedFile} (${reason}).`);
  }
}

/**
 * The same lead in both files: its id and company, and the instant it was created, or its phone or email. An id alone
 * could be another lead's: a restore rolls the ids back, so undoing one (restoring the file it replaced) meets another
 * lineage's leads under the same ids. `=`, not IS: two leads without an email are not the same lead for it.
 */
const SAME_LEAD = `
  SELECT o.id FROM temp.replaced_leads o JOIN main.leads r ON r.id = o.id
  WHERE r.company_id = o.company_id AND (r.created_at = o.created_at OR r.phone = o.phone OR r.email_key = o.email_key)`;

/** Whether the replaced file has the column (an older version's file may lack it). */
function hasColumn(client: Database.Database, table: string, column: string): boolean {
  return client.prepare(`SELECT 1 FROM pragma_table_info(?, '${REPLACED}') WHERE name = ?`).get(table, column) !== undefined;
}

/** The lead columns the carry-over reads, of a file of any version since the GHL record was kept. */
const LEAD_COLUMNS = ['id', 'company_id', 'created_at', 'phone', 'email_key', 'ghl_contact_id', 'enrolled_at', 'enrolled_time_zone', 'enrolled_window', 'enrolled_rule_state'];
const CREATE_COLUMNS = 'lead_id, kind, target, state, contact_id, sent_at, resolved_at, result_id, message';

/**
 * The replaced file's leads and create ledger as two views (temp.replaced_leads, temp.replaced_creates): its leads
 * and those it deleted after they reached GHL (migration 0052, when the file has it), one row per id (AUTOINCREMENT:
 * a deleted lead's id is never another's). A file from before migration 0047 has no ghl_contact_phone: read as null.
 */
function viewReplacedRecord(client: Database.Database): void {
  const has = (table: string, column?: string) =>
    column
      ? client.prepare(`SELECT 1 FROM pragma_table_info(?, '${REPLACED}') WHERE name = ?`).get(table, column) !== undefined
      : client.prepare(`SELECT 1 FROM ${REPLACED}.sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
  const contactPhone = has('leads', 'ghl_contact_phone') ? 'ghl_contact_phone' : 'NULL AS ghl_contact_phone';
  const hasRemoved = has('removed_leads_in_ghl');
  const leadIdAsId = ['lead_id AS id', ...LEAD_COLUMNS.slice(1)].join(', ');
  client.exec(
    `CREATE TEMP VIEW replaced_leads AS SELECT ${LEAD_COLUMNS.join(', ')}, ${contactPhone} FROM ${REPLACED}.leads
     ${hasRemoved ? `UNION ALL SELECT ${leadIdAsId}, ghl_contact_phone FROM ${REPLACED}.removed_leads_in_ghl` : ''}`,
  );
  client.exec(
    `CREATE TEMP VIEW replaced_creates AS SELECT ${CREATE_COLUMNS} FROM ${REPLACED}.ghl_creates
     ${hasRemoved ? `UNION ALL SELECT ${CREATE_COLUMNS} FROM ${REPLACED}.removed_lead_creates` : ''}`,
  );
}

/**
 * The numbers a carried lead's GHL contact may hold besides the restored lead's own (former-contact-numbers.ts): the
 * replaced file knew them, the backup did not (a correction sent after it, its answer lost). A DND answered later lists
 * them; without them, the number the campaign texted after the backup was never listed. From the replaced file: its
 * maybe-numbers of the lead, the number its contact was known to hold, and the lead's number there when nothing changed
 * it since the contact's last answer (the contact holds it). Only for the same contact, enrolled in the restored file.
 */
function carryFormerContactNumbers(client: Database.Database, now: number): void {
  const hasNumbers = client.prepare(`SELECT 1 FROM ${REPLACED}.sqlite_master WHERE type = 'table' AND name = 'lead_replaced_phones'`).get() !== undefined;
  // The replaced file's lead itself (not a deleted one's row: its notes went with it), with its contact known to hold the
  // lead's number: none was noted since its last answer, and the contact held no other (ghl_contact_phone).
  const heldOwn = `SELECT o.id, o.phone, o.ghl_contact_id FROM ${REPLACED}.leads o WHERE o.phone IS NOT NULL AND o.ghl_contact_phone IS NULL
    ${hasNumbers ? `AND NOT EXISTS (SELECT 1 FROM ${REPLACED}.lead_replaced_phones x WHERE x.lead_id = o.id)` : ''}`;
  // The restored lead's own number stays among them (the replaced file's contact held it or was sent it): the backup may
  // have noted only that its contact held no number, and a later correction would then keep nothing.
  client.exec(
    `CREATE TEMP TABLE carried_numbers AS SELECT r.id AS lead_id, k.phone AS phone FROM (
       SELECT id AS lead_id, ghl_contact_phone AS phone, ghl_contact_id FROM temp.replaced_leads WHERE ghl_contact_phone IS NOT NULL
       ${hasColumn(client, 'leads', 'ghl_contact_phone') ? `UNION ALL ${heldOwn}` : ''}
       ${hasNumbers ? `UNION ALL SELECT x.lead_id, x.phone, o.ghl_contact_id FROM ${REPLACED}.lead_replaced_phones x JOIN temp.replaced_leads o ON o.id = x.lead_id` : ''}
     ) k JOIN main.leads r ON r.id = k.lead_id
     WHERE r.id IN (SELECT id FROM temp.carried_leads) AND r.ghl_contact_id = k.ghl_contact_id AND r.enrolled_at IS NOT NULL
       AND k.phone IS NOT r.ghl_contact_phone`,
  );
  try {
    // First, for a lead the backup noted nothing of, its own number, which its contact held at the backup: the trigger
    // keeps the number of a lead's first change only while none is kept (migration 0055), so a later correction would
    // not keep this one once the carried ones are there. A lead with notes in the backup has its held number among them.
    client
      .prepare(
        `INSERT OR IGNORE INTO main.lead_replaced_phones (lead_id, phone, noted_at)
         SELECT r.id, r.phone, @now FROM main.leads r
         WHERE r.id IN (SELECT lead_id FROM temp.carried_numbers) AND r.phone IS NOT NULL AND r.ghl_contact_phone IS NULL
           AND NOT EXISTS (SELECT 1 FROM main.lead_replaced_phones x WHERE x.lead_id = r.id)`,
      )
      .run({ now });
    client.prepare('INSERT OR IGNORE INTO main.lead_replaced_phones (lead_id, phone, noted_at) SELECT lead_id, phone, @now FROM temp.carried_numbers').run({ now });
  } finally {
    client.exec('DROP TABLE IF EXISTS temp.carried_numbers');
  }
}

/**
 * The replaced file's leads that reached GHL and that the restored file lacks (imported or typed in after the backup, or
 * deleted there after they went): kept as deleted leads are (removed_leads_in_ghl, removed_lead_creates). The customer
 * added again (the file imported since, imported again to get its leads back) is the same GHL contact, and was noted and
 * enrolled a second time: the sync reads these as a deleted lead's (create-once.ts siblingEnrolment, lead-record.ts).
 * Not one kept already (the same company, creation instant and contact: a restore done twice). A lead whose id the
 * restored file gives another lead (another lineage's: a restore rolled the ids back, and this one undoes it) is kept
 * under a fresh id (a review: it was dropped, and its customers noted and enrolled again): the sync reads these records
 * by contact, the id is only their key. The ids go on from the highest either file used, so no new lead takes one.
 */
function carryLeadsTheBackupLacks(client: Database.Database, now: number): void {
  const lastReplacedId = client.prepare<[], number | null>(`SELECT max(seq) FROM ${REPLACED}.sqlite_sequence WHERE name = 'leads'`).pluck().get() ?? null;
  const lastId = Math.max(
    lastReplacedId ?? 0,
    client.prepare<[], number | null>(`SELECT max(seq) FROM main.sqlite_sequence WHERE name = 'leads'`).pluck().get() ?? 0,
    client.prepare<[], number | null>('SELECT max(lead_id) FROM main.removed_leads_in_ghl').pluck().get() ?? 0,
    client.prepare<[], number | null>('SELECT max(id) FROM temp.replaced_leads').pluck().get() ?? 0,
  );
  client.exec('DROP TABLE IF EXISTS temp.lacked_leads');
  client
    .prepare(
      `CREATE TEMP TABLE lacked_leads AS
       SELECT o.*, CASE WHEN o.id IN (SELECT id FROM main.leads) OR o.id IN (SELECT lead_id FROM main.removed_leads_in_ghl)
                        THEN @lastId + row_number() OVER (PARTITION BY o.id IN (SELECT id FROM main.leads) OR o.id IN (SELECT lead_id FROM main.removed_leads_in_ghl) ORDER BY o.id)
                        ELSE o.id END AS kept_id
       FROM temp.replaced_leads o
       WHERE o.id NOT IN (SELECT id FROM temp.carried_leads)
         AND (o.ghl_contact_id IS NOT NULL OR o.enrolled_at IS NOT NULL OR o.id IN (SELECT lead_id FROM temp.replaced_creates))
         AND NOT EXISTS (SELECT 1 FROM main.removed_leads_in_ghl m
                         WHERE m.company_id = o.company_id AND m.created_at = o.created_at AND m.ghl_contact_id IS o.ghl_contact_id)`,
    )
    .run({ lastId });
  client
    .prepare(
      `INSERT INTO main.removed_leads_in_ghl (lead_id, company_id, phone, email_key, ghl_contact_id, ghl_contact_phone, enrolled_at,
         enrolled_time_zone, enrolled_window, enrolled_rule_state, created_at, removed_at)
       SELECT kept_id, company_id, phone, email_key, ghl_contact_id, ghl_contact_phone, enrolled_at, enrolled_time_zone, enrolled_window,
         enrolled_rule_state, created_at, @now FROM temp.lacked_leads`,
    )
    .run({ now });
  client.exec(
    `INSERT OR IGNORE INTO main.removed_lead_creates (${CREATE_COLUMNS})
     SELECT k.kept_id, g.kind, g.target, g.state, g.contact_id, g.sent_at, g.resolved_at, g.result_id, g.message
     FROM temp.replaced_creates g JOIN temp.lacked_leads k ON k.id = g.lead_id`,
  );
  const highest = Math.max(lastReplacedId ?? 0, client.prepare<[], number | null>('SELECT max(kept_id) FROM temp.lacked_leads').pluck().get() ?? 0);
  client.exec('DROP TABLE temp.lacked_leads');
  if (highest === 0) return;
  client.prepare(`UPDATE main.sqlite_sequence SET seq = max(seq, ?) WHERE name = 'leads'`).run(highest);
  client.prepare(`INSERT INTO main.sqlite_sequence (name, seq) SELECT 'leads', ? WHERE NOT EXISTS (SELECT 1 FROM main.sqlite_sequence WHERE name = 'leads')`).run(highest);
}

/** How far back the caps look (a company day at most); the enrolment log keeps two days (migration 0032). */
const CAP_LOOKBACK_MS = 172_800_000;

/**
 * The texts the caps count (company-day.ts) that went since the backup, whoever's they were: the replaced file's
 * enrolment log, and its enrolments GHL never answered of leads the restored file lacks (the carried ones keep
 * theirs in ghl_creates, the lacked ones in removed_lead_creates: both counted from there). A lead imported after the backup
 * is not in the log, so nothing else carries its enrolment:
 * restored at 14:00 to undo a file whose leads took the day's cap by 13:00, the count began again at 0, and another
 * cap's worth went the same day. The log has no lead id: each (company, instant) is counted as often as either file
 * has it (the carried leads' enrolments were logged again by the trigger when their enrolled_at came over above).
 */
function carryTextsCounted(client: Database.Database, now: number): void {
  const hasLog = client.prepare(`SELECT 1 FROM ${REPLACED}.sqlite_master WHERE type = 'table' AND name = 'enrolment_log'`).get() !== undefined;
  client
    .prepare(
      `WITH went(company_id, at) AS (
         ${hasLog ? `SELECT company_id, enrolled_at FROM ${REPLACED}.enrolment_log WHERE enrolled_at >= @since UNION ALL` : ''}
         SELECT o.company_id, g.sent_at FROM temp.replaced_creates g JOIN temp.replaced_leads o ON o.id = g.lead_id
         WHERE g.state IN ('pending', 'unconfirmed') AND g.kind IN ('enrol-workflow', 'enrol-tag') AND g.sent_at >= @since
           AND o.enrolled_at IS NULL AND g.lead_id NOT IN (SELECT id FROM temp.carried_leads)
           AND NOT EXISTS (SELECT 1 FROM main.removed_lead_creates m
                           WHERE m.kind = g.kind AND m.target = g.target AND m.contact_id = g.contact_id AND m.sent_at = g.sent_at)
       ),
       theirs AS (SELECT company_id, at, count(*) AS n FROM went WHERE company_id IN (SELECT id FROM main.companies) GROUP BY company_id, at),
       ours AS (SELECT company_id, enrolled_at AS at, count(*) AS n FROM main.enrolment_log WHERE enrolled_at >= @since GROUP BY company_id, enrolled_at),
       missing(company_id, at, k) AS (
         SELECT t.company_id, t.at, t.n - coalesce(o.n, 0) FROM theirs t LEFT JOIN ours o ON o.company_id = t.company_id AND o.at = t.at
         WHERE t.n > coalesce(o.n, 0)
         UNION ALL SELECT company_id, at, k - 1 FROM missing WHERE k > 1
       )
       INSERT INTO main.enrolment_log (company_id, enrolled_at) SELECT company_id, at FROM missing`,
    )
    .run({ since: now - CAP_LOOKBACK_MS });
}

export function carryOverGhlRecord(client: Database.Database, replacedFile: string, now: number): { leads: number; creates: number; jobs: number } {
  // ATTACH makes an empty database of a missing file: that would read as "nothing went since the backup".
  if (!existsSync(replacedFile)) throw new GhlRecordUnreadableError(replacedFile, 'the file is gone');
  try {
    client.prepare(`ATTACH DATABASE ? AS ${REPLACED}`).run(replacedFile);
  } catch (error) {
    throw new GhlRecordUnreadableError(replacedFile, (error as Error).message);
  }
  try {
    const hasTables = client.prepare(`SELECT count(*) AS n FROM ${REPLACED}.sqlite_master WHERE type = 'table' AND name IN ('leads', 'ghl_creates')`).get() as { n: number };
    if (hasTables.n < 2) return { leads: 0, creates: 0, jobs: 0 };
    return client.transaction(() => {
      try {
        viewReplacedRecord(client);
        client.exec(`CREATE TEMP TABLE carried_leads AS ${SAME_LEAD}`);
        const added = client
          .prepare(
            `INSERT OR IGNORE INTO main.ghl_creates (lead_id, kind, target, state, contact_id, sent_at, resolved_at, result_id, message)
             SELECT ${CREATE_COLUMNS} FROM temp.replaced_creates WHERE lead_id IN (SELECT id FROM temp.carried_leads)`,
          )
          .run().changes;
        const settled = client
          .prepare(
            `UPDATE main.ghl_creates AS r SET state = 'done', contact_id = o.contact_id, resolved_at = o.resolved_at, result_id = o.result_id, message = o.message
             FROM temp.replaced_creates AS o
             WHERE o.lead_id = r.lead_id AND o.kind = r.kind AND o.target = r.target AND o.state = 'done' AND r.state <> 'done'
               AND r.lead_id IN (SELECT id FROM temp.carried_leads)`,
          )
          .run().changes;
        const leads = client
          .prepare(
            `UPDATE main.leads AS r SET
               ghl_contact_id = coalesce(r.ghl_contact_id, o.ghl_contact_id),
               enrolled_at = coalesce(r.enrolled_at, o.enrolled_at),
               enrolled_time_zone = CASE WHEN r.enrolled_at IS NULL THEN o.enrolled_time_zone ELSE r.enrolled_time_zone END,
               enrolled_window = CASE WHEN r.enrolled_at IS NULL THEN o.enrolled_window ELSE r.enrolled_window END,
               enrolled_rule_state = CASE WHEN r.enrolled_at IS NULL THEN o.enrolled_rule_state ELSE r.enrolled_rule_state END,
               status = CASE WHEN r.enrolled_at IS NULL AND o.enrolled_at IS NOT NULL AND r.status = 'new' THEN 'synced' ELSE r.status END,
               updated_at = ?
             FROM temp.replaced_leads AS o
             WHERE o.id = r.id AND r.id IN (SELECT id FROM temp.carried_leads)
               AND ((r.ghl_contact_id IS NULL AND o.ghl_contact_id IS NOT NULL) OR (r.enrolled_at IS NULL AND o.enrolled_at IS NOT NULL))`,
          )
          .run(now).changes;
        // The number a lead without its own is texted at, with its contact (none in a file from before migration 0047).
        client
          .prepare(
            `UPDATE main.leads AS r SET ghl_contact_phone = o.ghl_contact_phone
             FROM temp.replaced_leads AS o
             WHERE o.id = r.id AND r.id IN (SELECT id FROM temp.carried_leads)
               AND r.phone IS NULL AND r.ghl_contact_phone IS NULL AND o.ghl_contact_phone IS NOT NULL AND r.ghl_contact_id = o.ghl_contact_id`,
          )
          .run();
        carryFormerContactNumbers(client, now);
        carryLeadsTheBackupLacks(client, now);
        carryTextsCounted(client, now);
        const jobs = carryUpsertsSent(client, REPLACED, 'temp.carried_leads', now);
        return { leads, creates: added + settled, jobs };
      } finally {
        client.exec('DROP TABLE IF EXISTS temp.carried_leads; DROP TABLE IF EXISTS temp.lacked_leads; DROP VIEW IF EXISTS temp.replaced_leads; DROP VIEW IF EXISTS temp.replaced_creates');
      }
    }).immediate();
  } catch (error) {
    if (error instanceof GhlRecordUnreadableError) throw error;
    // A damaged replaced file (the usual reason to restore) may fail its reads: said, not thrown past the office.
    if (error instanceof Error && /SQLITE_CORRUPT|SQLITE_NOTADB|malformed|no such (table|column)/i.test(`${(error as { code?: string }).code ?? ''} ${error.message}`)) {
      throw new GhlRecordUnreadableError(replacedFile, error.message);
    }
    throw error;
  } finally {
    client.exec(`DETACH DATABASE ${REPLACED}`);
  }
}
