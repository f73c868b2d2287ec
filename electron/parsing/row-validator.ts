/**
 * Turns one CSV row into a clean lead draft, or into reasons why it cannot be imported.
 *
 * Policy: a lead needs one way to be contacted — a valid phone or a valid email. Anything else
 * that is wrong (a second bad phone, an unreadable date, an unknown ZIP) is kept in notes and
 * reported as a warning, so no information typed by the office is lost. Hand-written checks
 * instead of a zod schema per row: IMPORT-NOTES measured zod at ~7x the cost.
 */
import { isStatusReadForOptOuts, parseDoNotContact, saysOptedOut } from '../../shared/opt-out-words';
import { phoneColumnRank } from '../../shared/import-mapping';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { parseServiceDate } from './dates';
import { normalizeEmail } from './email';
import { isLeadField, type LeadField } from './fields';
import { customFieldIdOf, isCustomFieldTarget } from '../../shared/custom-fields';
import type { ColumnMapping } from './mapping';
import { countryCode } from './countries';
import { dropsNameWords, splitFullName, tidyCase } from './names';
import { readLeadPhone } from './phone';
import { phoneKind, phoneTypeColumns, type PhoneKind } from './phone-types';
import { withoutInstruction } from './reason-text';
import { usStateCode } from './us-states';
import { caPostalCode, caProvinceCode } from '../../shared/ca-provinces';
import { LENGTH_LIMITS } from './length-limits';
import { keptTags, splitTags } from './tags';
import { readContactValues, type ContactKey } from './contact-values';

export interface LeadDraft {
  firstName: string | null;
  lastName: string | null;
  /** E.164, e.g. "+12128675309". */
  phone: string | null;
  /** The phone cell as typed (trimmed), for display and audit. */
  phoneRaw: string | null;
  phoneExt: string | null;
  email: string | null;
  /** Lower-cased email, for duplicate detection. */
  emailKey: string | null;
  address1: string | null;
  city: string | null;
  /** 2-letter code for US addresses. */
  state: string | null;
  postalCode: string | null;
  /** ISO 3166 alpha-2. */
  country: string | null;
  source: string | null;
  notes: string | null;
  /** ISO date YYYY-MM-DD. */
  lastServiceDate: string | null;
  consentNote: string | null;
  doNotContact: boolean;
  /** The customer's company (GHL `companyName`). */
  companyName: string | null;
  /** ISO date YYYY-MM-DD: when the lead first came in, per the old CRM. */
  originalDate: string | null;
  crmStatus: string | null;
  jobType: string | null;
  /** Tags from the old CRM, de-duplicated, joined with "; " (sent as extra GHL tags). */
  crmTags: string | null;
  /**
   * The file row it came from (as a spreadsheet numbers it), for the consent record. Set by the import's
   * reader (the validator sees cells, not rows); absent for a lead typed in.
   */
  sourceRow?: number | null;
  /** Values of the columns mapped to GHL custom fields (non-empty cells only), sent with the contact. */
  customValues: CustomValue[];
  /**
   * The row's phones and emails other than the lead's own (a Home Phone column, a second email; for a row marked
   * do-not-contact also "…0150 / …0151" in one cell). The customer's all the same: one of them on the opt-out list
   * keeps the lead from being texted, and a row marked do-not-contact lists them all. Absent when there are none.
   */
  otherContactKeys?: ContactKey[] | undefined;
}

export interface CustomValue {
  /** The GHL custom field's id. */
  fieldId: string;
  value: string;
}

export interface RowIssue {
  /** The lead field concerned, or 'row' for the row as a whole. */
  field: LeadField | 'row';
  /** Header of the column concerned, when there is one. */
  column: string | null;
  message: string;
}

export type RowValidation =
  | {
      ok: true;
      lead: LeadDraft;
      warnings: RowIssue[];
      /** The header of the column the phone was taken from (null without a phone): a "Home Phone" is often a landline. */
      phoneHeader: string | null;
    }
  | {
      ok: false;
      reasons: RowIssue[];
      /**
       * A refused row the file marks do-not-contact: its usable phones and emails, which go on the opt-out list all
       * the same (the customer's STOP is not lost with the row). Absent otherwise.
       */
      optOutKeys?: ContactKey[];
    };

export interface RowValidatorOptions {
  mapping: ColumnMapping;
  defaultCountry?: CountryCode;
}

export { LENGTH_LIMITS };

export const NO_CONTACT_REASON = 'No phone or email: a lead needs at least one way to be contacted';

