/**
 * A phone column's companion "type" column, as AccuLynx-style exports write them ("Phone Type 1: Fax", "Phone 1: …",
 * "Phone Type 2: Mobile", "Phone 2: …"): the mapping leaves the type out (metadata), and the first valid number won,
 * so a fax was the number texted and the mobile went to the notes (a review). Read beside each number, a fax is no
 * number to text (kept in the notes), and a mobile goes before the others.
 */
import { normalizeHeader } from './header-normalize';

interface Column {
  index: number;
  header: string;
}

type MappedColumn = Column & { field: string };

const TYPE_HEADER = /^(?:(?:phone|tel|telephone|contact|number)\s*)?(\d*)\s*type\s*(\d*)$|^(?:phone|tel|telephone)\s*(\d*)\s*(?:kind|label)\s*(\d*)$/;
const TRAILING_NUMBER = /(\d+)\s*$/;
const FAX = /\bfax\b/i;
const MOBILE = /\b(?:mobile|cell|cellular|wireless|sms|text|iphone)\b/i;

/** Per phone column, its type column: the one with its number ("Phone Type 2" beside "Phone 2"), or next to it when neither has one. */
export function phoneTypeColumns(columns: readonly MappedColumn[], phoneColumns: readonly Column[]): Map<number, Column> {
  const typeColumns = columns
    .filter((column) => column.field === 'ignore')
    .map((column) => ({ column, match: TYPE_HEADER.exec(normalizeHeader(column.header)) }))
    .filter((entry): entry is { column: MappedColumn; match: RegExpExecArray } => entry.match !== null)
    .map(({ column, match }) => ({ column, number: match.slice(1).find((part) => part) ?? '' }));
  const paired = new Map<number, Column>();
  if (typeColumns.length === 0) return paired;
  for (const phone of phoneColumns) {
    const number = TRAILING_NUMBER.exec(normalizeHeader(phone.header))?.[1] ?? '';
    const found = typeColumns.find((type) => type.number === number && (number !== '' || Math.abs(type.column.index - phone.index) === 1));
    if (found) paired.set(phone.index, found.column);
  }
  return paired;
}

export type PhoneKind = 'fax' | 'mobile' | 'other';

/** What a type cell says of its number. */
export function phoneKind(typeText: string): PhoneKind {
  if (FAX.test(typeText)) return 'fax';
  return MOBILE.test(typeText) ? 'mobile' : 'other';
}
