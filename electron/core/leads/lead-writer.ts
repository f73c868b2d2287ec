/**
 * Writes leads with raw better-sqlite3 prepared statements (drizzle per-row inserts are ~9x slower,
 * see IMPORT-NOTES.md), one transaction per chunk, each changed lead's sync job in that same transaction
 * and the new leads' place in the queue (their jobs the sync writes: queued-without-jobs.ts): a chunk is
 * all there or not there at all.
 *
 * Duplicates (same company and E.164 phone, or same lower-cased email) are found by the unique
 * partial indexes themselves: `INSERT … ON CONFLICT DO NOTHING` costs nothing extra for the common,
 * new lead, and a lead written earlier in the same file is already in the table, so in-file and
 * existing duplicates are the same check.
 */
import type Database from 'better-sqlite3';
import { LENGTH_LIMITS } from '../../parsing/length-limits';
import type { LeadDraft } from '../../parsing/row-validator';
import { mergedTags } from '../../parsing/tags';
import { BatchLeadInserter } from './batch-insert';
import type { LeadStatus } from '../../../shared/lead';
import { statusForNewLead, type LeadWriterOptions } from './new-lead';
import { isResentRecordOnly, JobQueue } from '../jobs/job-queue';
import { isSamePerson } from '../../parsing/same-person';
import { prepareListKey } from '../optouts/list-key';
import { fileRowReasons } from '../optouts/file-row-reason';
import { prepareStoreOtherKeys } from './other-keys';

export type WriteOutcome =
  | { kind: 'imported'; leadId: number }
  | { kind: 'updated'; leadId: number }
  | { kind: 'duplicate'; leadId: number | null };

export interface ChunkCounts {
  imported: number;
  updated: number;
  duplicates: number;
  /** Of the imported (new) leads, those without a usable phone: counted here so no one reads the batch's leads to learn it. */
  importedWithoutPhone: number;
  /** Leads whose notes could not take all this file added to them (LENGTH_LIMITS.notes): each says so at the cut. */
  notesCut: number;
}

export interface DuplicateMatch {
  leadId: number;
  field: 'phone' | 'email';
}

/** The columns an import may fill on an existing lead (never overwrite: only where empty). */
interface FillableRow {
  id: number;
  /** Read only: which import made the lead (a phone filled on one this import made changes its phone-less count). */
  batch_id: number | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  phone_raw: string | null;
  phone_ext: string | null;
  email: string | null;
  email_key: string | null;
  address1: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  source: string | null;
  notes: string | null;
  last_service_date: string | null;
  consent_note: string | null;
  tag: string | null;
  do_not_contact: number;
  status: LeadStatus;
  company_name: string | null;
  original_date: string | null;
  crm_status: string | null;
  job_type: string | null;
  crm_tags: string | null;
  /** Read only: in the campaign already (JobQueue isResentRecordOnly). */
  enrolled_at: number | null;
}

const INSERT_LEAD = `
  INSERT INTO leads (company_id, batch_id, first_name, last_name, phone, phone_raw, phone_ext, email, email_key, address1, city,
    state, postal_code, country, source, notes, last_service_date, consent_note, do_not_contact, status, tag, created_at, updated_at,
    company_name, original_date, crm_status, job_type, crm_tags, source_row)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT DO NOTHING`;

const FILLABLE_COLUMNS =
  'id, batch_id, first_name, last_name, phone, phone_raw, phone_ext, email, email_key, address1, city, state, postal_code, source, notes, last_service_date, consent_note, tag, do_not_contact, status, company_name, original_date, crm_status, job_type, crm_tags, enrolled_at';

/** Where a lead's notes were cut, and where the rest is (LeadWriter.appendToNotes). */
const cutNoteFor = (rowOfFile: string) => `[Notes cut here: more than ${LENGTH_LIMITS.notes.toLocaleString('en-US')} characters. What did not fit is in ${rowOfFile}.]`;

