/**
 * The rest of the old record, sent after the contact exists and before it is enrolled (so a workflow
 * that starts on the campaign tag already finds the note and the old tags):
 *
 * - **one note per lead**, through create-once.ts (kind 'note', target IMPORT_NOTE_TARGET): intent
 *   committed before the POST, 'done' with the note's id as soon as GHL answers; a row still pending
 *   (answer lost, a kill, the done-write failed) is settled by listing the contact's notes and looking
 *   for the lead's marker line before anything is sent again. A lead already noted is never noted
 *   again: later edits of its notes stay in the app (the quieter choice; README, *Sync*). Nor is the
 *   customer added again after her lead was deleted, when the contact holds that lead's note in the same words.
 * - **the old CRM's tags**, one `POST /contacts/{id}/tags` for the lead (adds; never replaces the
 *   contact's tags), recorded as kind 'crm-tags' with the tags as target once GHL answered, so a
 *   resync sends them only when they changed.
 */
import { createOnce, SettlingError, type CreateKey, type CreateLedger } from './create-once';
import { classifyError } from './ghl-transport';
import { crmTagsFor } from './lead-payload';
import { IMPORT_NOTE_TARGET, isLeadNote, isSameNoteText, noteBodyFor } from './lead-note';
import type { ClaimedJob } from '../core/jobs/job-queue';
import type { SyncStore } from './sync-store';
import type { SyncTransport, TransportCallOptions } from './transport';

export type RecordStep = 'note' | 'tags';

/** ok: nothing (more) to send, or sent; otherwise the step that failed and its error, for the lane to handle. */
export type RecordOutcome = { isOk: true; requests: number } | { isOk: false; step: RecordStep; error: unknown };

export interface LeadRecordDeps {
  ledger: CreateLedger;
  store: Pick<SyncStore, 'noteFacts'>;
  now: () => number;
  /**
   * How long after its intent a note POST may still land in GHL: a slow GHL holds a request, and one sent by
   * a process killed meanwhile is done all the same. Before then, a note not listed yet is not "absent".
   */
  settleMs: number;
}

export const noteKey = (leadId: number): CreateKey => ({ leadId, kind: 'note', target: IMPORT_NOTE_TARGET });

/**
 * An answer that ends the request: whatever GHL did with it is done (a 500, a 503). Not a gateway's: a timeout (504,
 * Cloudflare's 524) gave up waiting, and a 502 is what Cloudflare answers when its connection to GHL broke, while
 * GHL may still be writing the note either way; a list of the notes right then missed it and a second was posted.
 */
const GATEWAY_ANSWERS: ReadonlySet<number> = new Set([502, 504, 524]);
const isFinalAnswer = (status: number | null): status is number => status !== null && !GATEWAY_ANSWERS.has(status);

export class LeadRecordSender {
  /**
   * Leads whose last note POST, sent by this process, got GHL's own answer (a 500; isFinalAnswer): no request of
   * ours is still on its way, so the notes GHL lists are the whole story and nothing needs to settle.
   */
  private readonly answered = new Set<number>();

  constructor(private readonly deps: LeadRecordDeps) {}

  /**
   * Sends what is not in GHL yet. `campaignTag` (tag mode) is left out of the old tags: it goes
   * only through the enrolment. Ledger writes may throw (a locked database): the lane's round recovers.
   */
  async send(job: ClaimedJob, contactId: string, transport: SyncTransport, campaignTag: string | null, call: TransportCallOptions): Promise<RecordOutcome> {
    let requests = 0;
    const note = await this.sendNote(job, contactId, transport, call);
    if (!note.isOk) return note;
    requests += note.requests;

    const tags = crmTagsFor(job.lead, campaignTag);
    if (tags.length === 0) return { isOk: true, requests };
    const key = { leadId: job.leadId, kind: 'crm-tags', target: tags.join('; '), contactId } as const;
    if (this.deps.ledger.find(key)?.state === 'done') return { isOk: true, requests };
    try {
      await transport.addTags(contactId, tags, { jobId: job.jobId, leadId: job.leadId }, call);
    } catch (error) {
      return { isOk: false, step: 'tags', error };
    }
    this.deps.ledger.recordDone(key, this.deps.now());
    return { isOk: true, requests: requests + 1 };
  }

