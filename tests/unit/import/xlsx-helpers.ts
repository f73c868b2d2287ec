/** Writes real workbooks with the parser's own writer (SheetJS), for the workbook tests. */
import { utils, write, type CellObject, type WorkSheet } from '@e965/xlsx';
import { writeFileSync } from 'node:fs';

export type SheetCells = (string | number | boolean | CellObject | null)[][];

/** Cells: a string/number/boolean as typed, or a CellObject for a number with a format ({t:'n', v, z}). */
export function sheetOf(rows: SheetCells): WorkSheet {
  const sheet = utils.aoa_to_sheet(rows.map((row) => row.map((cell) => (cell !== null && typeof cell === 'object' ? cell.v : cell))));
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell !== null && typeof cell === 'object' && cell.z !== undefined) {
        const target = sheet[utils.encode_cell({ r, c })] as CellObject | undefined;
        if (target) target.z = cell.z;
      }
    }),
  );
  return sheet;
}

export function writeWorkbook(path: string, sheets: Record<string, SheetCells>, bookType: 'xlsx' | 'xls' | 'ods' = 'xlsx'): string {
  const book = utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) utils.book_append_sheet(book, sheetOf(rows), name);
  writeFileSync(path, write(book, { type: 'buffer', bookType, compression: true }) as Buffer);
  return path;
}