const UPDATE_FILLED = `
  UPDATE leads SET first_name = ?, last_name = ?, phone = ?, phone_raw = ?, phone_ext = ?, email = ?, email_key = ?, address1 = ?,
    city = ?, state = ?, postal_code = ?, source = ?, notes = ?, last_service_date = ?, consent_note = ?, tag = ?, do_not_contact = ?,
    status = ?, company_name = ?, original_date = ?, crm_status = ?, job_type = ?, crm_tags = ?, updated_at = ?
  WHERE id = ?`;

/** A do-not-contact mark in a file always wins; the triggers list the lead's phone and email office-wide. */
const MARK_DO_NOT_CONTACT = `UPDATE leads SET do_not_contact = 1, status = 'do-not-contact', updated_at = ? WHERE id = ? AND do_not_contact = 0`;

// Never overwrites: a new lead has none yet, and an "update duplicates" import fills only fields the lead has no value for.
const INSERT_CUSTOM_VALUE = 'INSERT INTO lead_custom_values (lead_id, field_id, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING';

export class LeadWriter {
  private readonly insertLead: Database.Statement;
  private readonly insertCustomValue: Database.Statement<[number, string, string]>;
  private readonly removedPhone: Database.Statement<[number, string], { one: number }>;
  private readonly byPhone: Database.Statement<[number, string], { id: number }>;
  private readonly byEmail: Database.Statement<[number, string], { id: number }>;
  private readonly fillable: Database.Statement<[number], FillableRow>;
  private readonly updateFilled: Database.Statement;
  private readonly setNotes: Database.Statement<[string | null, number, number]>;
  private readonly markDoNotContact: Database.Statement<[number, number]>;
  private readonly listKey: ReturnType<typeof prepareListKey>;
  private readonly storeOtherKeys: ReturnType<typeof prepareStoreOtherKeys>;
  private readonly keysOf: Database.Statement<[number], { phone: string | null; emailKey: string | null }>;
  /** The import's file name, for the reason of a listed number no lead keeps (run-import.ts reads it too); null for a lead typed in. */
  readonly fileName: string | null;
  private readonly queue: JobQueue;
  private readonly batchInserter: BatchLeadInserter;
  private readonly writeChunkTransaction: (rows: readonly LeadDraft[], now: number, afterWrite: (counts: ChunkCounts) => void, beforeWrite: () => void) => ChunkCounts;
  private chunkBodyStartedAt = 0;
  /** Leads this import made without a phone that a later row of the file gave one ('update'): no longer phone-less. */
  private phonesGivenToOwnLeads = 0;
  /** Leads of the chunk whose notes could not take all the row added (addToNotes). */
  private notesCut = 0;
  /** How long the last chunk held the write lock (from BEGIN granted to COMMIT done, not the wait for it), ms. */
  lastChunkLockMs = 0;

