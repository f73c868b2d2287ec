/**
 * Excel's text marker: a leading apostrophe that says "this is text, not a formula or a number".
 * Our own CSVs put one before "+1…", "=…" and the like (OWASP's CSV-injection advice) so that Excel
 * never runs a lead's note as a formula; whoever reads a cell back must drop it again, or our own
 * export cannot be imported. One rule, for every reader (CSV today, spreadsheets tomorrow) and the
 * writer, so that write → read gives back exactly the value written.
 */

/**
 * Starts like something a spreadsheet would run: = + - @, or a tab, CR, LF or NUL (OWASP's list,
 * plus ASVS 1.2.10's NUL); also = + - @ after leading spaces, which some spreadsheets skip.
 */
const FORMULA_START = /^(?:[\t\r\n\0]|\s*[=+\-@])/;

/**
 * An apostrophe counts as the marker only before what a spreadsheet would otherwise interpret: a
 * formula, a number, a phone, a ZIP or date ("'02134", "'(512) 555-0142") — or before further
 * marker apostrophes (how the writer protects a value that itself starts with one). Before a letter
 * it is text the office typed ("'Tis", "'Bubba'") and is kept.
 */
const TEXT_MARKER = /^'(?='*(?:[\t\r\n\0]|\s*[=+\-@\d(.]))/;

const APOSTROPHE = 39;
const EQUALS = 61;

/**
 * ="02134": the other way exports keep Excel from turning a ZIP, a phone or an id into a number (a formula
 * whose result is the text). Excel shows 02134; the importer read the formula and refused the phone.
 * Only a plain string: a formula with anything else in it stays as written.
 */
const TEXT_FORMULA = /^="([^"]*)"$/;

/** The cell as the spreadsheet showed it: one leading text-marker apostrophe removed, a ="text" formula read as its text. */
export function withoutTextMarker(cell: string): string {
  // The char checks first: nearly every cell is returned untouched without running a regex.
  const first = cell.charCodeAt(0);
  if (first === APOSTROPHE) return TEXT_MARKER.test(cell) ? cell.slice(1) : cell;
  if (first === EQUALS) return TEXT_FORMULA.exec(cell)?.[1] ?? cell;
  return cell;
}

/**
 * Whether the writer must put a marker before a value: it would run as a formula, or it starts with
 * an apostrophe the reader would drop (then the added one is dropped instead, and the value survives).
 * A RegExp because papaparse's `escapeFormulae` takes one.
 */
export const NEEDS_TEXT_MARKER = new RegExp(`${FORMULA_START.source}|${TEXT_MARKER.source}`);