interface Column {
  index: number;
  header: string;
}

type ColumnsByField = Record<LeadField, Column[]>;

interface CustomColumn extends Column {
  fieldId: string;
}

export function createRowValidator(options: RowValidatorOptions): (cells: readonly string[]) => RowValidation {
  const defaultCountry = options.defaultCountry ?? 'US';
  const columns = groupColumns(options.mapping);
  const customColumns = customFieldColumns(options.mapping);
  const singleNotesColumn = columns.notes.length === 1;
  const statusColumnsLeftOut = options.mapping.columns.filter(isStatusReadForOptOuts);
  // "Phone Type 1: Fax" beside "Phone 1" (phone-types.ts): most files have none, and their rows pay nothing for it.
  const phoneTypes = phoneTypeColumns(options.mapping.columns, columns.phone);

  return (cells) => {
    const reasons: RowIssue[] = [];
    const warnings: RowIssue[] = [];
    const extraNotes: string[] = [];
    const cell = (column: Column | undefined): string => (column ? clean(cells[column.index] ?? '') : '');
    const capped = (field: LeadField, column: Column | undefined, limit: number, label: string): string | null => {
      const value = cell(column);
      if (value.length === 0) return null;
      if (value.length > limit) {
        reasons.push({ field, column: column?.header ?? null, message: `${label} is longer than ${limit} characters (${value.length})` });
        return null;
      }
      return value;
    };
    const truncated = (field: LeadField | 'row', column: Column | null, value: string, limit: number, label: string): string => {
      if (value.length <= limit) return value;
      warnings.push({ field, column: column?.header ?? null, message: `${label} was cut to ${limit} characters (it had ${value.length})` });
      return value.slice(0, limit);
    };

    // Names: explicit first/last columns win; a full-name column fills what is missing.
    let firstName = capped('firstName', columns.firstName[0], LENGTH_LIMITS.name, 'First name');
    let lastName = capped('lastName', columns.lastName[0], LENGTH_LIMITS.name, 'Last name');
    if (firstName) firstName = tidyCase(firstName);
    if (lastName) lastName = tidyCase(lastName);
    let fullNameCompany: string | null = null;
    if ((!firstName || !lastName) && columns.fullName[0]) {
      const fullName = capped('fullName', columns.fullName[0], LENGTH_LIMITS.name * 2, 'Name');
      if (fullName) {
        const split = splitFullName(fullName);
        firstName ??= split.firstName;
        lastName ??= split.lastName;
        // What the split left out (a second surname, a second person) stays with the lead, as written (an import review).
        if (split.companyName === undefined && dropsNameWords(fullName, [firstName, lastName])) extraNotes.push(`Name as written: ${fullName}`);
        // A business in the name column: its name goes where a company's does, unless the row has a column for it.
        fullNameCompany = split.companyName ?? null;
      }
    }

    // The row's own country, first: it decides how the row's phones are read.
    const countryText = capped('country', columns.country[0], LENGTH_LIMITS.country, 'Country');
    let country: string | null = defaultCountry;
    // Text the tables do not know as a country: settled once the row's phone is read (below).
    let unknownCountry: string | null = null;
    if (countryText) {
      country = countryCode(countryText);
      if (country === null) {
        country = countryText;
        unknownCountry = countryText;
      }
    }

    // Phones: the first valid number wins; other numbers and unusable text go to notes.
    let phone: string | null = null;
    let phoneRaw: string | null = null;
    let phoneExt: string | null = null;
    let phoneHeader: string | null = null;
    // Made only for a row that has one, as the maps below: this runs for every row of a file.
    let badPhones: RowIssue[] | null = null;
    // Per bad value, made only for a row that has one (this runs for every row of a file): the note line that
    // keeps it, and the review's warning when the lead is imported without it.
    let notImported: Map<RowIssue, { note: string; warning: string }> | null = null;
    // The row's other numbers and emails, read here already (made only for a row that has one).
    let otherKeys: ContactKey[] | undefined;
    // A phone cell that says do not contact beside its number ("512-555-3902 (DNC)"): the customer's word, for the row.
    let optedOutPhoneCell: { column: Column; raw: string } | null = null;
    const kindOf = (column: Column): PhoneKind => {
      const type = phoneTypes.get(column.index);
      return type ? phoneKind(cell(type)) : 'other';
    };
    // A mobile first: the first valid number is the one texted.
    const phoneColumns = phoneTypes.size === 0 ? columns.phone : [...columns.phone].sort((a, b) => Number(kindOf(b) === 'mobile') - Number(kindOf(a) === 'mobile'));
    for (let at = 0; at < phoneColumns.length; at++) {
      const column = phoneColumns[at]!;
      const raw = cell(column);
      if (raw.length === 0) continue;
      if (phoneTypes.size > 0 && kindOf(column) === 'fax') {
        // No number to text: kept where whoever answers can see it.
        extraNotes.push(`${column.header || 'Phone'} (fax): ${raw}`);
        continue;
      }
      const result = readLeadPhone(raw, country, defaultCountry);
      if (result.saysOptedOut && optedOutPhoneCell === null) optedOutPhoneCell = { column, raw };
      if (result.ok) {
        if (phone === null) {
          phone = result.e164;
          phoneRaw = raw;
          phoneExt = result.ext;
          phoneHeader = column.header;
        } else if (result.e164 !== phone) {
          (otherKeys ??= []).push({ kind: 'phone', value: result.e164 });
          // With its column's label (Home Phone: ...), so whoever answers knows which number it is.
          extraNotes.push(`${column.header || 'Other phone'}: ${result.e164}${result.ext ? ` ext. ${result.ext}` : ''}`);
        }
      } else if (!result.blank) {
        collectCellKeys(raw, country, (otherKeys ??= []));
        const issue: RowIssue = { field: 'phone', column: column.header, message: `${result.reason}: "${raw}"` };
        (badPhones ??= []).push(issue);
        (notImported ??= new Map()).set(issue, notImportedValue(column.header || 'Phone', raw, result.reason));
      }
    }

    let email: string | null = null;
    let emailKey: string | null = null;
    let badEmails: RowIssue[] | null = null;
    for (let at = 0; at < columns.email.length; at++) {
      const column = columns.email[at]!;
      const raw = cell(column);
      if (raw.length === 0) continue;
      const result = normalizeEmail(raw);
      if (result.ok) {
        if (email === null) {
          email = result.email;
          emailKey = result.key;
        } else if (result.key !== emailKey) {
          (otherKeys ??= []).push({ kind: 'email', value: result.key });
          extraNotes.push(`${column.header || 'Other email'}: ${result.email}`);
        }
      } else if (!result.blank) {
        collectCellKeys(raw, country, (otherKeys ??= []));
        const issue: RowIssue = { field: 'email', column: column.header, message: `${result.reason}: "${raw}"` };
        (badEmails ??= []).push(issue);
        (notImported ??= new Map()).set(issue, notImportedValue(column.header || 'Email', raw, result.reason));
      }
    }

    const badValues = badPhones === null ? badEmails : badEmails === null ? badPhones : [...badPhones, ...badEmails];
    if (phone === null && email === null) {
      if (badValues === null) reasons.push({ field: 'row', column: null, message: NO_CONTACT_REASON });
      else reasons.push(...badValues);
    } else if (badValues !== null) {
      for (const issue of badValues) {
        const { note, warning } = notImported!.get(issue)!;
        extraNotes.push(note);
        warnings.push({ ...issue, message: warning });
      }
    }

    if (unknownCountry !== null) {
      // A placeholder or a misspelling ("N/A", "Untied States") kept as the country made a US row foreign: its state
      // and ZIP were neither cleaned nor used to place it, so an Austin customer with a New York mobile was placed by the
      // area code and texted from 08:00 in New York, 07:00 in Austin. A US number beside a US state or ZIP is a US row; a
      // foreign one keeps its text (namesUsPlace).
      const column = columns.country[0]?.header ?? null;
      if (defaultCountry === 'US' && namesUsPlace(cell(columns.state[0]), cell(columns.postalCode[0]), phone)) {
        country = 'US';
        extraNotes.push(`Country (not understood): ${unknownCountry}`);
        warnings.push({ field: 'country', column, message: `Country "${unknownCountry}" was not recognised; read as US (the row's phone, and its state or ZIP, are), kept in the notes` });
      } else {
        const phoneNote = columns.phone.length > 0 ? `, and the phone was read as a ${defaultCountry} number` : '';
        warnings.push({ field: 'country', column, message: `Country "${unknownCountry}" was not recognised; kept as typed${phoneNote}` });
      }
    }

    // No country column, and a Canadian province where the state goes ("BC", "Ontario"; no province's code is a state's),
    // beside a Canadian number or none: a Canadian row. Read as US, its postal code was dropped, its province ignored by the
    // placement, and the contact went to GHL as "US, BC" (a pacing probe).
    if (!countryText && defaultCountry === 'US' && caProvinceCode(cell(columns.state[0])) !== null && (phone === null || parsePhoneNumberFromString(phone)?.country === 'CA')) {
      country = 'CA';
    }

    // A number outside North America on a US or Canadian row ("+44 20 7946 0958" with no country, or "US"): likely a
    // mistake, or a customer abroad, whom a US campaign's number texts at international rates, in that country's hours.
    // The office decides: the lead is imported, and the review says so with the phone field to correct it.
    if (phone !== null && !phone.startsWith('+1') && (country === 'US' || country === 'CA')) {
      warnings.push({ field: 'phone', column: phoneHeader, message: foreignPhoneWarning(phoneRaw ?? phone, phone) });
    }

    // Address. GHL has no second address line: "100 Oak St" + "Apt 4B" → "100 Oak St, Apt 4B".
    const street = capped('address1', columns.address1[0], LENGTH_LIMITS.address1, 'Address');
    const line2 = cell(columns.address2[0]);
    // Joined, the two may pass GHL's length: the street is kept, and the second line goes to the notes (it was cut
    // without a word, an "Apt 4B" lost).
    const joined = street && line2 ? `${street}, ${line2}` : null;
    const fitsJoined = joined !== null && joined.length <= LENGTH_LIMITS.address1;
    if (joined !== null && !fitsJoined) {
      warnings.push({ field: 'address2', column: columns.address2[0]?.header ?? null, message: `Address line 2 did not fit beside the street (${LENGTH_LIMITS.address1} characters); kept in notes` });
      extraNotes.push(`Address line 2: ${line2}`);
    }
    const address1 = joined !== null ? (fitsJoined ? joined : street) : street || (line2 || null);
    const cityText = capped('city', columns.city[0], LENGTH_LIMITS.city, 'City');
    const city = cityText ? tidyCase(cityText) : null;
    const isUs = country === 'US';
    let state = capped('state', columns.state[0], LENGTH_LIMITS.state, 'State');
    let stateCode: string | null = null;
    if (state && isUs) {
      stateCode = usStateCode(state);
      if (stateCode) state = stateCode;
      else warnings.push({ field: 'state', column: columns.state[0]?.header ?? null, message: `State "${state}" is not a US state; kept as typed` });
    }
    // A Canadian row's province and postal code, written plain: the placement reads the province.
    const province = country === 'CA' && state ? caProvinceCode(state) : null;
    if (province) state = province;
    let postalCode = capped('postalCode', columns.postalCode[0], LENGTH_LIMITS.postalCode, 'ZIP code');
    if (postalCode && country === 'CA') postalCode = caPostalCode(postalCode) ?? postalCode;
    if (postalCode && isUs) {
      // A short ZIP is padded with zeros only where ZIPs begin with 0 (the state's code, when it is one).
      const zip = normalizeUsZip(postalCode, stateCode);
      if (zip) {
        postalCode = zip;
      } else {
        // Kept as typed, as an unknown state is: dropped, the placement never knew the row gave a ZIP, and took the phone's
        // clock as certain (a pacing probe: a Seattle ZIP it could not read, a New York mobile, texted at 05:00 at home).
        const why = stateCode !== null && normalizeUsZip(postalCode) !== null ? ` (too short: ${stateCode} ZIPs do not begin with 0)` : '';
        warnings.push({ field: 'postalCode', column: columns.postalCode[0]?.header ?? null, message: `ZIP code "${postalCode}" is not a US ZIP${why}; kept as typed` });
      }
    }

    const sourceText = cell(columns.source[0]);
    const source = sourceText ? truncated('source', columns.source[0] ?? null, sourceText, LENGTH_LIMITS.source, 'Lead source') : null;
    // Every consent column ("SMS Consent" beside "SMS Status"): one note of them all, each named when there are several.
    // Most files have none: no arrays are made for them (this runs for each of a file's rows).
    const consentCells = columns.consentNote.length === 0 ? NO_CONSENT_CELLS : columns.consentNote.map((column) => ({ column, text: cellKeepingLines(cells, column) })).filter(({ text }) => text.length > 0);
    const consentText =
      consentCells.length === 0 ? '' : consentCells.length === 1 ? consentCells[0]!.text : consentCells.map(({ column, text }) => `${column.header ?? 'Consent'}: ${text}`).join('; ');
    const consentNote = consentText
      ? truncated('consentNote', consentCells[0]?.column ?? null, consentText, LENGTH_LIMITS.consentNote, 'Consent note')
      : null;

    let lastServiceDate: string | null = null;
    const dateText = cell(columns.lastServiceDate[0]);
    if (dateText) {
      lastServiceDate = parseServiceDate(dateText);
      if (lastServiceDate === null) {
        extraNotes.push(`Last service date (not understood): ${dateText}`);
        warnings.push({ field: 'lastServiceDate', column: columns.lastServiceDate[0]?.header ?? null, message: `Date "${dateText}" was not understood; kept in notes` });
      }
    }

    let originalDate: string | null = null;
    const originalText = cell(columns.originalDate[0]);
    if (originalText) {
      originalDate = parseServiceDate(originalText);
      if (originalDate === null) {
        extraNotes.push(`Original lead date (not understood): ${originalText}`);
        warnings.push({ field: 'originalDate', column: columns.originalDate[0]?.header ?? null, message: `Date "${originalText}" was not understood; kept in notes` });
      }
    }
    const companyName = capped('companyName', columns.companyName[0], LENGTH_LIMITS.companyName, 'Company name') ?? fullNameCompany?.slice(0, LENGTH_LIMITS.companyName) ?? null;
    const crmStatus = capped('crmStatus', columns.crmStatus[0], LENGTH_LIMITS.crmStatus, 'Old CRM status');
    const jobType = capped('jobType', columns.jobType[0], LENGTH_LIMITS.jobType, 'Job type');
    const allTags = columns.tags.length === 0 ? NO_TAGS : splitTags(cell(columns.tags[0]));
    const crmTags = allTags.length === 0 ? null : keptTags(allTags, (left, all) => {
      // Whole tags only: cut at the limit, "Insurance Claim Approved" became the GHL tag "Insurance Cl".
      warnings.push({ field: 'tags', column: columns.tags[0]?.header ?? null, message: `${left.length} of ${all} tags did not fit (${LENGTH_LIMITS.crmTags.toLocaleString('en-US')} characters); kept in notes` });
      extraNotes.push(`Tags (more than fit): ${left.join('; ')}`);
    });

    // Any do-not-contact column that says so ("Do Not Call", "Do Not Text") keeps the lead out.
    let doNotContact = false;
    for (let at = 0; at < columns.doNotContact.length; at++) {
      const column = columns.doNotContact[at]!;
      const dncText = cell(column);
      if (!dncText) continue;
      const parsed = parseDoNotContact(dncText);
      // Unknown values count as "do not contact": texting someone who opted out is the costly mistake.
      if (parsed ?? true) doNotContact = true;
      if (parsed === null) {
        warnings.push({ field: 'doNotContact', column: column.header ?? null, message: `"${dncText}" in the do-not-contact column was read as "do not contact"` });
      }
    }

    if (optedOutPhoneCell !== null) {
      doNotContact = true;
      warnings.push({ field: 'doNotContact', column: optedOutPhoneCell.column.header, message: `"${optedOutPhoneCell.raw}" in a phone column says do not contact: the lead was read as "do not contact"` });
    }

    // An old CRM that keeps the opt-out in its status ("Do Not Contact", "Lost - DNC") or as a tag ("DNC", "Opted Out"):
    // the status was kept as text and the tag sent to GHL, and the customer texted (a review). Read as an opt-out, said.
    const statusText = columns.crmStatus.length === 0 ? '' : cell(columns.crmStatus[0]);
    if (statusText && saysOptedOut(statusText)) {
      doNotContact = true;
      warnings.push({ field: 'doNotContact', column: columns.crmStatus[0]?.header ?? null, message: `"${statusText}" in the old CRM status was read as "do not contact"` });
    }
    for (let at = 0; at < statusColumnsLeftOut.length; at++) {
      const column = statusColumnsLeftOut[at]!;
      const text = cell(column);
      if (!text || !saysOptedOut(text)) continue;
      doNotContact = true;
      warnings.push({ field: 'doNotContact', column: column.header, message: `"${text}" in "${column.header}" (not imported) was read as "do not contact"` });
    }
    const optOutTag = allTags.length === 0 ? undefined : allTags.find(saysOptedOut);
    if (optOutTag !== undefined) {
      doNotContact = true;
      warnings.push({ field: 'doNotContact', column: columns.tags[0]?.header ?? null, message: `The tag "${optOutTag}" was read as "do not contact"` });
    }

    // A consent column that records a refusal or a revoked consent is an opt-out, whatever the DNC columns say; any
    // one of them does (only the first was read, and a second column's "Unsubscribed" was dropped).
    for (let at = 0; at < consentCells.length; at++) {
      const { column, text } = consentCells[at]!;
      if (!CONSENT_REFUSED.has(text.trim().toLowerCase().replace(/[.!]+$/, ''))) continue;
      doNotContact = true;
      warnings.push({ field: 'doNotContact', column: column.header ?? null, message: `"${text.trim()}" in the consent column was read as "do not contact"` });
    }

    const customValues: CustomValue[] = [];
    for (let at = 0; at < customColumns.length; at++) {
      const column = customColumns[at]!;
      // Its line breaks kept, as the notes keep theirs: a claim's details on several lines are data.
      const value = cellKeepingLines(cells, column);
      if (value) customValues.push({ fieldId: column.fieldId, value: truncated('row', column, value, LENGTH_LIMITS.customValue, column.header || 'Custom field') });
    }

    const noteParts: string[] = [];
    for (let at = 0; at < columns.notes.length; at++) {
      const column = columns.notes[at]!;
      const text = cellKeepingLines(cells, column);
      if (text) noteParts.push(singleNotesColumn ? text : `${column.header}: ${text}`);
    }
    // The row's other phones and emails (extraNotes) are kept whole; a long free text gives way before them. An
    // old CRM's call log of 10,000 characters cut them off, with a warning that named only the notes.
    const extrasText = extraNotes.join('\n');
    const room = LENGTH_LIMITS.notes - (extrasText ? extrasText.length + 1 : 0);
    const freeText = noteParts.join('\n');
    const keptText = freeText ? truncated('notes', columns.notes[0] ?? null, freeText, Math.max(0, room), 'Notes') : '';
    const notesText = keptText && extrasText ? `${keptText}\n${extrasText}` : keptText || extrasText;
    const notes = notesText ? notesText.slice(0, LENGTH_LIMITS.notes) : null;

    if (reasons.length > 0) {
      if (!doNotContact) return { ok: false, reasons };
      const own: ContactKey[] = [...(phone ? [{ kind: 'phone' as const, value: phone }] : []), ...(emailKey ? [{ kind: 'email' as const, value: emailKey }] : [])];
      const optOutKeys = [...own, ...(everyOtherContactKey([...columns.phone, ...columns.email].map(cell), country, phone, emailKey) ?? [])];
      return optOutKeys.length > 0 ? { ok: false, reasons, optOutKeys } : { ok: false, reasons };
    }
    // The customer opted out with every number and email the row holds, not only the one the lead keeps: a row
    // marked do-not-contact reads each cell again for a second value in it (rare rows; the others cost nothing more).
    const otherContactKeys = doNotContact ? everyOtherContactKey([...columns.phone, ...columns.email].map(cell), country, phone, emailKey) : uniqueKeys(otherKeys, phone, emailKey);
    return {
      ok: true,
      lead: {
        firstName, lastName, phone, phoneRaw, phoneExt, email, emailKey, address1, city, state, postalCode, country,
        source, notes, lastServiceDate, consentNote, doNotContact, companyName, originalDate, crmStatus, jobType, crmTags,
        customValues, otherContactKeys,
      },
      warnings,
      phoneHeader,
    };
  };
}