  constructor(
    private readonly client: Database.Database,
    private readonly options: LeadWriterOptions,
  ) {
    this.insertLead = client.prepare(INSERT_LEAD);
    this.insertCustomValue = client.prepare(INSERT_CUSTOM_VALUE);
    this.removedPhone = client.prepare('SELECT 1 AS one FROM lead_removed_phones WHERE lead_id = ? AND phone = ?');
    this.storeOtherKeys = prepareStoreOtherKeys(client);
    this.keysOf = client.prepare('SELECT phone, email_key AS emailKey FROM leads WHERE id = ?');
    this.byPhone = client.prepare('SELECT id FROM leads WHERE company_id = ? AND phone = ?');
    this.byEmail = client.prepare('SELECT id FROM leads WHERE company_id = ? AND email_key = ?');
    this.fillable = client.prepare(`SELECT ${FILLABLE_COLUMNS} FROM leads WHERE id = ?`);
    this.updateFilled = client.prepare(UPDATE_FILLED);
    this.setNotes = client.prepare('UPDATE leads SET notes = ?, updated_at = ? WHERE id = ?');
    this.markDoNotContact = client.prepare(MARK_DO_NOT_CONTACT);
    this.listKey = prepareListKey(client);
    this.fileName = options.batchId === null ? null : (client.prepare<[number], string>('SELECT file_name FROM import_batches WHERE id = ?').pluck().get(options.batchId) ?? null);
    this.queue = new JobQueue(client);
    this.batchInserter = new BatchLeadInserter(client, options, this.queue);
    this.writeChunkTransaction = client.transaction((rows, now, afterWrite, beforeWrite) => {
      this.chunkBodyStartedAt = performance.now();
      beforeWrite();
      const counts: ChunkCounts = { imported: 0, updated: 0, duplicates: 0, importedWithoutPhone: 0, notesCut: 0 };
      if (options.onDuplicate === 'skip') {
        // Skipping needs no per-row decision after a conflict, so rows go in many per statement.
        // ('update' stays row by row: a filled field of one row may decide whether a later row conflicts.)
        const { inserted, withoutPhone, wasInserted } = this.batchInserter.insert(rows, now);
        this.keepOtherKeysOfDuplicates(rows, wasInserted);
        counts.imported = inserted;
        counts.importedWithoutPhone = withoutPhone;
        counts.updated = this.markDuplicatesDoNotContact(rows, now);
        counts.duplicates = rows.length - counts.imported - counts.updated;
        afterWrite(counts);
        return counts;
      }
      this.phonesGivenToOwnLeads = 0;
      this.notesCut = 0;
      for (const lead of rows) {
        const outcome = this.write(lead, now);
        if (outcome.kind === 'imported') {
          counts.imported++;
          if (lead.phone === null) counts.importedWithoutPhone++;
        } else if (outcome.kind === 'updated') counts.updated++;
        else counts.duplicates++;
      }
      // May go below 0 for a chunk (the lead was counted in an earlier one): the batch's sum stays right.
      counts.importedWithoutPhone -= this.phonesGivenToOwnLeads;
      counts.notesCut = this.notesCut;
      afterWrite(counts);
      return counts;
    }).immediate;
  }

  /**
   * Writes a chunk in ONE transaction. `beforeWrite` runs first inside it (the import reads the opt-out list there,
   * under the write lock); `afterWrite` runs inside it after the leads (the import records its progress there, so the
   * batch row and the leads can never disagree); if anything throws, nothing of the chunk stays: no lead, no job, no
   * progress.
   */
  writeChunk(rows: readonly LeadDraft[], afterWrite: (counts: ChunkCounts) => void = () => {}, now = Date.now(), beforeWrite: () => void = () => {}): ChunkCounts {
    const counts = this.writeChunkTransaction(rows, now, afterWrite, beforeWrite);
    this.lastChunkLockMs = performance.now() - this.chunkBodyStartedAt;
    return counts;
  }

  /** Writes one lead; the caller provides the transaction. */
  write(lead: LeadDraft, now = Date.now()): WriteOutcome {
    const leadId = this.insertNew(lead, now);
    if (leadId !== null) return { kind: 'imported', leadId };
    const match = this.findDuplicate(lead);
    if (match === null) {
      // ON CONFLICT only fires on a unique index, and both are looked up: unreachable unless the schema changes.
      throw new Error('Lead insert conflicted with no matching phone or email');
    }
    if (lead.doNotContact) this.listRowValues(lead, now);
    // Someone else at the same number or email (a household): her details are not the lead's to fill in. Filled, a
    // daughter's email became her mother's, and went to the mother's GHL contact (an office manager's review).
    const existing = this.options.onDuplicate === 'update' ? this.fillable.get(match.leadId) : undefined;
    const isUpdated =
      existing !== undefined &&
      (isSamePerson({ firstName: existing.first_name }, lead) ? this.fillEmptyFields(match.leadId, lead, now) : this.noteAnotherPerson(match, existing, lead, now));
    // After the fill: a phone it gave the lead is the lead's own now.
    this.keepRowKeysFor(match.leadId, lead);
    return { kind: isUpdated ? 'updated' : 'duplicate', leadId: match.leadId };
  }

