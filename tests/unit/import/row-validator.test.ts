import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../../electron/parsing/mapping';
import { csvFileWriter, csvLines } from '../../../electron/parsing/csv-writer';
import { rejectedRowsWriter } from '../../../electron/parsing/rejected-csv';
import { createRowValidator, NO_CONTACT_REASON } from '../../../electron/parsing/row-validator';
import { readAll, tempDir } from './helpers';

const headers = ['Customer', 'Cell', 'Home Phone', 'Email', 'Job Address', 'City', 'State', 'Zip', 'Lead Source', 'Notes', 'Install Date', 'DNC'];
const validate = createRowValidator({ mapping: suggestMapping(headers) });
const row = (values: Partial<Record<(typeof headers)[number], string>>) => headers.map((header) => values[header] ?? '');

describe('createRowValidator', () => {
  // A review: "512-555-3905 do not text" in the Home Phone column was refused as a vanity number, and the lead texted on
  // its mobile; "DNC 512-…" in the only phone column left the lead to go by email.
  it('a phone cell that says do not contact makes the lead do-not-contact, and keeps its number with the others to list', () => {
    const home = validate(row({ Customer: 'Di Four', Cell: '512-867-5309', 'Home Phone': '214-555-0143 do not text' }));
    expect(home).toMatchObject({ ok: true, lead: { phone: '+15128675309', doNotContact: true, otherContactKeys: [{ kind: 'phone', value: '+12145550143' }] } });
    if (!home.ok) return;
    expect(home.warnings).toContainEqual(
      expect.objectContaining({ field: 'doNotContact', column: 'Home Phone', message: '"214-555-0143 do not text" in a phone column says do not contact: the lead was read as "do not contact"' }),
    );
    const own = validate(row({ Customer: 'Ann One', Cell: 'DNC 512-867-5309', Email: 'ann@example.com' }));
    expect(own).toMatchObject({ ok: true, lead: { phone: '+15128675309', email: 'ann@example.com', doNotContact: true } });
    // A number typed with en dashes on a do-not-contact row is read, and so listed with the row.
    const dashes = validate(row({ Customer: 'Bob Dash', Cell: '512–867–5309', DNC: 'Yes' }));
    expect(dashes).toMatchObject({ ok: true, lead: { phone: '+15128675309', doNotContact: true } });
  });

  // An old CRM's call log of 10,000 characters in the notes: the row's other phone went below it and was what
  // the cut took, with a warning that named only the notes (a review found the second number lost).
  it('keeps the row’s other phone whole when long notes are cut, and cuts the notes’ own text instead', () => {
    const log = 'Called, no answer. '.repeat(600); // 11,400 characters
    const result = validate(row({ Customer: 'Ann Lee', Cell: '212-867-5309', 'Home Phone': '214-555-0143', Notes: log }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lead.notes).toHaveLength(10_000);
    expect(result.lead.notes!.endsWith('\nHome Phone: +12145550143')).toBe(true);
    expect(result.lead.notes!.startsWith('Called, no answer.')).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ field: 'notes', message: expect.stringMatching(/^Notes was cut to \d+ characters \(it had 11399\)$/) })]);
  });

  // An old CRM's long tag list was cut at 1,000 characters mid-tag ("Insurance Claim Approved" became the GHL tag
  // "Insurance Cl"), and a long address with its second line cut at 200, without a word (a review).
  it('keeps whole tags only, and the ones that do not fit in the notes; says so, as it does for a long address', () => {
    const tagged = createRowValidator({ mapping: suggestMapping(['Name', 'Phone', 'Tags', 'Address', 'Address 2']) });
    const tags = Array.from({ length: 60 }, (_, i) => `Insurance Claim Approved ${i}`); // ~1,700 characters
    const result = tagged(['Ann Lee', '212-867-5309', tags.join('; '), `${'1200 Long Ranch Road '.repeat(9)}`.trim(), 'Building 4, Unit 12']);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const kept = result.lead.crmTags!.split('; ');
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.every((tag, i) => tag === tags[i])).toBe(true);
    expect(result.lead.crmTags!.length).toBeLessThanOrEqual(1_000);
    expect(result.lead.notes).toContain(`Tags (more than fit): ${tags.slice(kept.length).join('; ')}`);
    expect(result.lead.address1).toBe('1200 Long Ranch Road '.repeat(9).trim());
    expect(result.lead.notes).toContain('Address line 2: Building 4, Unit 12');
    expect(result.warnings.map((w) => w.message)).toEqual([
      'Address line 2 did not fit beside the street (200 characters); kept in notes',
      `${tags.length - kept.length} of ${tags.length} tags did not fit (1,000 characters); kept in notes`,
    ]);
  });

  // A spreadsheet that stored ZIPs as numbers exports "02134.0" or "75201.0": read as "2134"-style ZIPs are, not
  // kept in the notes with a warning (a review's find).
  it('reads a ZIP a spreadsheet wrote as a decimal number', () => {
    for (const [typed, zip] of [['02134.0', '02134'], ['75201.0', '75201'], ['2134.0', '02134']] as const) {
      const result = validate(row({ Cell: '212-867-5309', Zip: typed }));
      expect(result.ok && result.lead.postalCode).toBe(zip);
      expect(result.ok && result.warnings).toEqual([]);
    }
  });

  // A pacing probe: "98101 1234", "99501-", "WA 98101" and "98,101" were no ZIPs: dropped to the notes, and the lead,
  // with no state column, was placed by its New York mobile and texted at 05:00 in Seattle.
  it('reads the ways old CRMs write a ZIP: ZIP+4 with a space, a dash left over, the state before it, a thousands comma', () => {
    const cases = [['98101 1234', '98101-1234'], ['98101 - 1234', '98101-1234'], ['99501-', '99501'], ['WA 98101', '98101'], ['wa, 98101-1234', '98101-1234'], ['98,101', '98101']] as const;
    for (const [typed, zip] of cases) {
      const result = validate(row({ Cell: '212-867-5309', Zip: typed }));
      expect(result.ok && result.lead.postalCode, typed).toBe(zip);
      expect(result.ok && result.warnings, typed).toEqual([]);
    }
    // Letters before it that are no state are no ZIP: kept as typed, so that the placement knows a ZIP was given.
    expect(validate(row({ Cell: '212-867-5309', Zip: 'XZ 98101' }))).toMatchObject({ ok: true, lead: { postalCode: 'XZ 98101' } });
  });

  // A pacing probe: a Vancouver row with no country column was read as US: its postal code dropped, its province
  // ignored by the placement, the contact sent to GHL as "US, BC".
  it('reads a row whose province is Canadian, beside a Canadian number or none, as Canadian', () => {
    expect(validate(row({ Cell: '416-392-6002', State: 'British Columbia', Zip: 'v6b1a2' }))).toMatchObject({ ok: true, lead: { country: 'CA', state: 'BC', postalCode: 'V6B 1A2' } });
    expect(validate(row({ Email: 'bc@example.com', State: 'BC' }))).toMatchObject({ ok: true, lead: { country: 'CA', state: 'BC' } });
    // A US number beside it: the office's to decide (a US customer's typo, or one wintering in Canada).
    expect(validate(row({ Cell: '212-867-5309', State: 'BC' }))).toMatchObject({ ok: true, lead: { country: 'US', state: 'BC' } });
  });

  // A review: "7870" beside TX was made "07870", a New Jersey ZIP, without a word: only ZIPs of New England, New Jersey,
  // Puerto Rico… begin with the 0 a spreadsheet drops.
  it('gives a short ZIP its lost zero only in a state whose ZIPs begin with one', () => {
    const boston = validate(row({ Cell: '212-867-5309', State: 'MA', Zip: '2134' }));
    expect(boston).toMatchObject({ ok: true, lead: { postalCode: '02134' }, warnings: [] });
    const unknown = validate(row({ Cell: '212-867-5309', Zip: '2134' }));
    expect(unknown).toMatchObject({ ok: true, lead: { postalCode: '02134' } });
    const austin = validate(row({ Cell: '212-867-5309', State: 'Texas', Zip: '7870' }));
    // Kept as typed (a state column's unknown state is too): dropped, the placement never knew a ZIP was given.
    expect(austin).toMatchObject({ ok: true, lead: { state: 'TX', postalCode: '7870', notes: null } });
    expect(austin.ok && austin.warnings).toEqual([
      expect.objectContaining({ field: 'postalCode', message: 'ZIP code "7870" is not a US ZIP (too short: TX ZIPs do not begin with 0); kept as typed' }),
    ]);
  });

  // A review: an AccuLynx-style export ("Phone Type 1: Fax", "Phone 1", "Phone Type 2: Mobile", "Phone 2") had the fax
  // texted and the mobile kept in the notes.
  it('reads a phone’s type column beside it: a mobile is the number texted, a fax none, kept in the notes', () => {
    const typed = ['Contact Name', 'Phone Type 1', 'Phone 1', 'Phone Type 2', 'Phone 2'];
    const mapping = suggestMapping(typed);
    expect(mapping.columns.map((column) => column.field)).toEqual(['fullName', 'ignore', 'phone', 'ignore', 'phone']);
    const check = createRowValidator({ mapping });
    expect(check(['Ann Lee', 'Fax', '512-555-1901', 'Mobile', '512-555-1902'])).toMatchObject({
      ok: true,
      lead: { phone: '+15125551902', notes: 'Phone 1 (fax): 512-555-1901' },
    });
    expect(check(['Bo Day', 'Home', '512-555-1903', 'Cell', '512-555-1904'])).toMatchObject({ ok: true, lead: { phone: '+15125551904', notes: 'Phone 1: +15125551903' } });
    // Untyped, the first valid one, as before.
    expect(check(['Cy Moe', '', '512-555-1905', '', '512-555-1906'])).toMatchObject({ ok: true, lead: { phone: '+15125551905' } });
  });

  // A review: a workbook's "#N/A" (a lookup that failed) was stored as the customer's last name, "#n/a".
  it('reads an Excel error ("#N/A", "#REF!") as an empty cell', () => {
    expect(validate(row({ Customer: 'Ann Lee', Cell: '#N/A', 'Home Phone': '214-555-0143', City: '#REF!', 'Job Address': '#VALUE!' }))).toMatchObject({
      ok: true,
      lead: { phone: '+12145550143', city: null, address1: null },
      warnings: [],
    });
  });

  // A review: "Jose Luis Garcia Lopez" became Jose / Lopez, the second surname lost without a trace; a second person too.
  it('keeps the name as written in the notes when the split leaves a word of it out', () => {
    expect(validate(row({ Customer: 'Jose Luis Garcia Lopez', Cell: '212-867-5309' }))).toMatchObject({
      ok: true,
      lead: { firstName: 'Jose', lastName: 'Lopez', notes: 'Name as written: Jose Luis Garcia Lopez' },
    });
    expect(validate(row({ Customer: 'John Smith & Mary Jones', Cell: '212-867-5309' }))).toMatchObject({ ok: true, lead: { notes: 'Name as written: John Smith & Mary Jones' } });
    // Titles, suffixes, initials and a reordered "Smith, John" lose nothing.
    for (const name of ['Smith, John', 'Mr. John Q. Smith Jr.', 'The Smith Family', 'JOHN SMITH', "Mary-Jane O'Brien"]) {
      expect(validate(row({ Customer: name, Cell: '212-867-5309' })), name).toMatchObject({ ok: true, lead: { notes: null } });
    }
  });

  it('builds a clean lead draft', () => {
    const result = validate(row({
      Customer: '  Smith,   John ', Cell: '(212) 867-5309 x12', Email: ' John@Example.COM', 'Job Address': '12  Oak\tSt',
      City: 'DALLAS', State: 'texas', Zip: '75201', 'Lead Source': 'Yard sign', Notes: 'Hail 2019\r\nCall after 5', 'Install Date': '3/7/19', DNC: 'no',
    }));
    expect(result).toEqual({
      ok: true,
      warnings: [],
      phoneHeader: 'Cell',
      lead: {
        firstName: 'John', lastName: 'Smith', phone: '+12128675309', phoneRaw: '(212) 867-5309 x12', phoneExt: '12',
        email: 'John@example.com', emailKey: 'john@example.com', address1: '12 Oak St', city: 'Dallas', state: 'TX',
        postalCode: '75201', country: 'US', source: 'Yard sign', notes: 'Hail 2019\nCall after 5', lastServiceDate: '2019-03-07',
        consentNote: null, doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [],
      },
    });
  });

  it('keeps the first valid phone and moves the others to notes', () => {
    const result = validate(row({ Customer: 'Ann Lee', Cell: 'n/a', 'Home Phone': '214-555-0143', Email: 'ann@example.com' }));
    expect(result).toMatchObject({ ok: true, lead: { phone: '+12145550143' } });
    const both = validate(row({ Customer: 'Ann Lee', Cell: '212-867-5309', 'Home Phone': '214-555-0143' }));
    expect(both).toMatchObject({ ok: true, lead: { phone: '+12128675309', notes: 'Home Phone: +12145550143' } });
  });

  it('imports a row with a bad phone but a valid email, keeping the phone text in notes with a warning', () => {
    const result = validate(row({ Customer: 'Bo', Cell: '555-0143', Email: 'bo@example.com' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lead.phone).toBeNull();
    expect(result.lead.notes).toBe('Cell: 555-0143 (not imported: Phone has no area code)');
    // The note goes to GHL: the value and why, not the review's "— enter the digits" (it read as an order there).
    const vanity = validate(row({ Customer: 'Cy', Cell: '1-800-FLOWERS', Email: 'cy@example.com' }));
    expect(vanity).toMatchObject({ ok: true, lead: { notes: 'Cell: 1-800-FLOWERS (not imported: Phone contains letters (vanity number?))' } });
    // Nor does the review's warning: the row is imported anyway, there is no box to enter the digits in.
    if (vanity.ok) {
      expect(vanity.warnings).toEqual([
        { field: 'phone', column: 'Cell', message: 'Phone contains letters (vanity number?): "1-800-FLOWERS" — kept in notes, the lead is imported without it' },
      ]);
    }
    const short = validate(row({ Customer: 'Di', Cell: '512-555-014', Email: 'di@example.com' }));
    expect(short).toMatchObject({ ok: true, lead: { notes: 'Cell: 512-555-014 (not imported: Phone is too short for a US number (9 digits, 10 needed))' } });
    const excel = validate(row({ Customer: 'Ed', Cell: '2.14555E+09', Email: 'ed@example.com' }));
    expect(excel).toMatchObject({ ok: true, lead: { notes: 'Cell: 2.14555E+09 (not imported: Excel shortened this number)' } });
    expect(result.warnings).toEqual([{ field: 'phone', column: 'Cell', message: 'Phone has no area code: "555-0143" — kept in notes, the lead is imported without it' }]);
  });

  it('rejects a row without any valid way to contact, with every reason', () => {
    expect(validate(row({ Customer: 'Bo', Cell: '1-800-FLOWERS', Email: 'bo at example.com' }))).toEqual({
      ok: false,
      reasons: [
        { field: 'phone', column: 'Cell', message: 'Phone contains letters (vanity number?) — enter the digits: "1-800-FLOWERS"' },
        { field: 'email', column: 'Email', message: 'Email is missing the @: "bo at example.com"' },
      ],
    });
    expect(validate(row({ Customer: 'Bo' }))).toEqual({ ok: false, reasons: [{ field: 'row', column: null, message: NO_CONTACT_REASON }] });
  });

  it('keeps an unparseable date in the notes and a ZIP as typed instead of rejecting', () => {
    const result = validate(row({ Cell: '212-867-5309', 'Install Date': 'spring 2019', Zip: 'ABC' }));
    expect(result).toMatchObject({ ok: true, lead: { lastServiceDate: null, postalCode: 'ABC', notes: 'Last service date (not understood): spring 2019' } });
    if (result.ok) expect(result.warnings.map((warning) => warning.field)).toEqual(['postalCode', 'lastServiceDate']);
  });

  it.each([
    ['yes', true], ['Y', true], ['TRUE', true], ['1', true], ['x', true], ['DNC', true], ['no', false], ['', false], ['0', false],
  ])('reads do-not-contact %j as %s', (value, expected) => {
    expect(validate(row({ Cell: '212-867-5309', DNC: value }))).toMatchObject({ ok: true, lead: { doNotContact: expected }, warnings: [] });
  });

  it('reads an unknown do-not-contact value as "do not contact", with a warning', () => {
    const result = validate(row({ Cell: '212-867-5309', DNC: 'customer asked' }));
    expect(result).toMatchObject({ ok: true, lead: { doNotContact: true } });
    if (result.ok) expect(result.warnings).toHaveLength(1);
  });

  it('reads every do-not-contact column: a yes in the second one keeps the lead out too', () => {
    const twoColumns = createRowValidator({ mapping: suggestMapping(['Name', 'Mobile', 'Do Not Call', 'Do Not Text']) });
    expect(twoColumns(['John Smith', '(512) 555-0310', '', 'Yes'])).toMatchObject({ ok: true, lead: { doNotContact: true } });
    expect(twoColumns(['Mary Jones', '(512) 555-0311', 'No', 'Y'])).toMatchObject({ ok: true, lead: { doNotContact: true } });
    expect(twoColumns(['Ann Lee', '(512) 555-0312', 'No', 'No'])).toMatchObject({ ok: true, lead: { doNotContact: false } });
  });

  // A consent column that says the customer refused or took consent back is an opt-out: texting them is the
  // TCPA problem the column exists to prevent. A note in it ("web form 2021") is just a record.
  it('reads a refusal in the consent column as "do not contact", with a warning, and keeps the text', () => {
    const withConsent = createRowValidator({ mapping: suggestMapping(['Name', 'Mobile', 'SMS Opt-In']) });
    for (const refusal of ['No', 'n', 'FALSE', 'Declined', 'Revoked', 'opted out', 'STOP']) {
      const result = withConsent(['John Smith', '(512) 555-0310', refusal]);
      expect(result, refusal).toMatchObject({ ok: true, lead: { doNotContact: true, consentNote: refusal } });
      if (result.ok) expect(result.warnings.map((warning) => warning.message).join(' ')).toMatch(/consent.*do not contact/i);
    }
    for (const record of ['Yes', 'web form 2021-04-02', '']) {
      const result = withConsent(['Mary Jones', '(512) 555-0311', record]);
      expect(result, record).toMatchObject({ ok: true, lead: { doNotContact: false } });
      if (result.ok) expect(result.warnings).toHaveLength(0);
    }
  });

  // An old CRM that keeps the opt-out in its status or its tags: the status was kept as text, the tag sent to GHL as a
  // tag, and the customer texted.
  it('reads an opt-out in the old CRM status or in a tag as "do not contact", and says so', () => {
    const mapping = suggestMapping(['Name', 'Mobile', 'Status', 'Tags']);
    expect(mapping.columns.map((column) => column.field)).toEqual(['fullName', 'phone', 'crmStatus', 'tags']);
    const validateCrm = createRowValidator({ mapping });
    for (const status of ['DNC', 'Do Not Contact', 'Lost - Do-Not-Call', 'Opted Out', 'opt-out', 'Unsubscribed', 'Lost (DND)', 'Do Not Text - Email Only']) {
      const result = validateCrm(['Ann Lee', '(512) 555-0310', status, 'storm 2021']);
      expect(result, status).toMatchObject({ ok: true, lead: { doNotContact: true, crmStatus: status } });
      if (result.ok) expect(result.warnings).toEqual([{ field: 'doNotContact', column: 'Status', message: `"${status}" in the old CRM status was read as "do not contact"` }]);
    }
    const tagged = validateCrm(['Ann Lee', '(512) 555-0310', 'Lost', 'storm 2021; DNC; vip']);
    expect(tagged).toMatchObject({ ok: true, lead: { doNotContact: true } });
    if (tagged.ok) expect(tagged.warnings).toEqual([{ field: 'doNotContact', column: 'Tags', message: 'The tag "DNC" was read as "do not contact"' }]);
    // Words that only look alike, and a lost sale, are no opt-out.
    // A list-cleaning tag on every row ("DNC Scrubbed") kept a whole file out (a review).
    for (const [status, tags] of [['Not Interested', 'storm 2021'], ['Job Stopped', 'Optometrist; Stop sign repair'], ['Lost', 'Outbound call'], ['Done', 'Lockout'], ['No Text Back', 'DNC Scrubbed; Email Unsubscribed']] as const) {
      expect(validateCrm(['Ann Lee', '(512) 555-0310', status, tags]), `${status} / ${tags}`).toMatchObject({ ok: true, lead: { doNotContact: false } });
    }
  });

  // A review: "SMS Status" (or "Text Subscription Status", "SMS Opt-In Status") was mapped to "Ignore" as metadata, and
  // its "Unsubscribed" dropped; beside an "SMS Consent" column, a second consent column was ignored too.
  it('reads an SMS status column as consent, and a refusal in any of several consent columns as "do not contact"', () => {
    const mapping = suggestMapping(['Name', 'Mobile', 'SMS Consent', 'SMS Status', 'Text Subscription Status']);
    expect(mapping.columns.map((column) => column.field)).toEqual(['fullName', 'phone', 'consentNote', 'consentNote', 'consentNote']);
    const withStatus = createRowValidator({ mapping });
    const unsubscribed = withStatus(['John Smith', '(512) 555-0310', 'web form 2021', 'Unsubscribed', '']);
    expect(unsubscribed).toMatchObject({ ok: true, lead: { doNotContact: true, consentNote: 'SMS Consent: web form 2021; SMS Status: Unsubscribed' } });
    if (unsubscribed.ok) expect(unsubscribed.warnings).toEqual([{ field: 'doNotContact', column: 'SMS Status', message: '"Unsubscribed" in the consent column was read as "do not contact"' }]);
    expect(withStatus(['Ann Lee', '(512) 555-0311', '', '', 'Opted Out'])).toMatchObject({ ok: true, lead: { doNotContact: true, consentNote: 'Opted Out' } });
    expect(withStatus(['Mary Jones', '(512) 555-0312', 'Yes', 'Subscribed', 'Active'])).toMatchObject({ ok: true, lead: { doNotContact: false } });
    // An email's subscription is no text opt-out.
    expect(suggestMapping(['Name', 'Mobile', 'Email Subscription Status']).columns[2]!.field).toBe('ignore');
  });

  // A review: a cell holding two numbers on two lines (Alt+Enter in Excel), or set apart by spaces or a dash, was
  // split by nothing, so a row marked do-not-contact listed neither number, and the list was not asked about them.
  it('reads each number of a cell that holds two on two lines or set apart by spaces, for the opt-out list', () => {
    const validate = createRowValidator({ mapping: suggestMapping(['Name', 'Mobile', 'Home Phone', 'Email', 'DNC']) });
    const listed = (result: ReturnType<typeof validate>) => (result.ok ? result.lead.otherContactKeys : result.optOutKeys)?.map((key) => key.value).sort();
    // Kept for its email, marked do-not-contact: both numbers are listed.
    const twoLines = validate(['Ann Lee', '512-555-0142\n512-555-0199', '', 'ann@example.com', 'Yes']);
    expect(twoLines).toMatchObject({ ok: true, lead: { doNotContact: true, phone: null } });
    expect(listed(twoLines)).toEqual(['+15125550142', '+15125550199']);
    // Refused (no number it can keep, no email), marked do-not-contact: its STOP still lists both.
    for (const cell of ['5125550142 5125550199', '512-555-0142 (cell) 512-555-0199 (home)', '512-555-0142 - 512-555-0199']) {
      const refused = validate(['Bo Diaz', cell, '', '', 'Yes']);
      expect(refused, cell).toMatchObject({ ok: false, reasons: [{ field: 'phone', message: expect.stringMatching(/^Two phone numbers in one cell — keep one/) }] });
      expect(listed(refused), cell).toEqual(['+15125550142', '+15125550199']);
    }
    // Not marked: the lead keeps its home number, and the list is asked about the mobile cell's two.
    const another = validate(['Cy Park', '512-555-0142 512-555-0199', '512-555-0300', '', '']);
    expect(another).toMatchObject({ ok: true, lead: { phone: '+15125550300', doNotContact: false } });
    expect(listed(another)).toEqual(['+15125550142', '+15125550199']);
  });

  it('a business in the name column becomes the company name, with no first name to greet', () => {
    const validate = createRowValidator({ mapping: suggestMapping(['Name', 'Mobile']) });
    expect(validate(['Smith Roofing, LLC', '512-555-0142'])).toMatchObject({ ok: true, lead: { firstName: null, lastName: null, companyName: 'Smith Roofing, LLC' } });
    // A company column of its own wins.
    const withColumn = createRowValidator({ mapping: suggestMapping(['Name', 'Mobile', 'Company']) });
    expect(withColumn(['Smith Roofing, LLC', '512-555-0142', 'Smith Holdings'])).toMatchObject({ ok: true, lead: { companyName: 'Smith Holdings' } });
  });

  it('caps lengths with reasons, truncating notes rather than losing the lead', () => {
    const tooLong = validate(row({ Customer: 'x'.repeat(300), Cell: '212-867-5309' }));
    expect(tooLong).toEqual({ ok: false, reasons: [{ field: 'fullName', column: 'Customer', message: 'Name is longer than 200 characters (300)' }] });
    const hugeNotes = validate(row({ Cell: '212-867-5309', Notes: 'n'.repeat(1_048_576) }));
    expect(hugeNotes.ok && hugeNotes.lead.notes?.length).toBe(10_000);
    if (hugeNotes.ok) expect(hugeNotes.warnings[0]?.message).toBe('Notes was cut to 10000 characters (it had 1048576)');
  });

  it('treats missing cells of a short row as empty', () => {
    expect(validate(['John Smith', '212-867-5309'])).toMatchObject({ ok: true, lead: { firstName: 'John', phone: '+12128675309' } });
  });

  it('prefers explicit first/last columns and labels several notes columns', () => {
    const validateSplit = createRowValidator({ mapping: suggestMapping(['First', 'Last', 'Name', 'Email', 'Notes', 'Comments']) });
    expect(validateSplit(['ann', 'LEE', 'Someone Else', 'ann@example.com', 'n1', 'c1'])).toMatchObject({
      ok: true,
      lead: { firstName: 'Ann', lastName: 'Lee', notes: 'Notes: n1\nComments: c1' },
    });
  });
});

