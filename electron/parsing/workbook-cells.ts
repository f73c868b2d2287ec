/**
 * One spreadsheet cell → the text the user saw in Excel, so a workbook row reaches the validator in
 * the same shape as a CSV row:
 * - a whole number in a General (or Text) column keeps all its digits: the phone typed as
 *   5125550142 is "5125550142", never Excel's display "5.12555E+09";
 * - other numbers go through their number format (SheetJS's SSF, Excel's own rules): a ZIP
 *   formatted 00000 is "02134", a phone format gives "(512) 555-0142";
 * - a date (a serial number with a date format) is ISO "2023-03-15", which parseServiceDate reads
 *   whatever the sheet's locale format was.
 */
import { SSF, utils, type CellObject } from '@e965/xlsx';

export function cellText(cell: CellObject | undefined | null, date1904: boolean): string {
  if (!cell) return '';
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'n':
      return typeof cell.v === 'number' ? numberText(cell.v, cell.z, date1904) : '';
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return cell.v instanceof Date ? isoDate(cell.v.getUTCFullYear(), cell.v.getUTCMonth() + 1, cell.v.getUTCDate(), cell.v.getUTCHours(), cell.v.getUTCMinutes()) : String(cell.v ?? '');
    case 'e':
      // "#N/A", "#REF!": what Excel shows (and writes to a CSV). A formula a program wrote without computing it has
      // no value at all: an empty cell (its text was undefined, and the whole file failed as an internal error).
      return utils.format_cell(cell) ?? '';
    default:
      return '';
  }
}

function numberText(value: number, format: CellObject['z'], date1904: boolean): string {
  const pattern = typeof format === 'string' ? format : 'General';
  if ((pattern === 'General' || pattern === '@') && Number.isSafeInteger(value)) return String(value);
  // A whole number shown with thousands separators or as a power of ten ("5,125,550,135", "5.13E+09") is a phone
  // or an id more often than an amount: the file has every digit, so they are kept (the shown text was refused as
  // a phone Excel had shortened). A format of zeros ("00000", a ZIP's leading zero) is still applied.
  if (Number.isSafeInteger(value) && !SSF.is_date(pattern) && /,|E[+-]/i.test(pattern)) return String(value);
  if (SSF.is_date(pattern) && value >= 1) {
    const date = SSF.parse_date_code(value, { date1904 });
    if (date && date.y >= 1900) return isoDate(date.y, date.m, date.d, date.H, date.M);
  }
  try {
    return SSF.format(pattern, value);
  } catch {
    return String(value); // a number format SSF cannot read: the plain number loses nothing
  }
}

function isoDate(year: number, month: number, day: number, hours: number, minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return hours === 0 && minutes === 0 ? date : `${date} ${pad(hours)}:${pad(minutes)}`;
}
