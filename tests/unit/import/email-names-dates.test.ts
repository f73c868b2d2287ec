import { describe, expect, it } from 'vitest';
import { parseServiceDate } from '../../../electron/parsing/dates';
import { normalizeEmail } from '../../../electron/parsing/email';
import { splitFullName, tidyCase } from '../../../electron/parsing/names';

describe('normalizeEmail', () => {
  it.each([
    ['  John.Smith@Gmail.COM ', 'John.Smith@gmail.com', 'john.smith@gmail.com'],
    ['bob+roof@example.com', 'bob+roof@example.com', 'bob+roof@example.com'],
    ['Bob Smith <bob@example.com>', 'bob@example.com', 'bob@example.com'],
    ['mailto:ann@example.org', 'ann@example.org', 'ann@example.org'],
    ['ann@example.co.uk.', 'ann@example.co.uk', 'ann@example.co.uk'],
  ])('%j → %s', (raw, email, key) => {
    expect(normalizeEmail(raw)).toEqual({ ok: true, email, key });
  });

  it.each([
    ['john.smith.gmail.com', 'Email is missing the @'],
    ['a@b.com; c@d.com', 'Two email addresses in one cell — keep one'],
    ['a@@b.com', 'Email has more than one @'],
    ['john smith@gmail.com', 'Email contains spaces'],
    ['@gmail.com', 'Email has nothing before the @'],
    ['john@', 'Email has nothing after the @'],
    ['john@gmail', 'Email domain "gmail" is incomplete (missing .com?)'],
    ['john@gmail..com', 'Email domain "gmail..com" is not valid'],
    ['jo..hn@gmail.com', 'Email has characters that are not allowed before the @'],
    ['none@none.com', 'Email is a placeholder, not a real address'],
    ['noemail@gmail.com', 'Email is a placeholder, not a real address'],
  ])('rejects %j: %s', (raw, reason) => {
    expect(normalizeEmail(raw)).toEqual({ ok: false, reason, blank: false });
  });

  it.each(['', 'N/A', 'none', 'no email'])('treats %j as blank', (raw) => {
    expect(normalizeEmail(raw)).toMatchObject({ ok: false, blank: true });
  });

  it('reads a plain lower-case address at once as it reads it with a space before it (the whole reading)', () => {
    const local64 = 'a'.repeat(64);
    const cells = [
      'ann@example.com', 'bob+roof@mail.example.co.uk', "o'hara.j@example.org", 'a.b.c@x-y.example.com', 'x@example.museum',
      `${local64}@example.com`, `${local64}b@example.com`, `a@${'b'.repeat(63)}.com`, `a@${'b'.repeat(64)}.com`,
      `${'a'.repeat(60)}@${`${'b'.repeat(60)}.`.repeat(3)}com`, `${'a'.repeat(60)}@${`${'b'.repeat(60)}.`.repeat(4)}com`,
      'none@none.com', 'noemail@gmail.com', 'test@test.com', 'ann@example.abcdefghijklmnopqrstuvwxy', 'ann@example.c',
      '.ann@example.com', 'ann.@example.com', 'a..b@example.com', 'ann@-example.com', 'ann@example-.com', 'ann@example.com1',
      'Ann@example.com', 'ann@Example.com',
    ];
    for (const cell of cells) expect({ cell, read: normalizeEmail(cell) }).toEqual({ cell, read: normalizeEmail(` ${cell}`) });
  });

  it('caps lengths', () => {
    expect(normalizeEmail(`${'a'.repeat(65)}@example.com`)).toMatchObject({ ok: false, reason: 'Email has more than 64 characters before the @' });
    expect(normalizeEmail(`a@${'b'.repeat(250)}.com`)).toMatchObject({ ok: false, reason: 'Email is longer than 254 characters' });
  });
});

describe('tidyCase', () => {
  it.each([
    ['JOHN', 'John'], ['john', 'John'], ["O'BRIEN", "O'Brien"], ['mary-jane', 'Mary-Jane'], ['McDonald', 'McDonald'], ['DeLuca', 'DeLuca'],
    ['iii', 'III'], ['AUSTIN', 'Austin'], ['Austin', 'Austin'], ['JOSÉ', 'José'], ['josé', 'José'], ['José', 'José'], ['ÉLODIE', 'Élodie'],
    ['élodie', 'Élodie'], ['Élodie', 'Élodie'], ['PEÑA', 'Peña'], ['12', '12'], ['', ''], ['new york', 'New York'], ['NEW york', 'NEW york'],
  ])('%j → %j', (value, tidy) => {
    expect(tidyCase(value)).toBe(tidy);
  });
});