/**
 * A cell the lead cannot keep ("…0150 / …0199": keep one) still names the customer's numbers: the opt-out list is
 * asked about each. Only for such cells (rare), so the usual row reads nothing twice.
 */
function collectCellKeys(raw: string, country: string | null, into: ContactKey[]): void {
  for (const { read } of readContactValues(raw, country)) if (read.ok) into.push({ kind: read.kind, value: read.value });
}

/** A phone column may repeat another's number (Home Phone, Mobile), a bad cell the lead's own: each key once, none of the lead's. */
function uniqueKeys(keys: ContactKey[] | undefined, phone: string | null, emailKey: string | null): ContactKey[] | undefined {
  if (keys === undefined) return undefined;
  const unique = [...new Map(keys.filter((key) => key.value !== phone && key.value !== emailKey).map((key) => [key.value, key])).values()];
  return unique.length > 0 ? unique : undefined;
}

/** The phones and emails of a row's contact cells, each once, but the lead's own phone and email. */
function everyOtherContactKey(rawCells: readonly string[], country: string | null, phone: string | null, emailKey: string | null): ContactKey[] | undefined {
  const seen = new Set([phone, emailKey]);
  const keys: ContactKey[] = [];
  for (const raw of rawCells) {
    if (raw.length === 0) continue;
    for (const { read } of readContactValues(raw, country)) {
      if (!read.ok || seen.has(read.value)) continue;
      seen.add(read.value);
      keys.push({ kind: read.kind, value: read.value });
    }
  }
  return keys.length > 0 ? keys : undefined;
}

