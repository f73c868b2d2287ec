/**
 * A column the mapping leaves out whose cells say the customer opted out ("Flags": "DNC"): nothing said so, and an office
 * that did not look texted them. The wizard's mapping step and `rlm import` now warn (shared/opt-out-words.ts).
 */
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../../electron/parsing/mapping';
import { createRowValidator } from '../../../electron/parsing/row-validator';
import { ignoredOptOutCounter, ignoredOptOutText, optOutsInIgnoredColumns, saysOptedOut } from '../../../shared/opt-out-words';

describe('opt-outs in a column that is not imported', () => {
  const headers = ['Name', 'Mobile', 'Flags', 'Rep', 'GHL Status', 'Notes'];
  const rows = [
    ['Ann Lee', '(512) 555-0110', 'VIP', 'Sam', 'dnd', 'said DNC in 2021'],
    ['Bob Day', '(512) 555-0111', 'DNC', 'Sam', 'synced', ''],
    ['Cy Moe', '(512) 555-0112', 'Do Not Call', 'Sam', '', ''],
    ['Di Rae', '(512) 555-0113', '', 'Sam', '', ''],
  ];

  it('names the ignored column, one of its cells and how many of the sample say so', () => {
    const mapping = suggestMapping(headers, rows);
    expect(mapping.columns.map((column) => column.field)).toEqual(['fullName', 'phone', 'ignore', 'ignore', 'ignore', 'notes']);
    // Not "GHL Status" (the app's own export's column, ignored by name on purpose), nor the notes (imported).
    const found = optOutsInIgnoredColumns(mapping.columns, rows);
    expect(found).toEqual([{ header: 'Flags', example: 'DNC', rows: 2, sampled: 4, isWholeFile: false, other: 'VIP' }]);
    // Mapped so, "VIP" would keep Ann out too (an unknown value reads as an opt-out): said, not hidden.
    expect(ignoredOptOutText(found[0]!)).toBe(
      '“Flags” is not imported, but it says “DNC” in 2 of the first 4 rows: if it marks customers who asked not to be texted, map it to “Do not contact”, or they will be texted. ' +
        'Its other values, such as “VIP”, then keep their leads out too (the review lists them).',
    );
    expect(ignoredOptOutText({ ...found[0]!, other: null })).toMatch(/or they will be texted\.$/);
    // Mapped to Do not contact, it is no longer said.
    const mapped = mapping.columns.map((column) => (column.header === 'Flags' ? { ...column, field: 'doNotContact' as const, confidence: 1 } : column));
    expect(optOutsInIgnoredColumns(mapped, rows)).toEqual([]);
  });

  it('reads whole words only', () => {
    for (const text of ['DNC', 'dnc list', 'Do-Not-Text', 'do not contact', 'Opted Out', 'opt-out', 'UNSUBSCRIBED', 'Lost (DND)']) expect(saysOptedOut(text), text).toBe(true);
    for (const text of ['Not Interested', 'Job Stopped', 'Optometrist', 'Lockout', 'Outbound', 'Do not knock', 'dncx']) expect(saysOptedOut(text), text).toBe(false);
  });

  // A review: words offices type were missed, and a list-cleaning tag on every row ("DNC Scrubbed") kept a whole file out.
  it('reads the ways offices write it, and not a checked list, an email unsubscribe or a permission to text', () => {
    for (const text of ["Don't Text", 'Dont Call', 'Don’t text', 'Do not txt', 'No Texts', 'No SMS', 'DNT', 'STOP', 'Unsubscribe', 'Do Not Solicit', 'Opted out of texts']) {
      expect(saysOptedOut(text), text).toBe(true);
    }
    for (const text of ['DNC Scrubbed', 'DNC Clear', 'DNC Checked', 'Not DNC', 'Removed from DNC', 'DNC: No', 'Text Only - Do Not Call', 'Do not call before 10am', 'Email Unsubscribed', 'Opted out of financing', 'No Contact Made', 'Stop sign repair']) {
      expect(saysOptedOut(text), text).toBe(false);
    }
    // The second review: the first cut of those exceptions read "email" or "until" anywhere, and these were texted.
    for (const text of ['Do Not Text - Email Only', 'DNC - Email only', 'Opted out after first text', 'Unsubscribed after promo', 'Do not contact until further notice', 'Removed - DNC', 'Opted out of everything', 'Opted out of future contact', 'Opted out of promotional texts', 'Opted out via email', 'DNC: Checked', 'DNC: 2021-05-01']) {
      expect(saysOptedOut(text), text).toBe(true);
    }
    // A field's name and its value ("DNC Status: No"), and a follow-up's status, are no opt-out.
    for (const text of ['DNC - No', 'DNC: N/A', 'DNC Status: No', 'Do Not Call: No', 'Opt-Out: False', 'DND: Off', 'No Text Back', 'No text response', 'No SMS sent', 'Stopped']) {
      expect(saysOptedOut(text), text).toBe(false);
    }
  });

  // A review found each of these imported as sendable: a STOP reply logged, a request to stop, and numbers no text may
  // reach (a stranger's, a deceased customer's).
  it('reads a STOP reply logged, a request to stop, a wrong number and a deceased customer', () => {
    for (const text of ['Texted STOP', 'sms-stop', 'STOP received', 'Replied STOP', 'Remove from list', 'Removed from texts', 'Cease and desist', 'Never call again', 'Wrong Number', 'Deceased']) {
      expect(saysOptedOut(text), text).toBe(true);
    }
    for (const text of ['Removed from DNC list', 'Roof stopped leaking', 'Wrongly billed', 'Stop by Tuesday', 'Wrong number - corrected']) expect(saysOptedOut(text), text).toBe(false);
  });

  // A review: "Contact Status: DNC" beside the CRM status ("Job Status") was left out with a warning only; `rlm import`
  // exited 0 and the customer was texted. A status column left out is read for opt-outs, as the CRM status is.
  it('reads a second status column left out for opt-outs, and says so in the review instead of warning to map it', () => {
    const statusHeaders = ['Name', 'Phone', 'Job Status', 'Contact Status', 'Email Status'];
    const statusRows = [['Ann Lee', '512-555-4701', 'Won', 'DNC', 'Unsubscribed'], ['Bob Day', '512-555-4702', 'Lost', 'Active', 'Subscribed']];
    const mapping = suggestMapping(statusHeaders, statusRows);
    expect(mapping.columns.map((column) => column.field)).toEqual(['fullName', 'phone', 'crmStatus', 'ignore', 'ignore']);
    expect(optOutsInIgnoredColumns(mapping.columns, statusRows)).toEqual([]);
    const validate = createRowValidator({ mapping });
    const ann = validate(statusRows[0]!);
    expect(ann).toMatchObject({ ok: true, lead: { doNotContact: true, crmStatus: 'Won' } });
    expect(ann.ok && ann.warnings).toEqual([expect.objectContaining({ field: 'doNotContact', column: 'Contact Status', message: '"DNC" in "Contact Status" (not imported) was read as "do not contact"' })]);
    // An email's subscription is no text opt-out; "Active" says nothing.
    expect(validate(statusRows[1]!)).toMatchObject({ ok: true, lead: { doNotContact: false }, warnings: [] });
    // The status of something else than the customer (her insurance claim) is not read (the diff's review).
    const insurance = suggestMapping(['Name', 'Phone', 'Insurance Status'], [['Ann', '512-555-4701', 'Opted out']]);
    expect(createRowValidator({ mapping: insurance })(['Ann', '512-555-4701', 'Opted out'])).toMatchObject({ ok: true, lead: { doNotContact: false } });
  });

  // A review: "SMS: No" was read as a phone ("contains letters"), "Can Text: No" and "Textable: N" were left out: each
  // customer was texted.
  it('a permission to text is read as consent, whatever its header, and its "No" keeps the lead out', () => {
    const consentHeaders = ['Name', 'Phone', 'SMS', 'Can Text', 'Textable', 'Texting Allowed'];
    const mapping = suggestMapping(consentHeaders, [['Ann Sms', '512-555-3801', 'No', 'Yes', 'Y', 'yes'], ['Bob Day', '512-555-3802', 'Yes', 'No', 'N', 'no']]);
    expect(mapping.columns.map((column) => column.field)).toEqual(['fullName', 'phone', 'consentNote', 'consentNote', 'consentNote', 'consentNote']);
    const validate = createRowValidator({ mapping });
    for (const row of [['Ann Sms', '512-555-3801', 'No', '', '', ''], ['Bob', '512-555-3802', '', 'No', '', ''], ['Cy', '512-555-3803', '', '', 'N', ''], ['Di', '512-555-3804', '', '', '', 'no']]) {
      expect(validate(row), row.join()).toMatchObject({ ok: true, lead: { phone: expect.stringMatching(/^\+1512555380/), doNotContact: true } });
    }
    // A column named SMS that holds numbers is still a phone; so is a header that names the number (the diff's review), and
    // a yes/no "Mobile" column says whether a number is a mobile, not whether she may be texted.
    expect(suggestMapping(['Name', 'SMS'], [['Ann', '512-555-3801']]).columns[1]?.field).toBe('phone');
    const numbers = suggestMapping(['Textable Phone', 'Can Text Number', 'Mobile'], [['512-555-3801', '512-555-3802', 'N']]);
    expect(numbers.columns.map((column) => column.field)).toEqual(['phone', 'phone', 'phone']);
  });

  // Opt-outs are rare: the first 20 rows of a file with 2% of them say nothing two times in three (a review). The review
  // reads every row.
  it('counts them over the whole file for the review', () => {
    const counter = ignoredOptOutCounter([{ index: 0, header: 'Flags', field: 'ignore', confidence: 0 }]);
    for (let i = 0; i < 1_000; i++) counter.add([i % 50 === 49 ? 'DNC' : '']);
    const [flags] = counter.result(true);
    expect(flags).toEqual({ header: 'Flags', example: 'DNC', rows: 20, sampled: 1_000, isWholeFile: true, other: null });
    expect(ignoredOptOutText(flags!, 'go back to Columns and map it to “Do not contact”')).toBe(
      '“Flags” is not imported, but it says “DNC” in 20 of its 1,000 rows: if it marks customers who asked not to be texted, go back to Columns and map it to “Do not contact”, or they will be texted.',
    );
  });

  it('does not send an email subscription column to Do not contact', () => {
    const columns = [{ index: 0, header: 'Email Status', field: 'ignore', confidence: 0.6 }];
    expect(optOutsInIgnoredColumns(columns, [['Unsubscribed'], ['Subscribed']])).toEqual([]);
    // One of email and texts is a text's too.
    expect(optOutsInIgnoredColumns([{ ...columns[0]!, header: 'Email/SMS Opt Out' }], [['Opted out'], ['']])).toMatchObject([{ header: 'Email/SMS Opt Out', rows: 1 }]);
  });
});
