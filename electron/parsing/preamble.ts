/**
 * Lines above a file's header that are neither header nor data, which old CRMs and spreadsheets write:
 * Excel's "sep=;" line (it tells Excel the separator) and a report's title lines ("Customer Export – Summit
 * Roofing", "Exported 3/1/2024") above the row of field names. Read as the header, they dropped every column
 * name and turned the real header into a rejected row. The sniff and the readers (CSV and workbook) ask this
 * same question of the same first non-blank rows, so the preview and the import agree on the header.
 */
import { isKnownHeader } from './mapping';

/** At most this many title lines are looked past. */
const MAX_TITLE_ROWS = 5;
/** Non-blank rows a reader looks at before it decides: a "sep=" line, the titles and the header. */
export const PREAMBLE_SAMPLE_ROWS = MAX_TITLE_ROWS + 2;

/** Excel's separator hint, as the line reads whichever separator split it ("sep=;" read with commas or semicolons). */
export function isSeparatorHint(row: readonly string[]): boolean {
  return /^sep=.?$/i.test(row.map((cell) => cell.trim()).join(''));
}

const filledCells = (row: readonly string[]) => row.filter((cell) => cell.trim() !== '').length;
const namesFields = (row: readonly string[]) => row.filter((cell) => isKnownHeader(cell.trim())).length >= 3;

/**
 * How many of a file's first non-blank `rows` come before its header: a "sep=" line, then title lines (at
 * most two filled cells each) when a row naming at least three known fields follows them. With `hasHeader`
 * false only the "sep=" line: without a header there is no title to look past.
 */
export function rowsAboveHeader(rows: readonly (readonly string[])[], hasHeader = true): number {
  const hint = rows[0] && isSeparatorHint(rows[0]) ? 1 : 0;
  if (!hasHeader) return hint;
  let index = hint;
  while (index < rows.length && index < hint + MAX_TITLE_ROWS && filledCells(rows[index] ?? []) <= 2) index++;
  return index > hint && index < rows.length && namesFields(rows[index] ?? []) ? index : hint;
}

/** The separator a "sep=X" first line names, if any (a byte-order mark before it is allowed). */
export function separatorHintOf(text: string): string | null {
  const match = /^\ufeff?sep=(.)\r?\n/i.exec(text);
  return match?.[1] ?? null;
}