  /** Inserts a new lead (and its job); null when its phone or email already belongs to a lead of the company. */
  insertNew(lead: LeadDraft, now: number): number | null {
    const { companyId, batchId, queueSync, tag } = this.options;
    const status = statusForNewLead(lead.doNotContact, queueSync);
    const result = this.insertLead.run(
      companyId, batchId, lead.firstName, lead.lastName, lead.phone, lead.phoneRaw, lead.phoneExt, lead.email, lead.emailKey,
      lead.address1, lead.city, lead.state, lead.postalCode, lead.country ?? 'US', lead.source, lead.notes, lead.lastServiceDate,
      lead.consentNote, lead.doNotContact ? 1 : 0, status, tag, now, now, lead.companyName, lead.originalDate, lead.crmStatus, lead.jobType,
      lead.crmTags, lead.sourceRow ?? null,
    );
    if (result.changes === 0) return null;
    const leadId = Number(result.lastInsertRowid);
    this.fillCustomValues(leadId, lead);
    this.storeOtherKeys(leadId, lead.otherContactKeys);
    if (status === 'queued') this.queue.enqueue(companyId, leadId, now);
    return leadId;
  }

  /**
   * "Skip duplicates" skips a row's details, never its do-not-contact mark: the customer who asked to stop
   * is the lead already here (by phone or by email: both are marked when they are two). Each row that
   * turned a lead do-not-contact counts as updated. A row inserted as new finds only itself, already marked.
   * Few rows carry the mark, so this costs nothing for the rest. Caller's transaction.
   */
  private markDuplicatesDoNotContact(rows: readonly LeadDraft[], now: number): number {
    const { companyId } = this.options;
    let marked = 0;
    for (const row of rows) {
      if (!row.doNotContact) continue;
      this.listRowValues(row, now);
      const leadIds = new Set<number>();
      if (row.phone) leadIds.add(this.byPhone.get(companyId, row.phone)?.id ?? 0);
      if (row.emailKey) leadIds.add(this.byEmail.get(companyId, row.emailKey)?.id ?? 0);
      leadIds.delete(0);
      let isMarked = false;
      for (const leadId of leadIds) {
        if (this.markDoNotContact.run(now, leadId).changes === 0) continue;
        this.queue.cancelPending(leadId, now);
        // The lead's other phone or email (the row matched it by one) is the customer's too: her leads at other
        // companies with it, enrolled before, are marked as well (the import spreads only the row's own keys).
        this.queue.optOutEverywhere.spreadFromLead(leadId, now);
        isMarked = true;
      }
      if (isMarked) marked++;
    }
    return marked;
  }