/**
 * What the lead's note in GHL keeps of a value not imported: the value and why, without the review's
 * instruction ("— enter the digits": the person reading the contact in GHL has no field to enter them in).
 */
function notImportedNote(label: string, raw: string, reason: string): string {
  return `${label}: ${raw} (not imported: ${withoutInstruction(reason).split(': ')[0]!})`;
}

/** Made on first use: an Intl object made as the module loads costs every `rlm` start its ICU data (cli-startup.test.ts). */
let regionNames: Intl.DisplayNames | null = null;

/** The review's words for a row's number of another country than its own (US or Canada). */
export function foreignPhoneWarning(raw: string, e164: string): string {
  const region = parsePhoneNumberFromString(e164)?.country;
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
  const where = region ? ` (${regionNames.of(region) ?? region})` : '';
  return `Phone "${raw}" is not a US or Canadian number${where}: check it is this customer's; it would be texted there, in its own hours`;
}

/**
 * A bad value of a lead imported without it: its note, and the review's warning — the problem without its
 * instruction (there is no field to "enter the digits" in for a row that is imported anyway).
 */
function notImportedValue(label: string, raw: string, reason: string): { note: string; warning: string } {
  return { note: notImportedNote(label, raw, reason), warning: `${withoutInstruction(reason)}: "${raw}" — kept in notes, the lead is imported without it` };
}

