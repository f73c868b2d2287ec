/**
 * Words of an opt-out inside free text an old CRM kept (a status, a tag, a column the mapping leaves out): "DNC",
 * "Do Not Call", "Do-Not-Text", "Opted Out", "Unsubscribed", "DND". One owner: the import reads them in a status or
 * a tag (row-validator.ts), and the mapping step warns of them in a column it does not import.
 */
import { FIELD_LABELS } from './import-mapping';

// Whole words, so "Stopped by" or "Optometrist" are not; a status that only names a lost sale ("Not Interested") or a
// customer not reached ("No Contact Made") is not an opt-out either.
const OPT_OUT_WORDS =
  /(?:^|[^a-z])(?:dnc|dnd|do[\s_-]*not[\s_-]*(?:call|contact|text|txt|sms|message|disturb|solicit)|don['’]?t[\s_-]*(?:call|contact|text|txt|sms|message)|no[\s_-]*(?:texts?|txts?|sms|texting)|opted[\s_-]*out|opt[\s_-]*out|unsubscribed)(?![a-z])/i;
/** A whole tag or status that is an opt-out by itself; inside a longer text "Stop sign repair" is not one. */
const OPT_OUT_ALONE = /^(?:stop|stopped|unsubscribe|unsub|dnt|stop all)[.!]*$/i;
/**
 * Words that turn an opt-out's words into something else: a list that was checked against the DNC registry ("DNC
 * Scrubbed", "DNC Clear", "Not DNC", "DNC: No"), an email's or newsletter's unsubscribe (no text opt-out, as the consent
 * columns have it), a permission to text ("Text Only - Do Not Call"), an opt-out of something else ("Opted out of
 * financing"), a time ("Do not call before 10am"). Read as opt-outs, one tag on every row kept a whole file out.
 */
const NOT_AN_OPT_OUT =
  /(?:^|[^a-z])(?:scrub\w*|clear(?:ed)?|clean(?:ed)?|check(?:ed)?|removed|verified|not[\s_-]+(?:on[\s_-]+)?(?:dnc|dnd)|no[\s_-]+dnc|e[\s_-]?mails?|newsletters?|text(?:s|ing)?[\s_-]*(?:only|ok)|ok[\s_-]*to[\s_-]*text|before|after|until)(?![a-z])|(?:dnc|dnd)\s*[:=]?\s*(?:no|n|false|0)\s*$|opt(?:ed)?[\s_-]*out[\s_-]+of[\s_-]+(?!(?:texts?|sms|messag\w*|calls?|contact\w*|marketing|all)\b)/i;

/** Whether a text of an old CRM (a status, a tag, a cell) says the customer opted out. */
export function saysOptedOut(text: string): boolean {
  const trimmed = text.trim();
  if (OPT_OUT_ALONE.test(trimmed)) return true;
  return OPT_OUT_WORDS.test(trimmed) && !NOT_AN_OPT_OUT.test(trimmed);
}

const DNC_YES = new Set(['yes', 'y', 'true', 't', '1', 'x', 'dnc', 'do not call', 'do not contact', 'opt out', 'opted out', 'optout', 'unsubscribed', 'stop', 'checked', '✓', '✔']);
const DNC_NO = new Set(['no', 'n', 'false', 'f', '0', '-', 'ok', 'unchecked', 'none', 'n/a', 'na']);

/** A do-not-contact column's cell: true/false for a recognised value, null when the cell says something else. */
export function parseDoNotContact(raw: string): boolean | null {
  const value = raw.trim().toLowerCase().replace(/[.!]+$/, '');
  if (value.length === 0) return false;
  if (DNC_YES.has(value)) return true;
  if (DNC_NO.has(value)) return false;
  return null;
}

export interface IgnoredOptOutColumn {
  header: string;
  /** One of its cells that says so, as written. */
  example: string;
  /** Of the rows read, how many say so. */
  rows: number;
  /** The rows read: the first rows of the file (the mapping step), or all of them (the review). */
  sampled: number;
  /** `sampled` is every row of the file (the review's whole-file check), not its first rows. */
  isWholeFile: boolean;
  /** A cell that says something else ("VIP"), null when none does: mapped to Do not contact, it would keep that lead out too. */
  other: string | null;
}

type MappedColumn = { index: number; header: string; field: string; confidence?: number };

/**
 * Columns the mapping leaves out ("Ignore") whose cells say the customer opted out ("Flags": "DNC"): an office that
 * did not look would text them. Not the columns ignored by their name on purpose (confidence 1: the app's own export's
 * "GHL Status", an old CRM's record ids), which an export imported again would name each time; nor an email's
 * subscription ("Email Status": "Unsubscribed"), no text opt-out: mapped as told, its "Subscribed" too would have kept
 * every lead out (a review). Rows are added one by one (the review reads the whole file: opt-outs are rare, and 20 first
 * rows missed most of them); an empty cell costs nothing.
 */
export function ignoredOptOutCounter(columns: readonly MappedColumn[]): { add(cells: readonly string[]): void; result(isWholeFile: boolean): IgnoredOptOutColumn[] } {
  const watched = columns
    .filter((column) => column.field === 'ignore' && (column.confidence ?? 0) < 1 && !/\b(?:e ?-?mail|newsletter)/i.test(column.header))
    .map((column): { column: MappedColumn; rows: number; example: string | null; other: string | null } => ({ column, rows: 0, example: null, other: null }));
  let read = 0;
  return {
    add(cells) {
      read++;
      for (const seen of watched) {
        const cell = cells[seen.column.index];
        if (cell === undefined || cell.length === 0) continue;
        if (saysOptedOut(cell)) {
          seen.rows++;
          seen.example ??= cell.trim();
        } else if (seen.other === null && parseDoNotContact(cell) !== false) seen.other = cell.trim();
      }
    },
    result: (isWholeFile) =>
      watched.flatMap(({ column, rows, example, other }) =>
        example === null ? [] : [{ header: column.header || `Column ${column.index + 1}`, example, rows, sampled: read, isWholeFile, other }],
      ),
  };
}

/** The same, of the file's first rows (the mapping step, `rlm import`). */
export function optOutsInIgnoredColumns(columns: readonly MappedColumn[], sampleRows: ReadonlyArray<readonly string[]>): IgnoredOptOutColumn[] {
  const counter = ignoredOptOutCounter(columns);
  for (const row of sampleRows) counter.add(row);
  return counter.result(false);
}

/** One sentence for such a column, for the wizard and `rlm import`. */
export function ignoredOptOutText(
  { header, example, rows, sampled, isWholeFile, other }: IgnoredOptOutColumn,
  mapTo = `map it to “${FIELD_LABELS.doNotContact}”`,
): string {
  const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
  const where = isWholeFile ? `${rows.toLocaleString('en-US')} of its ${sampled.toLocaleString('en-US')} rows` : `${rows} of the first ${sampled} rows`;
  // Mapped so, any value that is not a plain "no" keeps its lead out too (the import reads an unknown value as an opt-out).
  const otherValues = other === null ? '' : ` Its other values, such as “${shown(other)}”, then keep their leads out too (the review lists them).`;
  return `“${header}” is not imported, but it says “${shown(example)}” in ${where}: if it marks customers who asked not to be texted, ${mapTo}, or they will be texted.${otherValues}`;
}
