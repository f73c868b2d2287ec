/**
 * Words of an opt-out inside free text an old CRM kept (a status, a tag, a column the mapping leaves out): "DNC",
 * "Do Not Call", "Do-Not-Text", "Opted Out", "Unsubscribed", "DND". One owner: the import reads them in a status or
 * a tag (row-validator.ts), and the mapping step warns of them in a column it does not import.
 */
import { FIELD_LABELS } from './import-mapping';

// Whole words, so "Stopped by" or "Optometrist" are not; a status that only names a lost sale ("Not Interested") or a
// customer not reached ("No Contact Made") is not an opt-out either.
const OPT_OUT_WORD = String.raw`dnc|dnd|do[\s_-]*not[\s_-]*(?:call|contact|text|txt|sms|message|disturb|solicit)|don['’]?t[\s_-]*(?:call|contact|text|txt|sms|message)|opted[\s_-]*out|opt[\s_-]*out|unsubscribed`;
const NO_TEXTS = String.raw`no[\s_-]*(?:texts?|txts?|sms|texting)`;
const OPT_OUT_WORDS = new RegExp(String.raw`(?:^|[^a-z])(?:${OPT_OUT_WORD})(?![a-z])`, 'i');
/** "No Texts", "No SMS" ending the text: "No Text Back" or "No SMS sent" is a follow-up's status, not an opt-out. */
const NO_TEXTS_AT_END = new RegExp(String.raw`(?:^|[^a-z])${NO_TEXTS}[\s.!]*$`, 'i');
/** A whole tag or status that is an opt-out by itself; inside a longer text "Stop sign repair" is not one ("Stopped" neither). */
const OPT_OUT_ALONE = /^(?:stop|unsubscribe|unsub|dnt|stop all)[.!]*$/i;
/** "DNC: No", "Do Not Call - Yes", "Opt-Out = False": a field's name and its value, read as a do-not-contact cell is. */
const NAME_AND_VALUE = /^(.+?)\s*(?::|=|\s[-–]\s)\s*(.+)$/;
/**
 * The few texts that carry an opt-out's words and say something else, each anchored to its own wording: a list checked
 * against the registry ("Not DNC", "DNC Scrubbed", "Removed from DNC"), an email's or newsletter's unsubscribe (no
 * text opt-out, as the consent columns have it), a permission to text ("Text Only - Do Not Call"), an opt-out of
 * something that is no contact ("Opted out of financing"), an hour ("Do not call before 10am"). Read as opt-outs, one
 * tag on every row kept a whole file out; read more broadly ("email" or "until" anywhere), "Do Not Text - Email Only"
 * and "Opted out after first text" were texted (reviews). Anything else with the words is an opt-out: the safe side.
 */