function groupColumns(mapping: ColumnMapping): ColumnsByField {
  const grouped: ColumnsByField = {
    firstName: [], lastName: [], fullName: [], phone: [], email: [], address1: [], city: [], state: [], postalCode: [],
    country: [], source: [], notes: [], lastServiceDate: [], consentNote: [], doNotContact: [],
    companyName: [], address2: [], tags: [], originalDate: [], crmStatus: [], jobType: [],
  };
  for (const column of mapping.columns) {
    if (isLeadField(column.field)) grouped[column.field].push({ index: column.index, header: column.header });
  }
  // The first valid phone is the one texted: a mobile column, then a plain "Phone", then a home or work one,
  // whatever the file's order (many old CRMs export Home before Mobile, and a landline cannot get the text).
  grouped.phone.sort((a, b) => phoneColumnRank(a.header) - phoneColumnRank(b.header));
  return grouped;
}

function customFieldColumns(mapping: ColumnMapping): CustomColumn[] {
  return mapping.columns.flatMap((column) =>
    isCustomFieldTarget(column.field) ? [{ index: column.index, header: column.header, fieldId: customFieldIdOf(column.field) }] : [],
  );
}

/** What Excel shows for a formula that failed ("#N/A", "#REF!"): no value. Stored, a customer's last name read "#n/a". */
const EXCEL_ERROR = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;