  private async sendNote(job: ClaimedJob, contactId: string, transport: SyncTransport, call: TransportCallOptions): Promise<RecordOutcome> {
    const key = noteKey(job.leadId);
    const target = { jobId: job.jobId, leadId: job.leadId };
    let requests = 0;
    const row = this.deps.ledger.find(key);
    if (row?.state === 'done') return { isOk: true, requests };
    if (row) {
      // Sent before and GHL's answer never came (or was not written down): ask GHL before any resend.
      let notes: Awaited<ReturnType<SyncTransport['listNotes']>>;
      try {
        notes = await transport.listNotes(row.contactId, target);
        requests++;
      } catch (error) {
        // A contact GHL no longer has holds no note: the note goes to the contact the upsert returned.
        if (classifyError(error).kind !== 'permanent') return { isOk: false, step: 'note', error };
        notes = [];
      }
      const found = notes.find((n) => isLeadNote(n.body, job.leadId));
      if (found) {
        this.answered.delete(job.leadId);
        this.deps.ledger.markDone(key, this.deps.now(), found.id);
        return { isOk: true, requests };
      }
      // Not listed yet, but sent moments ago: it may still be on its way (held by GHL, or sent by a run that
      // was killed). Posting again now made two notes; ask again once it can no longer arrive.
      const settlesAt = row.sentAt + this.deps.settleMs;
      if (!this.answered.has(job.leadId) && this.deps.now() < settlesAt) return { isOk: false, step: 'note', error: new SettlingError('note', settlesAt) };
      this.answered.delete(job.leadId);
      this.deps.ledger.clear([key]);
    }

    const facts = this.deps.store.noteFacts(job.leadId);
    const body = facts ? noteBodyFor(job.leadId, facts) : null;
    if (body === null) return { isOk: true, requests };

    // The customer added again after her lead went (deleted, or lost in a restore): GHL's contact holds that lead's note,
    // and the same words are not noted a second time. Another record of hers (other notes) is noted, as a live lead's
    // would be, and so is one whose deleted lead's note never landed (a review: matched by contact alone, both were lost).
    const removedLeads = this.deps.ledger.removedLeadNotes(contactId, key.target);
    if (removedLeads.length > 0) {
      let notes: Awaited<ReturnType<SyncTransport['listNotes']>>;
      try {
        notes = await transport.listNotes(contactId, target);
        requests++;
      } catch (error) {
        if (classifyError(error).kind !== 'permanent') return { isOk: false, step: 'note', error };
        notes = [];
      }
      const same = notes.find((note) => removedLeads.some((leadId) => isLeadNote(note.body, leadId)) && isSameNoteText(note.body, body));
      if (same) {
        this.deps.ledger.recordDone({ ...key, contactId }, this.deps.now(), same.id);
        return { isOk: true, requests };
      }
    }
    const answer = await createOnce(
      this.deps.ledger,
      { ...key, contactId },
      (hooks) => transport.createNote(contactId, body, target, { ...call, ...hooks }),
      (error) => classifyError(error).isOutcomeUnknown,
      this.deps.now,
      () => transport.whenSendable(),
    );
    if (answer.status === 'unknown' && isFinalAnswer(classifyError(answer.error).status)) this.answered.add(job.leadId);
    if (answer.status !== 'created') return { isOk: false, step: 'note', error: answer.error };
    // Its own commit, at once: a later step's failure must not leave the note to be settled again.
    // Should this write fail, the row stays pending and the next attempt finds the note by its marker.
    this.deps.ledger.markDone(key, this.deps.now(), answer.value.noteId);
    return { isOk: true, requests: requests + 1 };
  }
}