describe('the CSV writer', () => {
  it("defuses formulas with Excel's text marker and quotes (OWASP), and quotes per RFC 4180", () => {
    expect(csvLines([['=HYPERLINK("http://x")']])).toBe(`"'=HYPERLINK(""http://x"")"\r\n`);
    expect(csvLines([['+1 212', '-5', '@SUM(A1)', '\tx', '\rx', '\nx', '\0x', ' =1+1']])).toBe(
      `"'+1 212","'-5","'@SUM(A1)","'\tx","'\rx","'\nx","'\0x","' =1+1"\r\n`,
    );
    expect(csvLines([['a,b', 'line1\nline2', 'plain', 'b "c"', 'x;=cmd', null, '']])).toBe('"a,b","line1\nline2",plain,"b ""c""","x;=cmd",,\r\n');
  });

  it('marks a value that starts with an apostrophe the reader would drop, and leaves one before a letter alone', () => {
    expect(csvLines([["'02134", "''5", "'Tis", "O'Brien"]])).toBe(`"''02134","'''5",'Tis,O'Brien\r\n`);
  });

  it('gives back exactly what it wrote when our importer reads the file', async () => {
    const tmp = tempDir();
    try {
      const values = [
        '=HYPERLINK("x")', '+15125550142', '-', '@home', '\tTabbed', ' =1', "'02134", "''5", "'Tis", "O'Brien", '02134', 'Muñoz',
        'a,b;c', 'line1\r\nline2', 'say "hi"', "'=x", "'", '(512) 555-0142', 'plain',
      ];
      const path = join(tmp.dir, 'round-trip.csv');
      const file = csvFileWriter(path, ['Value']);
      await file.write(values.map((value) => [value]));
      await file.close();
      expect(readFileSync(path, 'utf8').startsWith('\uFEFFValue\r\n')).toBe(true);
      const { rows, headers } = await readAll(path);
      expect(headers).toEqual(['Value']);
      expect(rows.map((r) => r.cells[0])).toEqual(values);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('rejected rows CSV', () => {
  it('streams a Reason column, then the original cells under their headers', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'rejected.csv');
      const writer = rejectedRowsWriter(path, ['Name', 'Phone']);
      await writer.write(3, ['Bo', '=1+1'], 'Phone has no area code');
      await writer.write(7, ['Short'], 'This row has 1 cells but the file has 2 columns');
      await writer.write(9, ['Al', '5125550142', 'stray'], 'This row has 3 cells but the file has 2 columns');
      await writer.close();
      expect(writer.rowsWritten).toBe(3);
      expect(readFileSync(path, 'utf8')).toBe(
        "\uFEFFReason,Name,Phone\r\nRow 3: Phone has no area code,Bo,\"'=1+1\"\r\nRow 7: This row has 1 cells but the file has 2 columns,Short\r\n" +
          'Row 9: This row has 3 cells but the file has 2 columns,Al,5125550142,stray\r\n',
      );
    } finally {
      tmp.cleanup();
    }
  });

  // A review: a row with a cell too many (an address with an unquoted comma) had its reason between its cells; merged
  // back into one address, the email moved under "Reason" (ignored) and the reason under "Email": imported without it.
  it('a long row fixed the natural way (two cells merged into one) imports again with every value under its header', async () => {
    const tmp = tempDir();
    try {
      const headers = ['Name', 'Address', 'City', 'Phone', 'Email'];
      const path = join(tmp.dir, 'rejected.csv');
      const writer = rejectedRowsWriter(path, headers);
      await writer.write(2, ['Ann Lee', '1 Main St', 'Apt 2', 'Austin', '512-555-3501', 'ann35@example.com'], 'This row has 6 cells but the file has 5 columns');
      await writer.close();
      // The office merges "1 Main St" and " Apt 2", deleting the cell the second was in.
      const fixed = readFileSync(path, 'utf8').replace('1 Main St,Apt 2,', '"1 Main St, Apt 2",');
      expect(fixed).toContain('"1 Main St, Apt 2",Austin');
      const { rows, headers: read } = await readAll(tmp.file('fixed.csv', fixed));
      const check = createRowValidator({ mapping: suggestMapping(read ?? []) });
      expect(check(rows[0]?.cells ?? [])).toMatchObject({ ok: true, lead: { address1: '1 Main St, Apt 2', city: 'Austin', phone: '+15125553501', email: 'ann35@example.com' } });
    } finally {
      tmp.cleanup();
    }
  });
});

describe('a ="text" formula (how exports keep Excel from turning a ZIP or a phone into a number)', () => {
  it('is read as the text Excel shows: the phone was refused and the ZIP kept its formula', async () => {
    const tmp = tempDir();
    try {
      const path = tmp.file('forced-text.csv', 'First name,Phone,ZIP,Notes\r\nAnn,"=""(512) 555-0142""","=""02134""","=SUM(1,2)"\r\n');
      const { rows, headers } = await readAll(path);
      expect(rows[0]?.cells).toEqual(['Ann', '(512) 555-0142', '02134', '=SUM(1,2)']);
      const check = createRowValidator({ mapping: suggestMapping(headers ?? []) });
      expect(check(rows[0]?.cells ?? [])).toMatchObject({ ok: true, lead: { phone: '+15125550142', postalCode: '02134', notes: '=SUM(1,2)' } });
    } finally {
      tmp.cleanup();
    }
  });
});

describe("Excel's text marker (a leading apostrophe)", () => {
  it('is ignored when a cell is read, so an exported phone imports again', async () => {
    const tmp = tempDir();
    try {
      // What our own export writes for a phone: the apostrophe keeps Excel from reading "+1…" as a formula.
      const path = tmp.file('export.csv', "First name,Phone,ZIP,Notes\r\nAnn,'+15125550142,'02134,'=HYPERLINK(\"x\")\r\n");
      const { rows, headers } = await readAll(path);
      const check = createRowValidator({ mapping: suggestMapping(headers ?? []) });
      expect(check(rows[0]?.cells ?? [])).toMatchObject({
        ok: true,
        lead: { firstName: 'Ann', phone: '+15125550142', postalCode: '02134', notes: '=HYPERLINK("x")' },
      });
    } finally {
      tmp.cleanup();
    }
  });

  it('writes a chunk of rows at once exactly as row by row', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'rejected-chunk.csv');
      const writer = rejectedRowsWriter(path, ['Name', 'Phone']);
      await writer.writeAll([
        { rowNumber: 3, cells: ['Bo', '=1+1'], reason: 'Phone has no area code' },
        { rowNumber: 7, cells: ['Short'], reason: 'This row has 1 cells but the file has 2 columns' },
      ]);
      await writer.writeAll([]);
      await writer.close();
      expect(writer.rowsWritten).toBe(2);
      expect(readFileSync(path, 'utf8')).toBe(
        "\uFEFFReason,Name,Phone\r\nRow 3: Phone has no area code,Bo,\"'=1+1\"\r\nRow 7: This row has 1 cells but the file has 2 columns,Short\r\n",
      );
    } finally {
      tmp.cleanup();
    }
  });
});