// The expressions of clean() and cellKeepingLines(), made once: a regular expression literal is a new object each time
// it is evaluated (56 bytes: V8 copies it), and these run for each cell of an import (~0.5 KB a row of 9 cells).
const SPACES_TO_COLLAPSE = /\s\s|[\t\n\r\u00a0]/;
const WHITESPACE_RUN = /\s+/g;
const LINES_TO_TIDY = /[\r\t\u00a0]| {2}|\n\s*\n\s*\n/;
const LINE_END = /\r\n?/g;
const SPACES_RUN = /[ \t\u00a0]+/g;
const SPACE_AT_LINE_BREAK = / ?\n ?/g;
const BLANK_LINES = /\n{3,}/g;

/** Trims and collapses inner whitespace (tabs, line breaks, double spaces) to single spaces; an Excel error is empty. */
export function clean(value: string): string {
  const trimmed = value.trim();
  if (trimmed.charCodeAt(0) === 35 && EXCEL_ERROR.test(trimmed)) return '';
  return SPACES_TO_COLLAPSE.test(trimmed) ? trimmed.replace(WHITESPACE_RUN, ' ') : trimmed;
}

/** For notes: keeps line breaks (multi-line notes are common) but tidies spaces and blank lines. */
function cellKeepingLines(cells: readonly string[], column: Column | undefined): string {
  if (!column) return '';
  const value = (cells[column.index] ?? '').trim();
  if (!LINES_TO_TIDY.test(value)) return value;
  return value.replace(LINE_END, '\n').replace(SPACES_RUN, ' ').replace(SPACE_AT_LINE_BREAK, '\n').replace(BLANK_LINES, '\n\n');
}