describe('splitFullName', () => {
  it.each([
    ['John Smith', 'John', 'Smith'],
    ['Smith, John', 'John', 'Smith'],
    ['Smith, John Q.', 'John', 'Smith'],
    ['John Q. Smith', 'John', 'Smith'],
    ['Mr. John Smith Jr.', 'John', 'Smith Jr.'],
    ['Mrs. Mary Smith-Jones', 'Mary', 'Smith-Jones'],
    ['JOHN SMITH', 'John', 'Smith'],
    ["patrick o'brien", 'Patrick', "O'Brien"],
    ['John McDonald', 'John', 'McDonald'],
    ['John & Mary Smith', 'John & Mary', 'Smith'],
    ['John and Mary Smith', 'John & Mary', 'Smith'],
    ['Juan de la Cruz', 'Juan', 'de la Cruz'],
    ['Dr. Robert Jones PhD', 'Robert', 'Jones'],
    ['Robert Jones III', 'Robert', 'Jones III'],
    ['John Smith, Jr.', 'John', 'Smith Jr.'],
    // The SMS greets the first name: a title with a surname, a household or a note in brackets must not be greeted
    // ("Hi Smith", "Hi The", "Hi Mary" as a surname).
    ['Mrs. Smith', null, 'Smith'],
    ['Mr. & Mrs. Smith', null, 'Smith'],
    ['Mr. and Mrs. Smith', null, 'Smith'],
    ['Mr & Mrs John Smith', 'John', 'Smith'],
    ['John & Mary', 'John & Mary', null],
    ['The Smith Family', null, 'Smith'],
    ['Smith Family', null, 'Smith'],
    ['John Smith Family', 'John', 'Smith'],
    ['John Smith & Mary Jones', 'John', 'Smith'],
    ['John Smith (tenant)', 'John', 'Smith'],
    ['Smith, John & Mary', 'John & Mary', 'Smith'],
    ['  Cher  ', 'Cher', null],
    ['', null, null],
    // A review: "Hi Jose," (a comma kept on the name), "Hi Jr.," and John lost; particles the person capitalised.
    ['Garcia, Jose, Jr.', 'Jose', 'Garcia Jr.'],
    ['Smith, Jr., John', 'John', 'Smith Jr.'],
    ['Smith, John,', 'John', 'Smith'],
    ['John St. James', 'John', 'St. James'],
    ['Martin Van Buren', 'Martin', 'Van Buren'],
    ['JUAN DE LA CRUZ', 'Juan', 'de la Cruz'],
    // A surname that is no legal form ("Co" is one).
    ['Maria Co', 'Maria', 'Co'],
    // "Hoa" is a given name; an association is written "HOA".
    ['Nguyen, Hoa', 'Hoa', 'Nguyen'],
    ['Tran Thi Hoa', 'Tran', 'Hoa'],
    // Surnames that are also words of a trade stay names.
    ['John Church', 'John', 'Church'],
    ['Mary Holmes', 'Mary', 'Holmes'],
    ['Builders, Bob', 'Bob', 'Builders'],
  ])('%j → %s / %s', (raw, firstName, lastName) => {
    expect(splitFullName(raw)).toEqual({ firstName, lastName });
  });

  // A business in the name column was greeted by its legal form: "Hi Llc", "Hi Inc.".
  it.each([
    ['Smith Roofing, LLC', 'Smith Roofing, LLC'],
    ['ABC Property Management, Inc.', 'ABC Property Management, Inc.'],
    ['Oak Ridge HOA', 'Oak Ridge HOA'],
    // Without a legal form (a review: "Hi Abc", "Hi Estate"): a trade nobody has as a surname, an estate, a trust.
    ['ABC Property Management', 'ABC Property Management'],
    ['Sunset Apartments', 'Sunset Apartments'],
    ['Estate of John Doe', 'Estate of John Doe'],
    ['Smith Family Trust', 'Smith Family Trust'],
  ])('%j is a company: no first name', (raw, companyName) => {
    expect(splitFullName(raw)).toEqual({ firstName: null, lastName: null, companyName });
  });
});

describe('parseServiceDate', () => {
  const today = new Date('2025-06-01T12:00:00Z');
  it.each([
    ['3/7/2019', '2019-03-07'],
    ['03/07/2019', '2019-03-07'],
    ['3-7-2019', '2019-03-07'],
    ['2019-03-07', '2019-03-07'],
    ['2019-03-07 14:30:00', '2019-03-07'],
    ['2019-03-07T14:30:00Z', '2019-03-07'],
    ['3/7/19', '2019-03-07'],
    ['12/31/98', '1998-12-31'],
    ['43531', '2019-03-07'], // Excel serial
    ['43531.5', '2019-03-07'],
    ['Mar 7, 2019', '2019-03-07'],
    ['March 7 2019', '2019-03-07'],
    ['7-Mar-19', '2019-03-07'],
    ['2/29/2020', '2020-02-29'],
    ['3/7/2019 0:00', '2019-03-07'],
    ['3/7/2019 12:00:00 AM', '2019-03-07'],
    ['2019-03-07 00:00:00.000', '2019-03-07'],
    ['2019-03-07T14:30:00-05:00', '2019-03-07'],
    ['3/7/2019 10:00 AM EST', '2019-03-07'],
    ['3/7/2019 10AM', '2019-03-07'],
    ['3/7/2019  14:30 GMT-0600', '2019-03-07'],
    ['2019-03-07T14:30:00+05', '2019-03-07'],
  ])('%s → %s', (raw, iso) => {
    expect(parseServiceDate(raw, today)).toBe(iso);
  });

  // Words or a second date after the date: not understood (kept whole in notes), not the first date alone (a review).
  it.each(['2/30/2019', '13/1/2019', 'last spring', '2019', '12345', '1/1/1850', '1/1/2031', '', '6/1/2015 re-roof; 3/2/2021 repair', '3/1/2015 & 6/1/2021', '2015-03-01 (estimate)'])('does not understand %j', (raw) => {
    expect(parseServiceDate(raw, today)).toBeNull();
  });
});
