/**
 * The one GHL note a lead gets: what the person answering the replies needs from the old record —
 * the lead's notes (the description, extra phones and emails with their labels, already written
 * there by the import), its phone's extension, the old CRM's status, job type, last service date and original
 * date — in one readable body.
 * A lead with none of these gets no note.
 */

/** The lead's record as the note needs it, read just before the note is sent (so it is the latest). */
export interface NoteFacts {
  notes: string | null;
  crmStatus: string | null;
  jobType: string | null;
  /** ISO date (YYYY-MM-DD), as the import stores it. */
  originalDate: string | null;
  /** The last job on the roof (ISO date, as stored): what a reactivation text is about; no GHL contact field holds it. */
  lastServiceDate?: string | null;
  /** The extension of the number GHL texts ("204"): a GHL contact has no field for it. */
  phoneExt?: string | null;
}

/** The ghl_creates target of the lead's one note: a lead is noted once, whatever edits follow. */
export const IMPORT_NOTE_TARGET = 'import-note';

/**
 * The note's last line. It names the lead, so a note whose answer was lost is recognised among the
 * contact's notes even if the body was edited since or GHL reformatted it (a plain-text body is
 * not guaranteed to come back byte for byte).
 */
export function noteMarker(leadId: number): string {
  return `Imported by Roofing Lead Manager (lead #${leadId})`;
}

/** Whether a note GHL lists is this lead's note. */
export function isLeadNote(body: string | null | undefined, leadId: number): boolean {
  return typeof body === 'string' && body.includes(noteMarker(leadId));
}

/**
 * Whether two notes say the same, whichever leads they name: the customer added again after her lead was deleted would
 * get the same note a second time. Read loosely (GHL may send a plain-text body back reformatted): without the marker
 * lines, markup, case and spacing.
 */
export function isSameNoteText(a: string | null | undefined, b: string | null | undefined): boolean {
  const text = (body: string) =>
    body
      .replace(/Imported by Roofing Lead Manager \(lead #\d+\)/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
  return typeof a === 'string' && typeof b === 'string' && text(a) === text(b);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2019-03-14" → "March 14, 2019" (readable in a US office; no time zone involved); anything else as stored. */
function readableDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${Number(match[3])}, ${match[1]}` : iso;
}

/** The note's body, or null when the lead has nothing worth a note. */
export function noteBodyFor(leadId: number, facts: NoteFacts): string | null {
  const notes = facts.notes?.trim() ?? '';
  const record: string[] = [];
  // The contact's phone in GHL is the number alone: the extension was read, stored, and then lost on the way.
  if (facts.phoneExt?.trim()) record.push(`Phone extension: ${facts.phoneExt.trim()}`);
  if (facts.crmStatus?.trim()) record.push(`Old CRM status: ${facts.crmStatus.trim()}`);
  if (facts.jobType?.trim()) record.push(`Job type: ${facts.jobType.trim()}`);
  if (facts.lastServiceDate?.trim()) record.push(`Last service: ${readableDate(facts.lastServiceDate.trim())}`);
  if (facts.originalDate?.trim()) record.push(`Lead since: ${readableDate(facts.originalDate.trim())}`);
  if (notes.length === 0 && record.length === 0) return null;
  const parts = [notes, record.join('\n'), noteMarker(leadId)].filter((part) => part.length > 0);
  return parts.join('\n\n');
}
