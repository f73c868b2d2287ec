/**
 * First look at an import file: encoding, delimiter, header row and a preview, from the first
 * few hundred KiB only. Every guess can be overridden by the caller (the preview screen lets the
 * user correct them) and is then taken as is.
 */
import { open } from 'node:fs/promises';
import { CsvChunkParser, DEFAULT_MAX_RECORD_CHARS, RecordTooLargeError, type ParsedRecord } from './csv-chunk-parser';
import { BINARY_FILE_MESSAGE, createStreamingDecoder, detectEncoding, looksBinary, nulBytesIn, type TextEncodingName } from './encoding';
import { ImportFileError } from './import-file-error';
import { isKnownHeader } from './mapping';
import { PREAMBLE_SAMPLE_ROWS, rowsAboveHeader, separatorHintOf } from './preamble';
import { looksLikeEmail, looksLikePhone, looksNumeric } from './value-shapes';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface SniffOptions {
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  hasHeader?: boolean;
  /** How much of the file to look at. */
  sampleBytes?: number;
}

export interface SniffResult {
  encoding: TextEncodingName;
  delimiter: Delimiter;
  hasHeader: boolean;
  /** Header cells, or "Column 1", "Column 2"… when the file has no header row. */
  headers: string[];
  /** Up to 20 data rows (header excluded), blank rows skipped. */
  previewRows: string[][];
  /** Each preview row's number as the import's review and rejected rows say it (Excel's: blank and title lines count). */
  previewRowNumbers: number[];
  warnings: string[];
}

const PREVIEW_ROWS = 20;
const DELIMITER_PROBE_ROWS = 50;
const SAMPLE_PIECE_CHARS = 16_384;
const DEFAULT_SAMPLE_BYTES = 256 * 1024;

/**
 * How far the look goes when the sample holds no whole data row: a first row with a long note (an old CRM's
 * call log in one cell) was read as "a header row but no data rows", and the file could not be imported.
 */
const MAX_SAMPLE_BYTES = 4 * DEFAULT_MAX_RECORD_CHARS;

export async function sniffFile(path: string, options: SniffOptions = {}): Promise<SniffResult> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    let want = Math.min(size, options.sampleBytes ?? DEFAULT_SAMPLE_BYTES);
    for (;;) {
      const sample = new Uint8Array(want);
      let filled = 0;
      while (filled < want) {
        const { bytesRead } = await handle.read(sample, filled, want - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      const isWholeFile = filled >= size;
      const result = sniffSample(sample.subarray(0, filled), options, isWholeFile);
      if (result.previewRows.length > 0 || isWholeFile || filled < want) return result;
      if (want >= MAX_SAMPLE_BYTES) {
        throw new ImportFileError(
          'record-too-large',
          `No data row in the first ${MAX_SAMPLE_BYTES / 1_048_576} MB of the file: a quote (") opened in a cell and never closed makes one cell of the rest, or those rows are all blank.`,
        );
      }
      want = Math.min(size, want * 4, MAX_SAMPLE_BYTES);
    }
  } finally {
    await handle.close();
  }
}

function sniffSample(sample: Uint8Array, options: SniffOptions, isWholeFile: boolean): SniffResult {
  try {
    return sniffBytes(sample, options, isWholeFile);
  } catch (error) {
    throw error instanceof RecordTooLargeError ? new ImportFileError('record-too-large', `Row 1: ${error.message}`) : error;
  }
}

/** Sniffs a byte sample; `isWholeFile` says whether the last record may be cut off. */
export function sniffBytes(sample: Uint8Array, options: SniffOptions = {}, isWholeFile = true): SniffResult {
  if (sample.length === 0) throw new ImportFileError('empty-file', 'The file is empty (0 bytes).');
  const warnings: string[] = [];
  const detected = detectEncoding(sample);
  const encoding = options.encoding ?? detected.encoding;
  if (!options.encoding) warnings.push(...detected.warnings);
  if (looksBinary(sample, encoding)) throw new ImportFileError('binary-file', BINARY_FILE_MESSAGE);
  if (nulBytesIn(sample, encoding) > 0) warnings.push('The file has NUL bytes (some exports pad their cells with them): they are left out of every value.');

  const decoder = createStreamingDecoder(encoding);
  const text = decoder.decode(sample) + (isWholeFile ? decoder.end() : '');
  if (text.trim().length === 0) throw new ImportFileError('empty-file', 'The file contains no rows, only blank lines.');

  const delimiter = options.delimiter ?? guessDelimiter(text, isWholeFile, warnings);
  const { rows: sampled, numbers } = parseSample(text, delimiter, isWholeFile, PREVIEW_ROWS + PREAMBLE_SAMPLE_ROWS);
  // A "sep=" line and a report's title lines above the header are skipped, by the readers too (preamble.ts).
  const aboveHeader = rowsAboveHeader(sampled);
  const hasHeader = options.hasHeader ?? looksLikeHeaderRow(sampled[aboveHeader] ?? [], sampled.slice(aboveHeader + 1));
  const firstRecord = hasHeader ? aboveHeader : rowsAboveHeader(sampled, false);
  const records = sampled.slice(firstRecord);
  const first = records[0] ?? [];
  const dataRows = hasHeader ? records.slice(1) : records;
  const dataRowNumbers = numbers.slice(firstRecord + (hasHeader ? 1 : 0));
  const width = Math.max(first.length, ...dataRows.map((row) => row.length));
  const headers = hasHeader
    ? first.map((cell, index) => cell.trim() || `Column ${index + 1}`)
    : Array.from({ length: width }, (_, index) => `Column ${index + 1}`);

  if (hasHeader && dataRows.length === 0) warnings.push('The file has a header row but no data rows.');
  warnDuplicateHeaders(hasHeader ? headers : [], warnings);
  // Named by their row numbers, as the preview and the review show them.
  const ragged = dataRows.flatMap((row, index) => (row.length !== headers.length ? [dataRowNumbers[index]!] : []));
  if (ragged.length > 0) {
    warnings.push(
      `In the preview, row${ragged.length > 1 ? 's' : ''} ${ragged.slice(0, 5).join(', ')}${ragged.length > 5 ? '…' : ''} ` +
        `${ragged.length > 1 ? 'have' : 'has'} a different number of cells than the ${headers.length} columns.`,
    );
  }
  return { encoding, delimiter, hasHeader, headers, previewRows: dataRows.slice(0, PREVIEW_ROWS), previewRowNumbers: dataRowNumbers.slice(0, PREVIEW_ROWS), warnings };
}

