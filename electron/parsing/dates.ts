/**
 * Parses the date formats found in US office spreadsheets into ISO YYYY-MM-DD:
 * M/D/YYYY, M-D-YYYY, M/D/YY, YYYY-MM-DD (with or without a time), "Jan 5, 2019",
 * "5-Jan-19", and Excel serial day numbers (a date column exported without formatting).
 * Returns null when not understood: the caller keeps the text in notes instead of rejecting the lead.
 */
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
/**
 * A time after a date ("3/7/2019 0:00", "2019-03-07T14:30:00Z", "3/7/2019 12:00:00 AM"): nothing else. Anything
 * after a date was dropped: "6/1/2015 re-roof; 3/2/2021 repair" read as 2015-06-01, its later date and its words
 * lost without a word (a review). Such a cell is not understood, and kept whole in notes.
 */
const TIME = String.raw`(?:(?:\s+|T)\d{1,2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|(?:utc|gmt)?[+-]\d{2}(?::?\d{2})?|[a-z]{2,4})?)?`;
const US_NUMERIC = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})${TIME}$`, 'i');
const ISO_LIKE = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`, 'i');
const MONTH_NAME_FIRST = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}|\d{2})$/i;
const DAY_MONTH_NAME = /^(\d{1,2})[\s-]([a-z]{3,9})\.?[\s-](\d{4}|\d{2})$/i;
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;
/** Serial numbers 20000–80000 are 1954–2119; anything else is more likely an ID than a date. */
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;
const EARLIEST_YEAR = 1900;

export function parseServiceDate(raw: string, today: Date = new Date()): string | null {
  const text = raw.trim();
  if (text.length === 0) return null;
  let match = ISO_LIKE.exec(text);
  if (match) return toIso(Number(match[1]), Number(match[2]), Number(match[3]), today);
  match = US_NUMERIC.exec(text);
  if (match) return toIso(expandYear(match[3] ?? '', today), Number(match[1]), Number(match[2]), today);
  match = MONTH_NAME_FIRST.exec(text);
  if (match) return toIso(expandYear(match[3] ?? '', today), monthNumber(match[1] ?? ''), Number(match[2]), today);
  match = DAY_MONTH_NAME.exec(text);
  if (match) return toIso(expandYear(match[3] ?? '', today), monthNumber(match[2] ?? ''), Number(match[1]), today);
  if (EXCEL_SERIAL.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
    // Excel's day 0 is 1899-12-30 once its fictitious 1900-02-29 is accounted for (serials > 60).
    const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    return toIso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), today);
  }
  return null;
}

/** Two-digit years: up to this year's two digits are 20xx, the rest 19xx ("98" → 1998). */
function expandYear(year: string, today: Date): number {
  if (year.length === 4) return Number(year);
  const twoDigits = Number(year);
  const pivot = today.getFullYear() % 100;
  return twoDigits <= pivot ? 2000 + twoDigits : 1900 + twoDigits;
}

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().slice(0, 3)] ?? 0;
}

function toIso(year: number, month: number, day: number, today: Date): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null; // Feb 30 and the like
  if (year < EARLIEST_YEAR || year > today.getFullYear() + 1) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
