/**
 * Each row's own country decides how its phone is read (issue #14): one function for the lead form,
 * the import and edits. Written before the fix: the import read every phone as US.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadZipDirectory, type ZipDirectory } from '../../../electron/pacing';
import { placeLead } from '../../../electron/pacing/lead-zone';
import { suggestMapping } from '../../../electron/parsing/mapping';
import { countryCode } from '../../../electron/parsing/countries';
import { normalizePhone, readLeadPhone } from '../../../electron/parsing/phone';
import { createRowValidator } from '../../../electron/parsing/row-validator';

const headers = ['Name', 'Phone', 'Email', 'Country'];
const validate = createRowValidator({ mapping: suggestMapping(headers) });

describe('the row’s country reads its phone', () => {
  it('reads a Mexican row as +52, not as a New Jersey number', () => {
    const result = validate(['Ana Ruiz', '55 1234 5678', '', 'MX']);
    expect(result).toMatchObject({ ok: true, lead: { phone: '+525512345678', country: 'MX' } });
    expect(validate(['Ana Ruiz', '55 1234 5678', '', 'México'])).toMatchObject({ ok: true, lead: { phone: '+525512345678', country: 'MX' } });
  });

  it('reads a UK row under GB and a US row as before', () => {
    expect(validate(['Al', '020 7946 0958', '', 'United Kingdom'])).toMatchObject({ ok: true, lead: { phone: '+442079460958', country: 'GB' } });
    expect(validate(['Al', '(512) 555-0142', '', 'USA'])).toMatchObject({ ok: true, lead: { phone: '+15125550142', country: 'US' } });
  });

  // A review: "+44 20 7946 0958" on a row with no country passed without a word, the lead read "London, US", and a US
  // campaign's number would have texted it abroad. The lead is kept, and the review asks (with the phone field to correct).
  it('warns of a number outside the US and Canada on a US row, and not on a row of its own country', () => {
    const noCountry = createRowValidator({ mapping: suggestMapping(['Name', 'Phone']) });
    const uk = noCountry(['Al Hart', '+44 20 7946 0958']);
    expect(uk).toMatchObject({ ok: true, lead: { phone: '+442079460958', country: 'US' } });
    expect(uk.ok && uk.warnings).toEqual([
      { field: 'phone', column: 'Phone', message: 'Phone "+44 20 7946 0958" is not a US or Canadian number (United Kingdom): check it is this customer\'s; it would be texted there, in its own hours' },
    ]);
    expect(validate(['Al', '+44 20 7946 0958', '', 'USA'])).toMatchObject({ ok: true, warnings: [{ field: 'phone' }] });
    // Its own country's row, a Canadian number, a Puerto Rico number: no word.
    expect(validate(['Al', '020 7946 0958', '', 'United Kingdom'])).toMatchObject({ ok: true, warnings: [] });
    expect(noCountry(['Al', '(416) 555-0142'])).toMatchObject({ ok: true, warnings: [] });
    expect(noCountry(['Al', '(787) 555-0142'])).toMatchObject({ ok: true, warnings: [] });
  });

  it('a junk country does not steer the parse: the phone is read as US and the warning says so', () => {
    const result = validate(['Al', '(512) 555-0142', '', 'ZZ']);
    expect(result).toMatchObject({ ok: true, lead: { phone: '+15125550142', country: 'ZZ' } });
    expect(result.ok && result.warnings.map((w) => w.message)).toEqual(['Country "ZZ" was not recognised; kept as typed, and the phone was read as a US number']);
  });

  // A placeholder or a misspelling in the Country column ("N/A", "Untied States") was kept as typed, and the row read as
  // foreign: its state and ZIP were neither cleaned nor used to place it, so an Austin customer with a New York mobile
  // was placed in New York by the area code and texted from 08:00 there, 07:00 in Austin, on Sunday mornings Texas
  // forbids; GHL got "N/A" as the country. A row naming a US state, or a US ZIP beside a +1 number, is a US row.
  describe('a country the tables do not know, beside a US state or ZIP', () => {
    const full = createRowValidator({ mapping: suggestMapping(['Name', 'Phone', 'Country', 'State', 'Zip']) });
    let zips: ZipDirectory;
    beforeAll(async () => {
      zips = await loadZipDirectory();
    });

    it.each(['N/A', 'Untied States', '-'])('"%s" with Texas and an Austin ZIP: a US row, placed in Austin, the text kept in the notes', (typed) => {
      const result = full(['Ann Lee', '(212) 555-0142', typed, 'Texas', '78701']);
      expect(result).toMatchObject({ ok: true, lead: { phone: '+12125550142', country: 'US', state: 'TX', postalCode: '78701' } });
      if (!result.ok) return;
      if (typed !== '-') {
        expect(result.lead.notes).toContain(`Country (not understood): ${typed}`);
        expect(result.warnings.map((w) => w.message)).toContain(`Country "${typed}" was not recognised; read as US (the row's phone, and its state or ZIP, are), kept in the notes`);
      }
      expect(placeLead(result.lead, 'America/New_York', zips)).toMatchObject({ timeZone: 'America/Chicago', state: 'TX' });
    });

    it('a US ZIP beside a +1 number is a US row too; a foreign row keeps its country as typed', () => {
      expect(full(['Ann Lee', '(212) 555-0142', 'N/A', '', '78701'])).toMatchObject({ ok: true, lead: { country: 'US', postalCode: '78701' } });
      // A German row (its postcode has five digits too) is not made American by its postcode.
      expect(full(['Udo Kern', '+49 89 12345678', 'Deutschland', 'Bayern', '80331'])).toMatchObject({ ok: true, lead: { country: 'Deutschland', postalCode: '80331' } });
      // Nor an Italian one by its province (MI is Michigan's code too) and CAP; nor a Dominican +1 number by a US-like ZIP;
      // nor a row with no phone to tell (a review).
      expect(full(['Ugo Bassi', '+39 02 1234 5678', 'Italia', 'MI', '20121'])).toMatchObject({ ok: true, lead: { country: 'Italia' } });
      expect(full(['Ana Paz', '+1 809 555 0142', 'Rep. Dominicana', '', '10101'])).toMatchObject({ ok: true, lead: { country: 'Rep. Dominicana' } });
      const noPhone = createRowValidator({ mapping: suggestMapping(['Name', 'Email', 'Country', 'State']) });
      expect(noPhone(['Ugo Bassi', 'ugo@example.it', 'Italia', 'MI'])).toMatchObject({ ok: true, lead: { country: 'Italia' } });
    });
  });

  it('readLeadPhone is the one function: country text in, E.164 out', () => {
    expect(readLeadPhone('55 1234 5678', 'mexico')).toMatchObject({ ok: true, e164: '+525512345678' });
    expect(readLeadPhone('55 1234 5678', null)).toMatchObject({ ok: true, e164: '+15512345678' });
    expect(readLeadPhone('55 1234 5678', 'Atlantis')).toMatchObject({ ok: true, e164: '+15512345678' });
  });
});

describe('countryCode: only real ISO codes or country names', () => {
  it.each([
    ['MX', 'MX'], ['mx', 'MX'], ['Mexico', 'MX'], ['México', 'MX'], ['Germany', 'DE'], ['United States', 'US'], ['U.S.A.', 'US'],
    ['Canada', 'CA'], ['UK', 'GB'], ['England', 'GB'],
  ])('%s → %s', (raw, code) => {
    expect(countryCode(raw)).toBe(code);
  });
  it.each(['ZZ', 'XX', 'QQ', 'Narnia', 'N/A', 'na', '12', 'EU'])('%s is not a country', (raw) => {
    expect(countryCode(raw)).toBeNull();
  });
});

describe('phone text people and Excel produce', () => {
  it.each([
    ['512-555-0142 ext: 12', '+15125550142', '12'],
    ['512-555-0142 x. 12', '+15125550142', '12'],
    ['512-555-0142 #12', '+15125550142', '12'],
    ['(512) 555-0142 Ext: 7', '+15125550142', '7'],
    ['0044 20 7946 0958', '+442079460958', null],
    ['011 44 20 7946 0958', '+442079460958', null],
    ['00 52 55 1234 5678', '+525512345678', null],
  ])('%s → %s ext %s', (raw, e164, ext) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164, ext });
  });

  it.each(['5.12555E+09', '5.12555e+9', '5,12555E+09', '5E+09'])('%s gets the Excel reason', (raw) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason: 'Excel shortened this number: format the column as Text and export again', blank: false });
  });
});