  /**
   * "Skip duplicates" skips a row's details, not the customer's other numbers and emails: they are hers whatever the
   * lead keeps, and hold her opt-out (lead_other_keys). Nor its own number when it matched her lead by email under
   * another phone (update mode kept it; skip mode lost it, and her STOP left it sendable at every other company), nor its
   * own email when it matched her lead by number. A row inserted as new finds its own lead, already given them. Few rows
   * have other keys; of the rest only the skipped ones with both a number and an email (`wasInserted`, per row:
   * BatchLeadInserter.insert) are looked up: looking up every row of a chunk with one repeat cost ~12% of the writer on a
   * file with 5% repeats (a review). The skipped rows whose number a new lead of the same chunk took were passed by,
   * and their email lost, where the same row in the next chunk kept it (a test). Caller's transaction.
   */
  private keepOtherKeysOfDuplicates(rows: readonly LeadDraft[], wasInserted: Uint8Array): void {
    const { companyId } = this.options;
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index]!;
      const mayAddAKey = wasInserted[index] === 0 && row.phone !== null && row.emailKey !== null;
      if (!row.otherContactKeys?.length && !mayAddAKey) continue;
      const leadId = (row.phone ? this.byPhone.get(companyId, row.phone)?.id : undefined) ?? (row.emailKey ? this.byEmail.get(companyId, row.emailKey)?.id : undefined);
      if (leadId !== undefined) this.keepRowKeysFor(leadId, row);
    }
  }

  /**
   * The phones and emails of a row that the lead it matched does not keep: its other ones, and its own when the lead
   * has others (matched by email, with another phone). They are the customer's, kept for her opt-out. (A lead that
   * opted out already needs nothing more: its listed number made the row itself do-not-contact, and such a row's
   * other keys are listed and spread by the import, run-import.ts.)
   */
  private keepRowKeysFor(leadId: number, row: LeadDraft): void {
    const lead = this.keysOf.get(leadId);
    if (!lead) return;
    const keys = [...(row.otherContactKeys ?? [])];
    // A number the office removed from this lead is not the customer's (a neighbour's): her opt-out must not list it.
    if (row.phone && row.phone !== lead.phone && this.removedPhone.get(leadId, row.phone) === undefined) keys.push({ kind: 'phone', value: row.phone });
    if (row.emailKey && row.emailKey !== lead.emailKey) keys.push({ kind: 'email', value: row.emailKey });
    this.storeOtherKeys(leadId, keys);
  }

  /**
   * A row the file marks do-not-contact, a duplicate too: its own phone and email go on the office-wide list, as a
   * new lead's would (the trigger leads_opt_out_insert). The lead it matched by email may have another phone, and
   * the row's number (kept in notes at most) would otherwise stay sendable in every other company. Caller's transaction.
   */
  private listRowValues(row: Pick<LeadDraft, 'phone' | 'emailKey' | 'firstName' | 'lastName' | 'sourceRow'>, now: number): void {
    // Listed already when a lead keeps the value (the triggers); the reason shows when none does.
    const reason = this.fileName === null ? null : fileRowReasons.duplicate(row, this.fileName);
    if (row.phone) this.listKey({ kind: 'phone', value: row.phone }, 'lead-dnc', this.options.companyId, now, reason);
    if (row.emailKey) this.listKey({ kind: 'email', value: row.emailKey }, 'lead-dnc', this.options.companyId, now, reason);
  }

  /** The company's lead with this phone (checked first) or email, if any. */
  findDuplicate(lead: Pick<LeadDraft, 'phone' | 'emailKey'>, excludeLeadId: number | null = null): DuplicateMatch | null {
    const { companyId } = this.options;
    if (lead.phone) {
      const row = this.byPhone.get(companyId, lead.phone);
      if (row && row.id !== excludeLeadId) return { leadId: row.id, field: 'phone' };
    }
    if (lead.emailKey) {
      const row = this.byEmail.get(companyId, lead.emailKey);
      if (row && row.id !== excludeLeadId) return { leadId: row.id, field: 'email' };
    }
    return null;
  }

  /**
   * onDuplicate 'update': copies the row's values into the existing lead's EMPTY fields only.
   * A phone or email is only filled when no other lead of the company has it (the unique indexes).
   * A "do not contact" in the file always wins (texting someone who opted out is the costly
   * mistake): the lead becomes do-not-contact and its unsent jobs are cancelled.
   * Returns whether anything changed. A changed lead is re-queued for sync (JobQueue.enqueue) when
   * the import queues and the lead was already given to the queue; a held-back lead ('new') stays
   * held back, as an edit in the form leaves it (JobQueue.afterEdit).
   */
  fillEmptyFields(leadId: number, lead: LeadDraft, now: number): boolean {
    const existing = this.fillable.get(leadId);
    if (!existing) return false;
    const merged = { ...existing };
    let changed = false;
    const fill = <K extends keyof FillableRow>(column: K, value: FillableRow[K] | null) => {
      if (value !== null && value !== '' && (merged[column] === null || merged[column] === '')) {
        merged[column] = value;
        changed = true;
      }
    };
    fill('first_name', lead.firstName);
    fill('last_name', lead.lastName);
    // A number the office removed from this lead ("wrong number": lead_removed_phones) is not given back by the old file
    // it came from, nor kept as an other phone: the campaign would text it again.
    const isRemoved = lead.phone !== null && this.removedPhone.get(leadId, lead.phone) !== undefined;
    if (existing.phone === null && lead.phone !== null && !isRemoved && this.isFree('phone', lead.phone)) {
      if (this.options.batchId !== null && existing.batch_id === this.options.batchId) this.phonesGivenToOwnLeads++;
      merged.phone = lead.phone;
      merged.phone_raw = lead.phoneRaw;
      merged.phone_ext = lead.phoneExt;
      changed = true;
    }
    if (existing.email_key === null && lead.emailKey !== null && this.isFree('email', lead.emailKey)) {
      merged.email = lead.email;
      merged.email_key = lead.emailKey;
      changed = true;
    }
    fill('address1', lead.address1);
    fill('city', lead.city);
    fill('state', lead.state);
    fill('postal_code', lead.postalCode);
    fill('source', lead.source);
    // A list, not a field: a second CRM's tags join the first's ("storm" and "VIP"), each once; filled only when empty,
    // the lead kept the first file's alone. Those past the list's length go to the notes, as at import.
    const tags = mergedTags(merged.crm_tags, lead.crmTags);
    if (tags.tags !== merged.crm_tags) {
      merged.crm_tags = tags.tags;
      changed = true;
    }
    this.addToNotes(merged, lead, tags.left, isRemoved);
    fill('last_service_date', lead.lastServiceDate);
    fill('consent_note', lead.consentNote);
    fill('company_name', lead.companyName);
    fill('original_date', lead.originalDate);
    fill('crm_status', lead.crmStatus);
    fill('job_type', lead.jobType);
    if (this.fillCustomValues(leadId, lead)) changed = true;
    const becomesDoNotContact = lead.doNotContact && existing.do_not_contact === 0;
    if (becomesDoNotContact) {
      merged.do_not_contact = 1;
      merged.status = 'do-not-contact';
      changed = true;
    }
    if (merged.notes !== existing.notes) changed = true;
    if (!changed) return false;
    if (merged.tag === null && this.options.tag !== null) merged.tag = this.options.tag;

    const mayQueue = this.options.queueSync && merged.do_not_contact === 0 && merged.status !== 'dnd' && merged.status !== 'new';
    if (mayQueue && !isResentRecordOnly({ status: existing.status, enrolledAt: existing.enrolled_at })) merged.status = 'queued';
    this.updateFilled.run(
      merged.first_name, merged.last_name, merged.phone, merged.phone_raw, merged.phone_ext, merged.email, merged.email_key,
      merged.address1, merged.city, merged.state, merged.postal_code, merged.source, merged.notes, merged.last_service_date,
      merged.consent_note, merged.tag, merged.do_not_contact, merged.status, merged.company_name, merged.original_date, merged.crm_status,
      merged.job_type, merged.crm_tags, now, leadId,
    );
    // A lead already do-not-contact that gains a number or email goes as the form's edit does (JobQueue.afterEdit): its DND
    // goes to GHL again, which is asked for the customer's contacts by the new keys too, and they hold in every company.
    const gainsKeys = merged.phone !== existing.phone || merged.email_key !== existing.email_key;
    if (becomesDoNotContact || (merged.do_not_contact === 1 && gainsKeys)) {
      this.queue.cancelPending(leadId, now);
      this.queue.optOutEverywhere.spreadFromLead(leadId, now);
    } else if (mayQueue) this.queue.enqueue(this.options.companyId, leadId, now);
    return true;
  }

  /**
   * Notes are a record, not a field: a second file's notes (another CRM's job history) and the numbers it has
   * for this customer beside the lead's own are added below the lead's notes. What the notes hold already is
   * not added again, so importing a file twice changes nothing. `isPhoneRemoved`: the row's phone is one the office
   * removed from the lead, not an other phone of it.
   */
  private addToNotes(merged: FillableRow, lead: LeadDraft, leftTags: readonly string[], isPhoneRemoved: boolean): void {
    const existing = merged.notes ?? '';
    const isNew = (text: string) => !existing.toLowerCase().includes(text.toLowerCase());
    const facts: string[] = [];
    const tagsLine = leftTags.length > 0 ? `Tags (more than fit): ${leftTags.join('; ')}` : '';
    if (tagsLine && isNew(tagsLine)) facts.push(tagsLine);
    // A number or email another lead of the company has is that lead's: not repeated here.
    if (lead.phone !== null && !isPhoneRemoved && lead.phone !== merged.phone && this.isFree('phone', lead.phone) && isNew(lead.phone)) {
      facts.push(`Other phone: ${lead.phone}${lead.phoneExt ? ` ext. ${lead.phoneExt}` : ''}`);
    }
    if (lead.email !== null && lead.emailKey !== null && lead.emailKey !== merged.email_key && this.isFree('email', lead.emailKey) && isNew(lead.email)) {
      facts.push(`Other email: ${lead.email}`);
    }
    // The cut of an earlier import of this same row says its notes are in already, as far as they fit.
    const addedNotes = lead.notes && isNew(lead.notes) && !existing.includes(cutNoteFor(this.rowOfFile(lead))) ? lead.notes : '';
    if (facts.length === 0 && !addedNotes) return;
    this.appendToNotes(merged, lead, addedNotes, facts.join('\n\n'));
  }

  /**
   * Adds `added` (a row's notes) and `factsText` (its other numbers, kept whole) below the lead's notes, within the notes'
   * limit; the cut, if any, says where the rest is, and is counted.
   */
  private appendToNotes(merged: FillableRow, lead: LeadDraft, addedNotes: string, factsText: string): void {
    const existing = merged.notes ?? '';
    const whole = [existing, addedNotes, factsText].filter(Boolean).join('\n\n');
    if (whole.length <= LENGTH_LIMITS.notes) {
      merged.notes = whole;
      return;
    }
    // The import's own limit for a note: the other phone and email are kept whole, then the lead's own notes,
    // and the second file's notes get what is left. The end of the text gave way before, so a number added
    // below a long call log was cut partway, or lost. The cut says so where it is, and the import counts it: cut
    // without a word, the office never learnt that part of a customer's history stayed behind in the old file.
    const cutNote = cutNoteFor(this.rowOfFile(lead));
    let room = LENGTH_LIMITS.notes - cutNote.length - 2 - (factsText ? factsText.length + 2 : 0);
    const keptExisting = existing.slice(0, Math.max(0, room));
    room -= keptExisting ? keptExisting.length + 2 : 0;
    const keptAdded = addedNotes.slice(0, Math.max(0, room));
    merged.notes = [keptExisting, keptAdded, cutNote, factsText].filter(Boolean).join('\n\n').slice(0, LENGTH_LIMITS.notes);
    this.notesCut++;
  }

  /**
   * 'update', a row of another person at the lead's number or email (parsing/same-person.ts): she is kept in the lead's notes (name, email,
   * address, her notes), found by a search and told to whoever answers the replies, and nothing of hers fills the lead.
   * Her do-not-contact mark holds: it is the number's, or the email's. True when the lead changed.
   */
  private noteAnotherPerson(match: DuplicateMatch, lead: FillableRow, row: LeadDraft, now: number): boolean {
    let changed = false;
    const name = [row.firstName, row.lastName].filter(Boolean).join(' ');
    const address = [row.address1, row.city, row.state, row.postalCode].filter(Boolean).join(', ');
    const details = [name, row.phone !== lead.phone ? row.phone : null, row.email !== lead.email ? row.email : null, address || null].filter(Boolean).join(' · ');
    const line = `Also at this ${match.field === 'phone' ? 'number' : 'email'}: ${details}`;
    if (!(lead.notes ?? '').toLowerCase().includes(line.toLowerCase())) {
      const merged = { ...lead };
      this.appendToNotes(merged, row, row.notes ? `${line}\n${row.notes}` : line, '');
      this.setNotes.run(merged.notes, now, match.leadId);
      changed = true;
    }
    if (row.doNotContact && this.markDoNotContact.run(now, match.leadId).changes > 0) {
      this.queue.cancelPending(match.leadId, now);
      this.queue.optOutEverywhere.spreadFromLead(match.leadId, now);
      changed = true;
    }
    return changed;
  }

  /** Where a row's whole values are: "row 12 of jobnimbus.csv". */
  private rowOfFile(lead: Pick<LeadDraft, 'sourceRow'>): string {
    const file = this.fileName ?? 'the file';
    return lead.sourceRow ? `row ${lead.sourceRow} of ${file}` : file;
  }

  /** Stores the row's custom field values the lead has none for; true when any was stored. */
  private fillCustomValues(leadId: number, lead: LeadDraft): boolean {
    let stored = false;
    for (const { fieldId, value } of lead.customValues) {
      if (this.insertCustomValue.run(leadId, fieldId, value).changes > 0) stored = true;
    }
    return stored;
  }

  private isFree(field: 'phone' | 'email', key: string): boolean {
    const statement = field === 'phone' ? this.byPhone : this.byEmail;
    return statement.get(this.options.companyId, key) === undefined;
  }

  get database(): Database.Database {
    return this.client;
  }
}
