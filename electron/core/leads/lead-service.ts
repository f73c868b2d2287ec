import { eq } from 'drizzle-orm';
import { campaignTagFor } from '../companies/campaign-tag';
import { createOptOutCheck } from '../optouts/import-check';
import { createEditCheck } from '../optouts/edit-check';
import type * as z from 'zod';
import type { Db } from '../../../db/open';
import { leads, type LeadRow } from '../../../db/schema';
import type { ConsentRecord, Lead, LeadSummary, leadInputSchema, leadPatchSchema } from '../../../shared/lead';
import { CONSENT_FACTS_JOIN, CONSENT_FACTS_SQL, consentRecordOf, type ConsentFacts } from './consent-record';
import type { LeadDraft } from '../../parsing/row-validator';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import { normalizeAddress, normalizeContact } from './lead-fields';
import { LeadWriter, type DuplicateMatch } from './lead-writer';
import { isResentRecordOnly, JobQueue } from '../jobs/job-queue';

type LeadInput = z.output<typeof leadInputSchema>;
type LeadPatch = z.output<typeof leadPatchSchema>;

export function toLead(
  row: LeadRow,
  consentRecord: ConsentRecord,
  customFields: Lead['customFields'] = [],
  dndInGhl: Lead['dndInGhl'],
  removedPhones: Lead['removedPhones'],
  updatePending = false,
): Lead {
  return {
    id: row.id,
    companyId: row.companyId,
    batchId: row.batchId,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    phoneRaw: row.phoneRaw,
    phoneExt: row.phoneExt,
    email: row.email,
    address1: row.address1,
    city: row.city,
    state: row.state,
    postalCode: row.postalCode,
    country: row.country,
    source: row.source,
    notes: row.notes,
    lastServiceDate: row.lastServiceDate,
    consentNote: row.consentNote,
    doNotContact: row.doNotContact,
    status: row.status,
    tag: row.tag,
    ghlContactId: row.ghlContactId,
    ghlContactPhone: row.ghlContactPhone,
    removedPhones,
    lastError: row.lastError,
    syncedAt: row.syncedAt,
    firstSyncedAt: row.firstSyncedAt,
    enrolledAt: row.enrolledAt,
    crm: { originalDate: row.originalDate, status: row.crmStatus, jobType: row.jobType, tags: row.crmTags, timeZone: row.timeZone, timeZoneSource: row.timeZoneSource },
    consentRecord,
    customFields,
    dndInGhl,
    updatePending,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Names the lead that has the value: "(lead #1)" alone sent the office looking for a number no page shows. The
 * id stays after the name, for `rlm lead` commands.
 */
const duplicateConflict = (match: DuplicateMatch, owner: { firstName: string | null; lastName: string | null } | undefined) => {
  const name = [owner?.firstName, owner?.lastName].filter(Boolean).join(' ') || 'A lead without a name';
  return new AppError('conflict', `${name} (lead #${match.leadId}) already has this ${match.field === 'phone' ? 'phone number' : 'email address'} in this company: open that lead to change it instead.`, {
    existingLeadId: match.leadId,
    field: match.field,
  });
};

/** Single leads from the form and the CLI. Imports go through the import worker and the same LeadWriter. */
export class LeadService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    /** The app's one clock (AppContext's): an edit re-queues its job at this time, as the scheduler sees it. */
    private readonly now: () => number = Date.now,
  ) {}

  /** The queue's statements, prepared once: a lead's panel reads through it on every open. */
  private jobsCache: JobQueue | null = null;
  private get jobs(): JobQueue {
    this.jobsCache ??= new JobQueue(this.db.$client);
    return this.jobsCache;
  }

  /** The lead's custom field values, named as GHL last listed the field (its id when never listed). */
  private customFields(leadId: number): Lead['customFields'] {
    return this.db.$client
      .prepare<[number], { name: string; value: string }>(
        `SELECT coalesce(f.name, v.field_id) AS name, v.value FROM lead_custom_values v JOIN leads l ON l.id = v.lead_id
         LEFT JOIN ghl_custom_fields f ON f.company_id = l.company_id AND f.id = v.field_id
         WHERE v.lead_id = ? ORDER BY name COLLATE NOCASE`,
      )
      .all(leadId);
  }

  row(id: number): LeadRow {
    const row = this.db.select().from(leads).where(eq(leads.id, id)).get();
    if (!row) throw notFound(`Lead #${id}`);
    return row;
  }

  get(id: number): Lead {
    const owed = this.jobs.dndNotInGhl({ leadId: id });
    const removedPhones = this.db.$client.prepare<[number], string>('SELECT phone FROM lead_removed_phones WHERE lead_id = ? ORDER BY removed_at').pluck().all(id);
    return toLead(this.row(id), this.consentRecord(id), this.customFields(id), owed.pending > 0 ? (owed.heldBy ?? 'pending') : owed.failed > 0 ? 'failed' : null, removedPhones, this.jobs.isUpdatePending(id));
  }

  consentRecord(id: number): ConsentRecord {
    const facts = this.db.$client
      .prepare<[number], ConsentFacts>(`SELECT ${CONSENT_FACTS_SQL} FROM leads l ${CONSENT_FACTS_JOIN} WHERE l.id = ?`)
      .get(id);
    if (!facts) throw notFound(`Lead #${id}`);
    return consentRecordOf(facts);
  }

  private writer(companyId: number): LeadWriter {
    return new LeadWriter(this.db.$client, { companyId, batchId: null, onDuplicate: 'skip', queueSync: true, tag: campaignTagFor(this.db.$client, companyId) });
  }

  /** New lead, queued for sync unless do-not-contact; `conflict` {existingLeadId, field} on a duplicate. */
  create(input: LeadInput): Lead {
    const address = normalizeAddress(input);
    const contact = normalizeContact(input.phone, input.email, address.fields.country, address.issues);
    const draft: LeadDraft = {
      firstName: input.firstName,
      lastName: input.lastName,
      ...contact,
      address1: input.address1,
      city: input.city,
      ...address.fields,
      source: input.source,
      notes: input.notes,
      lastServiceDate: input.lastServiceDate,
      consentNote: input.consentNote,
      doNotContact: input.doNotContact,
      // What only an import carries (the old CRM's record); the form does not ask for it.
      companyName: null,
      originalDate: null,
      crmStatus: null,
      jobType: null,
      crmTags: null,
      customValues: [],
    };
    // A number on the office-wide opt-out list is stored as do-not-contact, as an import would store it.
    createOptOutCheck(this.db.$client)([draft]);
    const writer = this.writer(input.companyId);
    let otherCompanies = new Set<number>();
    const leadId = this.db.$client.transaction(() => {
      const match = writer.findDuplicate(draft);
      if (match) throw this.duplicateConflict(match);
      const now = this.now();
      const id = writer.insertNew(draft, now);
      // Created do-not-contact by the person (not only because the list has its number): its own mark, which
      // holds for the customer's leads of every company.
      if (id !== null && input.doNotContact) this.db.update(leads).set({ ownDoNotContact: true }).where(eq(leads.id, id)).run();
      // Either way her other key (the email beside a listed number) holds at every company: an enrolled lead there
      // with that email has no claim left to catch it (a review; an import spreads the same way, run-import.ts).
      if (id !== null && draft.doNotContact) otherCompanies = this.jobs.optOutEverywhere.spreadFromLead(id, now).companyIds;
      return id;
    }).immediate();
    if (leadId === null) throw this.duplicateConflict(writer.findDuplicate(draft) ?? { leadId: 0, field: 'phone' });
    this.changed(input.companyId);
    for (const companyId of otherCompanies) this.changed(companyId);
    return this.get(leadId);
  }

  private duplicateConflict(match: DuplicateMatch): AppError {
    return duplicateConflict(match, this.db.select({ firstName: leads.firstName, lastName: leads.lastName }).from(leads).where(eq(leads.id, match.leadId)).get());
  }

  checkDuplicate(companyId: number, phone: string | null, email: string | null, excludeLeadId: number | null): LeadSummary | null {
    let keys;
    try {
      keys = normalizeContact(phone, email, 'US');
    } catch {
      // The form shows its own validation; an unusable value cannot duplicate anything.
      return null;
    }
    const match = this.writer(companyId).findDuplicate(keys, excludeLeadId);
    if (!match) return null;
    const row = this.row(match.leadId);
    return { id: row.id, firstName: row.firstName, lastName: row.lastName, phone: row.phone, email: row.email, status: row.status, field: match.field };
  }

  /**
   * Edits fields (null clears one). The lead's sync follows JobQueue.afterEdit: a lead already sent
   * (or on its way) is sent again, a held-back one stays held back, a do-not-contact one is never queued.
   */
  update(id: number, patch: LeadPatch): Lead {
    const existing = this.row(id);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as LeadPatch;
    const next = { ...existing, ...defined };
    const changedAddress = new Set((['state', 'postalCode', 'country'] as const).filter((field) => field in defined));
    const address = normalizeAddress(next, changedAddress);
    const contact = normalizeContact(
      'phone' in defined ? (defined.phone ?? null) : { phone: existing.phone, phoneRaw: existing.phoneRaw, phoneExt: existing.phoneExt },
      'email' in defined ? (defined.email ?? null) : existing.email,
      address.fields.country,
      address.issues,
    );
    const now = this.now();
    const writer = this.writer(existing.companyId);
    const jobs = this.jobs;
    const optOuts = createEditCheck(this.db.$client);
    let otherCompanies = new Set<number>();
    this.db.$client.transaction(() => {
      const match = writer.findDuplicate(contact, id);
      if (match) throw this.duplicateConflict(match);
      const doNotContact = optOuts.mustStayDoNotContact({ leadId: id, companyId: existing.companyId, ...contact }, existing, next.doNotContact, now);
      // The person's own mark (asked for in this edit, or made before), not one the list's entry put.
      const ownDoNotContact = doNotContact && (existing.ownDoNotContact || defined.doNotContact === true);
      // Read again inside the write transaction: the worker may have moved the status since row(id).
      const status = jobs.afterEdit(this.row(id), doNotContact, now);
      this.db
        .update(leads)
        .set({
          ...defined,
          ...contact,
          // Only what the edit changed is rewritten in normal form; the rest stays as stored.
          ...Object.fromEntries([...changedAddress].map((field) => [field, address.fields[field]])),
          doNotContact,
          ownDoNotContact,
          status,
          updatedAt: now,
        })
        .where(eq(leads.id, id))
        .run();
      // Its opt-out holds for the customer's leads of every company (read after the write: the edit may have
      // changed the phone or email).
      if (doNotContact) otherCompanies = jobs.optOutEverywhere.spreadFromLead(id, now).companyIds;
    }).immediate();
    this.changed(existing.companyId);
    for (const companyId of otherCompanies) this.changed(companyId);
    return this.get(id);
  }

  /**
   * "Send to GoHighLevel" (a lead held back: imported with "Queue now" off) or "Resync" (sent before): its job
   * is queued whatever its batch holds back, on the company's schedule like any other. An edit does not do this
   * (a held-back lead's edit waits for its batch's Send); the panel's button used to send an empty edit, and
   * said "Queued to be sent." for a lead that stayed where it was.
   */
  send(id: number): Lead {
    const now = this.now();
    const jobs = this.jobs;
    const companyId = this.db.$client.transaction(() => {
      // Read inside the write transaction: an opt-out may have marked it since the panel was drawn.
      const lead = this.row(id);
      if (lead.doNotContact) {
        throw new AppError('conflict', 'This lead is marked do-not-contact, so it is not sent. Allow contact first if the customer asked to hear from you again.');
      }
      jobs.enqueue(lead.companyId, id, now);
      this.db.update(leads).set({ status: isResentRecordOnly(lead) ? 'synced' : 'queued', updatedAt: now }).where(eq(leads.id, id)).run();
      return lead.companyId;
    }).immediate();
    this.changed(companyId);
    return this.get(id);
  }

  setDoNotContact(id: number, doNotContact: boolean): Lead {
    const existing = this.row(id);
    // A lead the list marked (another company's lead opted out) and now marked by a person too: the customer told
    // this company STOP, and that mark is the lead's own (it keeps the number listed when the other is lifted).
    const isAlreadyAsAsked = existing.doNotContact === doNotContact && (!doNotContact || existing.ownDoNotContact);
    if (isAlreadyAsAsked) return this.get(id);
    return this.update(id, { doNotContact });
  }

  /**
   * Deletes locally (cascade removes its jobs). A contact already in GHL stays there: its id is returned. Not
   * while the lead's do-not-disturb is on its way to GHL (it opted out after it was sent), nor when that
   * failed: deleting the job would leave the contact there without DND, for a workflow to text, and nothing
   * here would say so any more.
   */
  remove(id: number): { removed: boolean; ghlContactId: string | null } {
    const existing = this.row(id);
    const dnd = this.jobs.dndNotInGhl({ leadId: id });
    if (dnd.pending > 0) {
      throw new AppError(
        'conflict',
        'This lead opted out after it was sent to GHL, and do-not-disturb is not turned on for its contact there yet (the sync does it as soon as GHL can be reached). ' +
          'Delete the lead once it has, so no GHL workflow can text the customer.',
      );
    }
    if (dnd.failed > 0) {
      throw new AppError(
        'conflict',
        `This lead opted out after it was sent to GHL, and turning on do-not-disturb for its contact there failed (${existing.lastError ?? 'see its history'}). ` +
          'Press Retry in its panel (or "Retry these" on the dashboard) and delete the lead once GHL has it, so no GHL workflow can text the customer.',
      );
    }
    this.db.delete(leads).where(eq(leads.id, id)).run();
    this.changed(existing.companyId);
    return { removed: true, ghlContactId: existing.ghlContactId };
  }

  private changed(companyId: number): void {
    this.events.emit('data:changed', { domain: 'leads', companyId });
  }
}
