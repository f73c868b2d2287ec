import { describe, expect, it } from 'vitest';
import { headerKey, NO_CONTACT_COLUMN_ERROR, suggestMapping, validateMapping } from '../../../electron/parsing/mapping';

const fieldOf = (header: string) => suggestMapping([header]).columns[0]?.field;

describe('suggestMapping', () => {
  it.each([
    ...['Homeowner', 'Customer', 'Client Name', 'Full Name', 'Name'].map((h) => [h, 'fullName']),
    ...['First', 'First Name', 'FName'].map((h) => [h, 'firstName']),
    ...['Last', 'Last Name', 'LName', 'Surname'].map((h) => [h, 'lastName']),
    ...['Cell', 'Mobile', 'Phone 1', 'Primary Phone', 'Home Phone', 'Phone Number', 'Tel', 'Phone #', 'Work Phone (Office)'].map((h) => [h, 'phone']),
    ...['Email', 'E-mail', 'Email Address', 'EMAIL_ADDRESS'].map((h) => [h, 'email']),
    ...['Job Address', 'Property Address', 'Street', 'Address'].map((h) => [h, 'address1']),
    ...['City', 'Town'].map((h) => [h, 'city']),
    ...['Zip', 'Zip Code', 'Postal', 'ZIP/Postal'].map((h) => [h, 'postalCode']),
    ...['St', 'State/Province', 'State'].map((h) => [h, 'state']),
    ...['Lead Source', 'Referral'].map((h) => [h, 'source']),
    ...['Comments', 'Notes', 'Job Notes'].map((h) => [h, 'notes']),
    ...['Last Job', 'Install Date', 'Service Date', 'Date of Service'].map((h) => [h, 'lastServiceDate']),
    ...['DNC', 'Do Not Call', 'Opt Out', 'SMS Opt-Out'].map((h) => [h, 'doNotContact']),
    ...['Country'].map((h) => [h, 'country']),
    ...['TCPA Consent', 'Opt In'].map((h) => [h, 'consentNote']),
    ...['Phone Type', 'Customer ID', 'Date of Birth', 'Reason'].map((h) => [h, 'ignore']),
  ])('%s → %s', (header, field) => {
    expect(fieldOf(header)).toBe(field);
  });

  // Headers of real exports that fed the wrong field: a customer who asked to stop went unmarked ("DNC Status"),
  // a rep's surname became the homeowner's, a fax number was texted, a follow-up date became the service date.
  it.each([
    ...['DNC Status', 'Do Not Call Status', 'Opt Out Status', 'Text Opt-Out Status', 'Do Not Text'].map((h) => [h, 'doNotContact']),
    ...['Sales Rep Name', 'Spouse Name', 'Job Name', 'Salesperson', 'Fax', 'Fax Number', 'Last Contacted', 'Last Activity'].map((h) => [h, 'ignore']),
    ...['Appointment Date', 'Follow Up Date', 'Date Sold', 'Current Milestone Date'].map((h) => [h, 'ignore']),
    ...['Source Name'].map((h) => [h, 'source']),
    ...['OK to Text', 'Ok To SMS', 'Text Permission', 'SMS Opt-In'].map((h) => [h, 'consentNote']),
    ...['Location Address City', 'Address City'].map((h) => [h, 'city']),
    ...['Location Address State', 'Billing Address State'].map((h) => [h, 'state']),
    ...['Location Address Zip'].map((h) => [h, 'postalCode']),
    ...['Location Address', 'Location Address Line 1'].map((h) => [h, 'address1']),
    ...['Roof Replaced Date', 'Install Completed'].map((h) => [h, 'lastServiceDate']),
  ])('%s → %s', (header, field) => {
    expect(fieldOf(header)).toBe(field);
  });

  it('maps every do-not-contact column of a file: a "yes" in any of them keeps the lead out', () => {
    const fields = suggestMapping(['Name', 'Mobile', 'Do Not Call', 'Do Not Text']).columns.map((column) => column.field);
    expect(fields).toEqual(['fullName', 'phone', 'doNotContact', 'doNotContact']);
    expect(validateMapping(suggestMapping(['Name', 'Mobile', 'Do Not Call', 'Do Not Text']))).toEqual({ ok: true });
  });

  it('normalises case, punctuation, spaces and a BOM', () => {
    expect(suggestMapping(['\uFEFFfirst  NAME', ' e_mail ', 'ZIP-CODE', 'Téléphone']).columns.map((column) => column.field)).toEqual([
      'firstName', 'email', 'postalCode', 'phone',
    ]);
  });

  it('gives exact synonyms full confidence and keyword matches less', () => {
    const [exact, keyword, unknown] = suggestMapping(['Cell', 'Husband Cell #', 'Favorite Color']).columns;
    expect(exact).toMatchObject({ field: 'phone', confidence: 1 });
    expect(keyword).toMatchObject({ field: 'phone', confidence: 0.6 });
    expect(unknown).toMatchObject({ field: 'ignore', confidence: 0 });
  });

  it('allows several phone columns and keeps duplicate headers at their own index', () => {
    const { columns } = suggestMapping(['Name', 'Phone', 'Phone', 'Cell']);
    expect(columns.map((column) => [column.index, column.header, column.field])).toEqual([
      [0, 'Name', 'fullName'], [1, 'Phone', 'phone'], [2, 'Phone', 'phone'], [3, 'Cell', 'phone'],
    ]);
  });

  it('keeps the more specific column when two compete for a single field', () => {
    const { columns } = suggestMapping(['Mailing Address', 'Property Address', 'City', 'City']);
    expect(columns.map((column) => column.field)).toEqual(['ignore', 'address1', 'city', 'ignore']);
  });

  // A review: "Last Job" holding "Roof replacement · Gutters" was mapped to the last service date, and every row went to
  // GHL with a note "Last service date (not understood): Roof replacement".
  it('maps a "Last Job" column of job names to the job type, and keeps every other date column a date', () => {
    const fields = (header: string, values: string[]) => suggestMapping(['Phone', header], values.map((value) => ['512-555-0100', value])).columns[1]?.field;
    expect(fields('Last Job', ['Roof replacement · Gutters', 'Repair', '', 'N/A', '3/4/2019'])).toBe('jobType');
    expect(fields('Last Job', ['3/4/2019', '2020-01-02', 'Repair'])).toBe('lastServiceDate');
    // Years, placeholders, yes/no and words under a header not about the job stay dates (kept in the notes when not read).
    expect(fields('Last Job', ['2015', '2008', 'N/A'])).toBe('lastServiceDate');
    expect(fields('Job Date', ['TBD', 'N/A', '3/4/2020'])).toBe('lastServiceDate');
    expect(fields('Job Completed', ['Yes', 'No', 'Yes'])).toBe('lastServiceDate');
    expect(fields('Install Date', ['soon', 'next spring'])).toBe('lastServiceDate');
    expect(fields('Roof Installed', ['2015', '2008'])).toBe('lastServiceDate');
    // A job type column of its own keeps the field; the other stays the date.
    const both = suggestMapping(['Phone', 'Job Type', 'Last Job'], [['512-555-0100', 'Roof', 'Gutters']]).columns.map((c) => c.field);
    expect(both).toEqual(['phone', 'jobType', 'lastServiceDate']);
  });

  it('recognises phone and email columns from their content when there is no header', () => {
    const rows = [
      ['John Smith', '(212) 867-5309', 'john@example.com', 'blue'],
      ['Mary Jones', '214-555-0143', 'mary@example.com', 'red'],
    ];
    expect(suggestMapping(['Column 1', 'Column 2', 'Column 3', 'Column 4'], rows).columns.map((column) => column.field)).toEqual([
      'ignore', 'phone', 'email', 'ignore',
    ]);
  });
});

describe('headerKey', () => {
  it('is stable across cosmetic differences and changes with the columns', () => {
    expect(headerKey(['First Name', 'Phone'])).toBe(headerKey(['\uFEFFfirst name ', 'PHONE']));
    expect(headerKey(['First Name', 'Phone'])).not.toBe(headerKey(['Phone', 'First Name']));
    expect(headerKey(['First Name', 'Phone'])).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('validateMapping', () => {
  it('requires a phone or email column', () => {
    const mapping = suggestMapping(['Name', 'City']);
    expect(validateMapping(mapping)).toEqual({ ok: false, errors: [NO_CONTACT_COLUMN_ERROR] });
    expect(validateMapping(suggestMapping(['Name', 'Email']))).toEqual({ ok: true });
  });

  it('rejects a single-value field mapped twice', () => {
    const result = validateMapping({
      columns: [
        { index: 0, header: 'Phone', field: 'phone', confidence: 1 },
        { index: 1, header: 'City', field: 'city', confidence: 1 },
        { index: 2, header: 'Town', field: 'city', confidence: 1 },
      ],
    });
    expect(result).toEqual({ ok: false, errors: ['Columns "City" and "Town" are both mapped to City: keep one and ignore the other'] });
  });
});
