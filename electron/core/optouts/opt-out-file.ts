/**
 * Reads a list of opt-outs from a file (an old CRM's do-not-call export, a carrier's STOP report, a
 * spreadsheet): CSV or workbook, any phone format, with or without a header row, other columns (dates,
 * message text, names) ignored. The columns that hold phones or emails are found from the first rows.
 */
import { stat } from 'node:fs/promises';
import { ImportFileError } from '../../parsing/import-file-error';
import { withoutInstruction } from '../../parsing/reason-text';
import { readFileRows, sniffAnyFile } from '../../parsing/row-source';
import { AppError } from '../errors';
import { readOptOutValue, readOptOutValues, type OptOutKey } from './opt-out-values';

export interface OptOutFile {
  keys: OptOutKey[];
  /** Cells in the phone/email columns that are neither (each counted once). */
  invalid: number;
  /** The first few, "Row 7: "555-01" — Phone is too short", for the summary. */
  invalidExamples: string[];
}

const SAMPLE_ROWS = 200;
const EXAMPLES = 5;

export async function readOptOutFile(path: string): Promise<OptOutFile> {
  try {
    await stat(path);
  } catch {
    throw new AppError('bad-file', `The file ${path} cannot be read: check that it exists.`);
  }
  try {
    const sniffed = await sniffAnyFile(path);
    const reader = readFileRows(path, {
      encoding: sniffed.encoding,
      delimiter: sniffed.delimiter,
      // Every row is read as data: a header row is recognised below by holding no phone or email.
      hasHeader: false,
      ...(sniffed.sheet !== null ? { sheet: sniffed.sheet } : {}),
    });
    // Rows are read as they stream in (the event loop runs between the file's chunks); the first rows
    // decide which columns hold phones or emails.
    const collector = new OptOutCollector();
    let sample: Row[] | null = [];
    for await (const row of reader) {
      if (!row.cells.some((cell) => cell.trim() !== '')) continue;
      if (sample === null) {
        collector.take(row);
        continue;
      }
      sample.push({ rowNumber: row.rowNumber, cells: row.cells });
      if (sample.length >= SAMPLE_ROWS) {
        collector.chooseColumns(sample);
        sample = null;
      }
    }
    if (sample !== null) collector.chooseColumns(sample);
    return collector.result();
  } catch (error) {
    if (error instanceof ImportFileError) throw new AppError('bad-file', error.message, { kind: error.code });
    throw error;
  }
}

interface Row {
  rowNumber: number;
  cells: string[];
}

/** Counts a file's rows once its phone/email columns are known. */
class OptOutCollector {
  private columns: number[] | null = null;
  private isFirstRow = true;
  private readonly keys: OptOutKey[] = [];
  private readonly invalidExamples: string[] = [];
  private invalid = 0;

  chooseColumns(sample: Row[]): void {
    this.columns = contactColumns(sample);
    for (const row of sample) this.take(row);
  }

  take(row: Row): void {
    const cells = (this.columns ?? []).map((column) => row.cells[column]?.trim() ?? '').filter((cell) => cell !== '');
    const read = cells.flatMap((cell) => readOptOutValues(cell).map(({ text, read: result }) => ({ cell: text, result })));
    const isFirstRow = this.isFirstRow;
    this.isFirstRow = false;
    // A header row ("Phone", "Mobile number", "Email") holds words and no contact: not an invalid entry.
    if (isFirstRow && read.every(({ result }) => !result.ok) && cells.some((cell) => /[a-z]{3,}/i.test(cell) && !cell.includes('@'))) return;
    for (const { cell, result } of read) {
      if (result.ok) this.keys.push({ kind: result.kind, value: result.value });
      else if (!result.blank) {
        this.invalid++;
        if (this.invalidExamples.length < EXAMPLES) this.invalidExamples.push(`Row ${row.rowNumber}: "${cell.slice(0, 40)}" — ${withoutInstruction(result.reason)}`);
      }
    }
  }

  result(): OptOutFile {
    return { keys: this.keys, invalid: this.invalid, invalidExamples: this.invalidExamples };
  }
}

/** A header that names a phone or email column ("Phone", "Mobile #", "E-mail", "Cell number"). */
const CONTACT_HEADER = /phone|mobile|cell|\btel|number|e-?mail/i;

/**
 * The columns where at least half of the filled cells read as a phone or an email, and those whose header
 * names one (a STOP report with many bad numbers is still its phone column: its names were counted as
 * invalid numbers). None qualifies (a file of junk, no header): every column counts, so each junk cell is
 * reported as invalid rather than ignored.
 */
function contactColumns(sample: Row[]): number[] {
  const width = Math.max(0, ...sample.map((row) => row.cells.length));
  const chosen: number[] = [];
  const header = sample[0]?.cells ?? [];
  for (let column = 0; column < width; column++) {
    const title = header[column]?.trim() ?? '';
    if (title && !readOptOutValue(title).ok && CONTACT_HEADER.test(title)) {
      chosen.push(column);
      continue;
    }
    let filled = 0;
    let readable = 0;
    for (const row of sample) {
      const cell = row.cells[column]?.trim() ?? '';
      if (!cell) continue;
      filled++;
      if (readOptOutValues(cell).some(({ read }) => read.ok)) readable++;
    }
    if (filled > 0 && readable * 2 >= filled) chosen.push(column);
  }
  return chosen.length > 0 ? chosen : Array.from({ length: width }, (_, column) => column);
}
