/**
 * Telling a workbook from a CSV file by its first bytes, without loading the workbook parser
 * (SheetJS is ~1 MB of JavaScript: the CLI and the main process load it only to read a workbook).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';

export const WORKBOOK_EXTENSIONS: ReadonlySet<string> = new Set(['.xlsx', '.xlsm', '.xlsb', '.xls', '.ods']);

/**
 * A workbook by its content: a zip (xlsx, ods) or an OLE file (xls) — whatever the name says — or
 * a workbook extension on an HTML/XML export. A CSV saved as ".xls" (some CRMs do) stays a CSV.
 */
export function isWorkbookFile(path: string): boolean {
  const head = Buffer.alloc(8);
  let length = 0;
  const fd = openSync(path, 'r');
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const bytes = head.subarray(0, length);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const isOle = bytes.toString('hex') === 'd0cf11e0a1b11ae1';
  if (isZip || isOle) return true;
  if (!WORKBOOK_EXTENSIONS.has(extname(path).toLowerCase())) return false;
  return /^(?:\ufeff)?\s*</.test(bytes.toString('utf8'));
}
