import type Database from 'better-sqlite3';
import type { LeadDraft } from '../../import/row-validator';
import { statusForNewLead, type LeadWriterOptions } from './lead-writer';
import { SYNC_ACTION } from './sync-enqueue';

/** Rows per INSERT statement: one statement per row costs ~18 µs a lead, 100 rows per statement ~9 µs. */
export const ROWS_PER_STATEMENT = 100;
const LEAD_COLUMNS =
  'company_id, batch_id, first_name, last_name, phone, phone_raw, phone_ext, email, email_key, address1, city, state, postal_code, country, source, notes, last_service_date, consent_note, do_not_contact, status, tag, created_at, updated_at';
const COLUMN_COUNT = 23;

const insertSql = (rows: number) =>
  `INSERT INTO leads (${LEAD_COLUMNS}) VALUES ${Array.from({ length: rows }, () => `(${'?,'.repeat(COLUMN_COUNT - 1)}?)`).join(',')}
   ON CONFLICT DO NOTHING RETURNING id, phone, email_key AS emailKey, status`;

/** One job per new queued lead, from a JSON list of lead ids (same idempotency key as sync-enqueue.ts). */
const INSERT_JOBS = `
  INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at)
  SELECT ?, value, '${SYNC_ACTION}', ? || ':' || value || ':${SYNC_ACTION}', 'queued', 0, ?, ?, ? FROM json_each(?) WHERE true
  ON CONFLICT (idempotency_key) DO NOTHING`;

const identity = (phone: string | null, emailKey: string | null) => `${phone ?? ''}\u0000${emailKey ?? ''}`;

/**
 * Inserts many new leads per statement, for imports that skip duplicates. A row that conflicts
 * (its phone or email belongs to an earlier lead, of the file or from before) is not inserted; the
 * returned (phone, email) pairs say which rows were, because within one statement no two inserted
 * rows can share a phone or an email. Returns, per input row, whether it was inserted.
 */
export class BatchLeadInserter {
  private readonly statements = new Map<number, Database.Statement>();
  private readonly insertJobs: Database.Statement;

  constructor(
    private readonly client: Database.Database,
    private readonly options: LeadWriterOptions,
  ) {
    this.insertJobs = client.prepare(INSERT_JOBS);
  }

  private statement(rows: number): Database.Statement {
    let statement = this.statements.get(rows);
    if (!statement) {
      statement = this.client.prepare(insertSql(rows));
      this.statements.set(rows, statement);
    }
    return statement;
  }

  /** Caller provides the transaction. */
  insert(leads: readonly LeadDraft[], now: number): boolean[] {
    const inserted: boolean[] = [];
    for (let start = 0; start < leads.length; start += ROWS_PER_STATEMENT) {
      const slice = leads.slice(start, start + ROWS_PER_STATEMENT);
      inserted.push(...this.insertSlice(slice, now));
    }
    return inserted;
  }

  private insertSlice(leads: readonly LeadDraft[], now: number): boolean[] {
    const { companyId, batchId, queueSync, tag } = this.options;
    const params: unknown[] = [];
    for (const lead of leads) {
      params.push(
        companyId, batchId, lead.firstName, lead.lastName, lead.phone, lead.phoneRaw, lead.phoneExt, lead.email, lead.emailKey,
        lead.address1, lead.city, lead.state, lead.postalCode, lead.country ?? 'US', lead.source, lead.notes, lead.lastServiceDate,
        lead.consentNote, lead.doNotContact ? 1 : 0, statusForNewLead(lead.doNotContact, queueSync), tag, now, now,
      );
    }
    const returned = this.statement(leads.length).all(...params) as Array<{ id: number; phone: string | null; emailKey: string | null; status: string }>;
    const unclaimed = new Set(returned.map((row) => identity(row.phone, row.emailKey)));
    const queuedIds = returned.filter((row) => row.status === 'queued').map((row) => row.id);
    if (queuedIds.length > 0) this.insertJobs.run(companyId, String(companyId), now, now, now, JSON.stringify(queuedIds));
    // The first input row with an inserted (phone, email) pair is the one that was inserted; later
    // rows with the same pair conflicted with it.
    return leads.map((lead) => unclaimed.delete(identity(lead.phone, lead.emailKey)));
  }
}
