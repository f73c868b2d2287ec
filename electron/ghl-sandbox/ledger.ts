/**
 * Everything the simulator was asked to do, counted the way GHL would count it: a second enrolment of a
 * contact in a workflow is a second enrolment (GHL answers 200 and, with re-entry on, runs it again), a
 * second note of a lead (or with the same body) is a second note, every tag add and every contact write is one. The app
 * must do each of these at most once; tests read the repeats here (`stats()`, `duplicates()`).
 */

export interface SimWrite {
  contactId: string;
  kind: 'create' | 'update';
  /** The spec operationId that wrote (upsert-contact, create-contact). */
  via: string;
  /** The request body as received (timezone, companyName, address1, customFields … as the app sent them). */
  body: Record<string, unknown>;
  at: number;
}

export interface SimEnrolment {
  contactId: string;
  workflowId: string;
  at: number;
}

export interface SimTagAdd {
  contactId: string;
  /** The tags the call carried (lower-cased), whether or not the contact had them already. */
  tags: string[];
  /** The ones that were new on the contact (what fires a "Contact Tag" trigger). */
  added: string[];
  via: string;
  at: number;
}

export interface SimNote {
  id: string;
  contactId: string;
  body: string;
  userId?: string;
  title?: string;
  color?: string;
  pinned?: boolean;
  dateAdded: string;
}

export type SimDuplicate =
  | { kind: 'enrolment'; contactId: string; workflowId: string; count: number }
  | { kind: 'note'; contactId: string; body: string; count: number }
  | { kind: 'custom-field'; locationId: string; name: string; count: number }
  /** A write that turned a contact's do-not-disturb off (GHL-NOTES: never send `dnd: false`; it clears an opt-out). */
  | { kind: 'dnd-cleared'; contactId: string; count: number };

export interface SimStats {
  contactsCreated: number;
  contactsUpdated: number;
  contactsDeleted: number;
  enrolments: number;
  /** Enrolments beyond the first of each (contact, workflow). */
  repeatEnrolments: number;
  notes: number;
  /** Notes beyond the first of each (contact, body). */
  repeatNotes: number;
  tagAddCalls: number;
  /** Tag adds (per contact) that carried only tags the contact already had. */
  tagAddsWithNothingNew: number;
  /** Upserts that carried `tags` into an existing contact and so replaced its tags (what the app must never do). */
  tagReplacements: number;
  requests: number;
  faults: Record<string, number>;
}

const countBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, { first: T; count: number }> => {
  const out = new Map<string, { first: T; count: number }>();
  for (const item of items) {
    const k = key(item);
    const hit = out.get(k);
    if (hit) hit.count += 1;
    else out.set(k, { first: item, count: 1 });
  }
  return out;
};

/** Which lead's note this is on the contact: the app's last line names it (electron/sync/lead-note.ts). */
const LEAD_OF_NOTE = /\(lead #(\d+)\)\s*$/;
const noteKey = (note: { contactId: string; body: string }): string => {
  const lead = LEAD_OF_NOTE.exec(note.body)?.[1];
  return lead === undefined ? `${note.contactId}\u0000${note.body}` : `${note.contactId}\u0000lead ${lead}`;
};

/** A note's text as compared across leads: without the marker line, markup, case and spacing (as lead-note.ts reads it). */
const noteTextKey = (note: { contactId: string; body: string }): string =>
  `${note.contactId}\u0000${note.body
    .replace(/Imported by Roofing Lead Manager \(lead #\d+\)/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()}`;

export class Ledger {
  readonly writes: SimWrite[] = [];
  readonly enrolments: SimEnrolment[] = [];
  readonly tagAdds: SimTagAdd[] = [];
  readonly notes: SimNote[] = [];
  readonly deletions: Array<{ contactId: string; at: number }> = [];
  tagReplacements = 0;
  /** Writes that turned a contact's DND off, by contact (duplicates() reports them). */
  readonly dndClears: Array<{ contactId: string; via: string }> = [];

  enrolmentsOf(contactId: string): SimEnrolment[] {
    return this.enrolments.filter((e) => e.contactId === contactId);
  }

  notesOf(contactId: string): SimNote[] {
    return this.notes.filter((n) => n.contactId === contactId);
  }

  writesOf(contactId: string): SimWrite[] {
    return this.writes.filter((w) => w.contactId === contactId);
  }

  tagAddsOf(contactId: string): SimTagAdd[] {
    return this.tagAdds.filter((t) => t.contactId === contactId);
  }

  /**
   * Repeats of things that should happen once; custom fields come from the state (they are not per contact).
   * A note counts by the lead its last line names ("… (lead #12)", lead-note.ts), else by its text: a second
   * note of one lead is a repeat even when the lead's notes changed between the two.
   */
  duplicates(customFields: ReadonlyArray<{ locationId: string; name: string; model: string }> = []): SimDuplicate[] {
    const out: SimDuplicate[] = [];
    for (const { first, count } of countBy(this.enrolments, (e) => `${e.contactId}\u0000${e.workflowId}`).values()) {
      if (count > 1) out.push({ kind: 'enrolment', contactId: first.contactId, workflowId: first.workflowId, count });
    }
    for (const { first, count } of countBy(this.notes, noteKey).values()) {
      if (count > 1) out.push({ kind: 'note', contactId: first.contactId, body: first.body, count });
    }
    // The same text on one contact under two leads' names (a customer added again after her lead was deleted: the app
    // compares texts, lead-note.ts isSameNoteText) is a repeat too; only spacing and the marker line may differ (a probe:
    // four such notes on one contact were no repeat).
    const reported = new Set(out.flatMap((d) => (d.kind === 'note' ? [d.contactId] : [])));
    for (const { first, count } of countBy(this.notes, noteTextKey).values()) {
      if (count > 1 && !reported.has(first.contactId) && countBy(this.notesOf(first.contactId), noteKey).size > 1) {
        out.push({ kind: 'note', contactId: first.contactId, body: first.body, count });
      }
    }
    for (const { first, count } of countBy(this.dndClears, (c) => c.contactId).values()) out.push({ kind: 'dnd-cleared', contactId: first.contactId, count });
    const fieldKey = (f: { locationId: string; name: string; model: string }) => `${f.locationId}\u0000${f.model}\u0000${f.name.trim().toLowerCase()}`;
    for (const { first, count } of countBy(customFields, fieldKey).values()) {
      if (count > 1) out.push({ kind: 'custom-field', locationId: first.locationId, name: first.name, count });
    }
    return out;
  }

  stats(requests: ReadonlyArray<{ fault: string | null }>): SimStats {
    const distinctEnrolments = countBy(this.enrolments, (e) => `${e.contactId}\u0000${e.workflowId}`).size;
    const distinctNotes = countBy(this.notes, noteKey).size;
    const faults: Record<string, number> = {};
    for (const r of requests) if (r.fault) faults[r.fault] = (faults[r.fault] ?? 0) + 1;
    return {
      contactsCreated: this.writes.filter((w) => w.kind === 'create').length,
      contactsUpdated: this.writes.filter((w) => w.kind === 'update').length,
      contactsDeleted: this.deletions.length,
      enrolments: this.enrolments.length,
      repeatEnrolments: this.enrolments.length - distinctEnrolments,
      notes: this.notes.length,
      repeatNotes: this.notes.length - distinctNotes,
      tagAddCalls: this.tagAdds.length,
      tagAddsWithNothingNew: this.tagAdds.filter((t) => t.added.length === 0).length,
      tagReplacements: this.tagReplacements,
      requests: requests.length,
      faults,
    };
  }
}
