/**
 * Text after a closing quote ("Smith, John" Jr) — a hand-edited export's commonest quote slip. papaparse
 * then reads on to the next quote, across line ends, so the next row vanishes into this cell (or, with no
 * later quote, everything to the end of the file does). Excel and Python's csv read such a cell as its
 * quoted text followed by the rest up to the separator: "Smith, John Jr". This rewrites the text so that
 * papaparse reads it so — the quote moves to the end of the cell, a quote in the moved text is doubled —
 * and marks each such cell (STRAY_QUOTE_MARK at the tail's start) for the row to say what was read.
 *
 * Run only on text in which papaparse found a misplaced quote (csv-chunk-parser.ts); idempotent, so the
 * carried-over end of a chunk can be rewritten again with the next one.
 */

/** A private-use character, never in a cell after the reader's own pass: the row's "quote misplaced" flag. */
export const STRAY_QUOTE_MARK = '\uE000';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The text with every closing quote followed by more text moved to the end of its cell; null when there is none. */
export function repairStrayQuotes(text: string, delimiter: string): string | null {
  const out: string[] = [];
  let copiedUpTo = 0;
  let isFieldStart = true;
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (isQuoted) {
      if (char !== QUOTE) continue;
      if (text.charCodeAt(i + 1) === QUOTE) {
        i++; // an escaped quote
        continue;
      }
      isQuoted = false;
      const next = i + 1;
      // A closing quote where a cell may end (or at the end of the text so far: more may come).
      if (next >= text.length || text.startsWith(delimiter, next) || text.charCodeAt(next) === LF || text.charCodeAt(next) === CR) {
        isFieldStart = false;
        continue;
      }
      // Text after it: drop this quote, keep the rest of the cell inside the quotes, close them at its end.
      out.push(text.slice(copiedUpTo, i), STRAY_QUOTE_MARK);
      let end = next;
      while (end < text.length && !text.startsWith(delimiter, end) && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
      out.push(text.slice(next, end).replaceAll('"', '""'), '"');
      copiedUpTo = end;
      i = end - 1;
      isFieldStart = false;
      continue;
    }
    if (char === QUOTE && isFieldStart) {
      isQuoted = true;
      continue;
    }
    isFieldStart = text.startsWith(delimiter, i) || char === LF || char === CR;
    if (isFieldStart && delimiter.length > 1) i += delimiter.length - 1;
  }
  if (copiedUpTo === 0) return null;
  out.push(text.slice(copiedUpTo));
  return out.join('');
}