/** "Wrong number - corrected": a number since fixed is no number to keep out (the diff's review). */
const FIXED_WRONG_NUMBER = /\bwrong[\s_-]+(?:number|phone|#)\b.*\b(?:fixed|corrected|updated|resolved)\b/i;
const NOT_AN_OPT_OUT = [
  /^(?:not|no)[\s_-]+(?:on[\s_-]+)?(?:the[\s_-]+)?(?:dnc|dnd)\b/i,
  /\b(?:dnc|dnd)[\s_-]*(?:list[\s_-]*)?(?:scrub\w*|clear(?:ed)?|clean(?:ed)?|checked|verified|passed)[\s.!]*$/i,
  /\bremoved[\s_-]+from[\s_-]+(?:the[\s_-]+)?(?:dnc|dnd|do[\s_-]*not[\s_-]*call)\b/i,
  /^(?:e[\s_-]?mails?|newsletters?)[\s_-]+(?:unsubscribed|opt(?:ed)?[\s_-]*out)[\s.!]*$/i,
  /^unsubscribed[\s_-]+from[\s_-]+(?:the[\s_-]+)?(?:e[\s_-]?mails?|newsletters?)[\s.!]*$/i,
  /\btext(?:s|ing)?[\s_-]*only\b|\bok(?:ay)?[\s_-]*to[\s_-]*text\b/i,
  /\bopt(?:ed)?[\s_-]*out[\s_-]+of[\s_-]+(?:the[\s_-]+)?(?:financing|warranty|insurance|surveys?|mailers?|mailings?|e[\s_-]?mails?|newsletters?)\b/i,
  /\bdo[\s_-]*not[\s_-]*call[\s_-]+(?:before|after)[\s_-]+\d/i,
  FIXED_WRONG_NUMBER,
];

/**
 * The opt-out words someone typed beside a number in a phone cell ("DNC 512-555-3901", "512-555-3902 (DNC)", "…3905 do
 * not text"): read as a phone's letters, the cell was refused as a vanity number and the customer texted on her other
 * number (a review). Not "stop" ("Stop & Shop", "1-800-STOP-LEAK") nor "no calls" (a preference for texts), and not the
 * texts that carry the words and say something else ("text only - do not call", "not DNC", "do not call before 10am";
 * NOT_AN_OPT_OUT): those made a lead do-not-contact in the first cut (the diff's review).
 */
const OPT_OUT_BESIDE_A_NUMBER = new RegExp(String.raw`[(\[]?(?<![a-z])(?:${OPT_OUT_WORD}|${NO_TEXTS})(?![a-z])[)\]]?[\s.:!-]*`, 'gi');

/** A phone cell's text without the opt-out words in it, or null when it has none (or they say something else). */
export function withoutOptOutWords(text: string): string | null {
  const stripped = text.replace(OPT_OUT_BESIDE_A_NUMBER, ' ');
  if (stripped === text) return null;
  // The words beside the number, as a status would hold them ("not DNC" is one only from its start).
  const words = text.replace(/\+?\d[\d\s().-]{5,}\d/g, ' ').trim();
  if (NOT_AN_OPT_OUT.some((pattern) => pattern.test(text) || pattern.test(words))) return null;
  return stripped.trim();
}

/**
 * Other ways an old CRM notes that texting must stop (a review found each imported as sendable): a STOP reply logged
 * ("Texted STOP", "sms-stop", "STOP received"), a request ("Remove from list", "Cease and desist", "Never call again"), and
 * a number no text may reach: "Wrong Number" reaches a stranger, "Deceased" a grieving family.
 */
const STOP_PHRASES = [
  /(?:^|[^a-z])(?:texted|replied|reply|sent|sms|text)[\s_-]*stop(?![a-z])/i,
  /(?:^|[^a-z])stop[\s_-]+(?:received|requested|reply|replied|texting|texts?|sms|messages?)(?![a-z])/i,
  /(?:^|[^a-z])remove[ds]?[\s_-]+(?:(?:me|him|her|them)[\s_-]+)?from[\s_-]+(?:(?:the|your|our|all)[\s_-]+)?(?:list|texts?|sms|calls?|mailing[\s_-]+list)(?![a-z])/i,
  /(?:^|[^a-z])cease[\s_-]+(?:and|&)[\s_-]+desist(?![a-z])/i,
  /(?:^|[^a-z])never[\s_-]+(?:call|text|contact)(?![a-z])/i,
  /(?:^|[^a-z])wrong[\s_-]+(?:number|phone|#)(?![a-z])/i,
  /(?:^|[^a-z])deceased(?![a-z])/i,
];

const hasOptOutWords = (text: string): boolean => OPT_OUT_WORDS.test(text) || NO_TEXTS_AT_END.test(text) || STOP_PHRASES.some((phrase) => phrase.test(text));

/** Whether a text of an old CRM (a status, a tag, a cell) says the customer opted out. */
export function saysOptedOut(text: string): boolean {
  const trimmed = text.trim();
  if (OPT_OUT_ALONE.test(trimmed)) return true;
  // A wrong number since fixed ("Wrong number - corrected") names its fix as its value: no opt-out.
  if (FIXED_WRONG_NUMBER.test(trimmed)) return false;
  // A field's name with its value ("DNC Status: No"): the value says it, as in a do-not-contact column; one that says
  // neither yes nor no ("DNC: 2021-05-01") keeps the opt-out.
  const named = NAME_AND_VALUE.exec(trimmed);
  if (named && hasOptOutWords(named[1]!) && !hasOptOutWords(named[2]!)) return parseDoNotContact(named[2]!) ?? true;
  return hasOptOutWords(trimmed) && !NOT_AN_OPT_OUT.some((pattern) => pattern.test(trimmed));
}

const DNC_YES = new Set(['yes', 'y', 'true', 't', '1', 'x', 'on', 'dnc', 'do not call', 'do not contact', 'opt out', 'opted out', 'optout', 'unsubscribed', 'stop', 'checked', '✓', '✔']);
const DNC_NO = new Set(['no', 'n', 'false', 'f', '0', '-', 'off', 'ok', 'unchecked', 'none', 'n/a', 'na']);

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

/** "Email Status", "Newsletter": an email's subscription; not "Email/SMS Opt Out", which is a text's too. */
const isEmailOnlyHeader = (header: string) => /\b(?:e ?-?mail|newsletter)/i.test(header) && !/\b(?:sms|texts?|txt|phone|call)\b/i.test(header);

/** The status of the customer herself ("Contact Status", "Lead Stage"), not of her insurance claim, permit or payment. */
const CONTACT_STATUS_HEADER = /\b(?:contact|lead|customer|client|homeowner|account|crm|sms|text|texting|marketing|communication|subscriber|call)[\s_-]*(?:status|stage)\b/i;

/** Left out by the mapping without anyone's word on it (not ignored by name on purpose), and no email's subscription. */
const isLeftOutUnasked = (column: MappedColumn): boolean => column.field === 'ignore' && (column.confidence ?? 0) < 1 && !isEmailOnlyHeader(column.header);

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
    .filter((column) => isLeftOutUnasked(column) && !isStatusReadForOptOuts(column))
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

/**
 * A second status column the mapping leaves out ("Contact Status" beside "Job Status", which is the CRM status): its
 * opt-out words ("DNC", "Do Not Text") are read all the same, as the status's are (row-validator.ts). Left to a warning,
 * the customer was texted when nobody mapped it: `rlm import` exits 0, and `rlm sync` may run unattended (a review).
 */
export function isStatusReadForOptOuts(column: MappedColumn): boolean {
  return isLeftOutUnasked(column) && CONTACT_STATUS_HEADER.test(column.header);
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