const NO_CONSENT_CELLS: ReadonlyArray<{ column: Column; text: string }> = [];
const NO_TAGS: readonly string[] = [];

// What a consent ("SMS Opt-In", "OK to Text") cell says when the customer did not agree or took it back.
const CONSENT_REFUSED = new Set(['no', 'n', 'false', 'f', '0', '✗', '✘', 'declined', 'denied', 'refused', 'revoked', 'withdrawn', 'opted out', 'opt out', 'opt-out', 'optout', 'unsubscribed', 'stop', 'dnc', 'do not text', 'do not contact']);


/**
 * A row whose country text said nothing is a US row when its phone is a US number (by its area code: not Canada's, nor
 * the Caribbean's) and its state is a US state, or (no state) its ZIP a US ZIP. Both, as an Italian row's "MI" is
 * Michigan's code and its CAP a US ZIP's five digits (a review): read as US, Milan was texted at night.
 */
function namesUsPlace(stateText: string, zipText: string, phone: string | null): boolean {
  if (phone === null || !phone.startsWith('+1') || parsePhoneNumberFromString(phone)?.country !== 'US') return false;
  if (stateText.length > 0) return usStateCode(stateText) !== null;
  return zipText.length > 0 && normalizeUsZip(zipText) !== null;
}

/**
 * A ZIP as old CRMs write it, made plain: "98101 1234" and "98101 - 1234" (ZIP+4 with a space), "99501-" (the +4 left
 * empty), "WA 98101" (the state before it, a USPS code only), "98,101" (a number with a thousands comma). A pacing probe:
 * each was no ZIP, and the lead was placed by its phone.
 */