/**
 * The first `maxRows` non-blank records of the sample. Fed to the parser piece by piece and stopped
 * once they are there: a preview needs 21 rows and a delimiter probe 50, while the sample is 256 KB
 * (parsing all of it, once per delimiter tried, was most of the CLI's time before its import began).
 */
/** The first non-blank records, each with its record number as the reader counts them (csv-reader.ts: blank lines count). */
function parseSample(text: string, delimiter: string, isWholeFile: boolean, maxRows: number): { rows: string[][]; numbers: number[] } {
  const parser = new CsvChunkParser(delimiter);
  const rows: string[][] = [];
  const numbers: number[] = [];
  let record = 0;
  const keep = (records: readonly ParsedRecord[]): boolean => {
    for (const parsed of records) {
      record++;
      if (parsed.cells.every((cell) => cell.trim() === '')) continue;
      rows.push(parsed.cells);
      numbers.push(record);
      if (rows.length >= maxRows) return true;
    }
    return false;
  };
  for (let at = 0; at < text.length; at += SAMPLE_PIECE_CHARS) {
    if (keep(parser.push(text.slice(at, at + SAMPLE_PIECE_CHARS)))) return { rows, numbers };
  }
  if (isWholeFile) keep(parser.end());
  return { rows, numbers };
}

/**
 * The right delimiter splits every line into the same number of fields (quotes respected);
 * the others give ragged counts or a single field. Ties go to more columns, then to list order.
 */
export function guessDelimiter(text: string, isWholeFile: boolean, warnings: string[] = []): Delimiter {
  // Excel's "sep=;" first line says it outright.
  const hinted = separatorHintOf(text);
  const named = DELIMITERS.find((delimiter) => delimiter === hinted);
  if (named) return named;
  const probe = text.length > 65536 ? text.slice(0, 65536) : text;
  const probeIsWhole = isWholeFile && probe.length === text.length;
  let best: { delimiter: Delimiter; share: number; fields: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const { rows } = parseSample(probe, delimiter, probeIsWhole, DELIMITER_PROBE_ROWS);
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    let modeFields = 0;
    let modeRows = 0;
    for (const [fields, rowCount] of counts) {
      if (rowCount > modeRows || (rowCount === modeRows && fields > modeFields)) {
        modeFields = fields;
        modeRows = rowCount;
      }
    }
    if (modeFields < 2 || rows.length === 0) continue;
    const share = modeRows / rows.length;
    if (!best || share > best.share + 1e-9 || (Math.abs(share - best.share) < 1e-9 && modeFields > best.fields)) {
      best = { delimiter, share, fields: modeFields };
    }
  }
  if (!best) {
    warnings.push('Only one column was found: the file may use an unusual separator. Assumed comma.');
    return ',';
  }
  if (best.share < 0.8) warnings.push(`The separator looks like "${describe(best.delimiter)}", but many rows have a different number of cells.`);
  return best.delimiter;
}

function describe(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'tab' : delimiter;
}

/**
 * A header row is made of labels: no phone numbers, emails or numbers, and usually known names.
 * Without known names, it still counts as a header when a column below it holds phones, emails
 * or numbers while its first cell does not.
 */
export function looksLikeHeaderRow(first: readonly string[], below: readonly (readonly string[])[]): boolean {
  const cells = first.map((cell) => cell.trim());
  if (cells.some((cell) => looksLikeEmail(cell) || looksLikePhone(cell))) return false;
  // A number is a data cell, unless the row is mostly names of fields: a sheet with year columns
  // ("Name,Cell,Email,City,Do Not Call,2019,2020") lost its whole header as a data row.
  const known = cells.filter(isKnownHeader).length;
  const numeric = cells.filter(looksNumeric).length;
  if (known >= 3 && known > numeric) return true;
  if (numeric > 0) return false;
  if (known > 0) return true;
  for (let index = 0; index < cells.length; index++) {
    // A blank cell above phones says nothing: a header would name the column. "John,Smith,,,Austin" above rows with
    // phones in the third column was read as the header, and John was lost without a count.
    if (cells[index] === '') continue;
    const values = below.map((row) => (row[index] ?? '').trim()).filter((value) => value.length > 0);
    if (values.length === 0) continue;
    const typed = values.filter((value) => looksLikeEmail(value) || looksLikePhone(value) || looksNumeric(value)).length;
    if (typed / values.length >= 0.6) return true;
  }
  return false;
}

export function warnDuplicateHeaders(headers: readonly string[], warnings: string[]): void {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const header of headers) {
    const key = header.toLowerCase();
    if (seen.has(key)) duplicates.add(header);
    seen.add(key);
  }
  for (const header of duplicates) warnings.push(`Several columns are named "${header}"; they are kept apart by position.`);
}