function usualZipText(value: string): string {
  const withoutState = /^([A-Za-z]{2})[\s,.]+(\d.*)$/.exec(value);
  const text = withoutState && usStateCode(withoutState[1]!.toUpperCase()) !== null ? withoutState[2]!.trim() : value;
  const split = /^(\d{5})\s*[-\u2013\u2014]?\s*(\d{4})?\s*-?$/.exec(text);
  if (split) return split[2] ? `${split[1]}-${split[2]}` : split[1]!;
  const comma = /^(\d{2}),(\d{3})$/.exec(text);
  return comma ? `${comma[1]}${comma[2]}` : text;
}

/**
 * The places whose ZIPs begin with 0 (New England, New Jersey, Puerto Rico, the Virgin Islands, overseas military; New
 * York's two IRS ZIPs 00501 and 00544): only there is a short ZIP one Excel lost its zero of. "7870" beside TX was made
 * "07870", a New Jersey ZIP, without a word (a review).
 */
const FIVE_DIGITS = /^\d{5}$/;

const ZERO_ZIP_STATES = new Set(['CT', 'MA', 'ME', 'NH', 'NJ', 'RI', 'VT', 'PR', 'VI', 'AE', 'NY']);

/**
 * "2134" → "02134" (Excel dropped the leading zero), "021341234" → "02134-1234". `state` (a USPS code, when known): a
 * short ZIP is given its zero only in a state whose ZIPs begin with one.
 */
export function normalizeUsZip(raw: string, state: string | null = null): string | null {
  // The usual cell, five digits, is its own answer: the readings below cost ~30 ms of 100k rows (bench:import).
  if (FIVE_DIGITS.test(raw)) return raw;
  const value = usualZipText(raw.trim());
  // "75201.0": a ZIP a spreadsheet stored as a number, then wrote as a decimal.
  let match = /^(\d{5})(?:\.0+|-?(\d{4}))?$/.exec(value);
  if (match) return match[2] ? `${match[1]}-${match[2]}` : (match[1] ?? null);
  const losesZeros = state === null || ZERO_ZIP_STATES.has(state);
  match = /^(\d{3,4})(?:\.0+)?$/.exec(value);
  if (match) return losesZeros ? (match[1] ?? '').padStart(5, '0') : null;
  match = /^(\d{3,4})-(\d{4})$/.exec(value);
  if (match) return losesZeros ? `${(match[1] ?? '').padStart(5, '0')}-${match[2]}` : null;
  return null;
}

