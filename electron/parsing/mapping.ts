/**
 * Column-mapping suggestion: which CSV column feeds which lead field.
 * Headers from roofing CRMs (JobNimbus, AccuLynx, Jobber exports) and home-made spreadsheets are
 * matched by exact synonyms first, then by keywords; columns without a usable header (or files
 * without a header row) can be recognised from their content.
 */
import { createHash } from 'node:crypto';
import { MULTI_COLUMN_FIELDS, type ColumnMapping, type ColumnMappingEntry, type MappingTarget } from '../../shared/import-mapping';
import { normalizeHeader } from './header-normalize';
import { looksLikeEmail, looksLikePhone } from './value-shapes';
import { parseServiceDate } from './dates';

export { NO_CONTACT_COLUMN_ERROR, validateMapping } from '../../shared/import-mapping';
export type { ColumnMapping, ColumnMappingEntry, MappingValidation } from '../../shared/import-mapping';

const EXACT_SYNONYMS: Record<string, MappingTarget> = {};
function synonyms(field: MappingTarget, names: string[]): void {
  for (const name of names) EXACT_SYNONYMS[normalizeHeader(name)] = field;
}
synonyms('fullName', [
  'Homeowner', 'Homeowner Name', 'Home Owner', 'Owner', 'Owner Name', 'Customer', 'Customer Name', 'Client',
  'Client Name', 'Full Name', 'Name', 'Contact', 'Contact Name', 'Lead Name', 'Display Name', 'Property Owner',
]);
synonyms('firstName', ['First', 'First Name', 'FName', 'F Name', 'Firstname', 'Given Name', 'Customer First Name', 'Contact First Name']);
synonyms('lastName', ['Last', 'Last Name', 'LName', 'L Name', 'Lastname', 'Surname', 'Family Name', 'Customer Last Name', 'Contact Last Name']);
synonyms('phone', [
  'Phone', 'Cell', 'Cell Phone', 'Cellphone', 'Mobile', 'Mobile Phone', 'Phone 1', 'Phone 2', 'Phone 3', 'Phone1', 'Phone2',
  'Primary Phone', 'Secondary Phone', 'Alternate Phone', 'Alt Phone', 'Home Phone', 'Work Phone', 'Business Phone',
  'Phone Number', 'Phone No', 'Phone #', 'Tel', 'Telephone', 'Contact Phone', 'Contact Number', 'Main Phone', 'SMS',
]);
synonyms('email', ['Email', 'E-mail', 'Email Address', 'E-mail Address', 'Email 1', 'Primary Email', 'Contact Email', 'Customer Email', 'Mail']);
synonyms('address1', [
  'Job Address', 'Property Address', 'Street', 'Address', 'Street Address', 'Address 1', 'Address1', 'Address Line 1',
  'Service Address', 'Site Address', 'Job Site', 'Jobsite Address', 'Mailing Address', 'Billing Address', 'Home Address',
]);
synonyms('city', ['City', 'Town', 'City/Town', 'Job City', 'Property City', 'Municipality']);
synonyms('state', ['St', 'State', 'State/Province', 'Province', 'Region', 'Job State', 'Property State', 'State Code']);
synonyms('postalCode', ['Zip', 'Zip Code', 'Zipcode', 'Postal', 'Postal Code', 'Postcode', 'ZIP/Postal Code', 'Job Zip', 'Property Zip']);
synonyms('country', ['Country', 'Country Code', 'Nation']);
synonyms('source', ['Lead Source', 'Source', 'Referral', 'Referral Source', 'Referred By', 'How Did You Hear About Us', 'Marketing Source', 'Campaign', 'Channel']);
synonyms('notes', ['Comments', 'Comment', 'Notes', 'Note', 'Job Notes', 'Description', 'Remarks', 'Memo', 'Details', 'Job Description', 'Scope']);
synonyms('lastServiceDate', [
  'Last Job', 'Last Job Date', 'Install Date', 'Installation Date', 'Service Date', 'Date of Service', 'Last Service',
  'Last Service Date', 'Job Date', 'Completed', 'Completion Date', 'Date Completed', 'Completed Date', 'Roof Date', 'Roof Installed',
]);
synonyms('consentNote', ['Consent', 'Consent Note', 'SMS Consent', 'TCPA Consent', 'Opt In', 'Opt-In', 'Permission']);
synonyms('doNotContact', ['DNC', 'Do Not Call', 'Do Not Contact', 'Do Not Text', 'Opt Out', 'Opt-Out', 'Opted Out', 'Unsubscribed', 'Unsubscribe', 'No Contact']);
synonyms('companyName', ['Company', 'Company Name', 'Business', 'Business Name', 'Organization', 'Organisation', 'Customer Company']);
synonyms('address2', ['Address 2', 'Address2', 'Address Line 2', 'Street 2', 'Apt', 'Apartment', 'Suite', 'Unit', 'Apt/Suite']);
synonyms('tags', ['Tags', 'Tag', 'Labels', 'Old Tags', 'Categories', 'Groups']);
synonyms('originalDate', ['Date Created', 'Created Date', 'Created On', 'Date Added', 'Lead Date', 'Original Date', 'Original Lead Date', 'Inquiry Date']);
synonyms('crmStatus', ['Status', 'Status Name', 'Lead Status', 'Job Status', 'Stage', 'Pipeline Stage', 'Old CRM Status', 'Milestone']);
synonyms('jobType', ['Job Type', 'Type of Work', 'Work Type', 'Project Type', 'Service Type', 'Job Category', 'Trade']);
// Columns written by our own rejected-rows file, so a fixed file can be re-imported as is.
synonyms('ignore', ['Reason', 'Rejection Reason', 'ID', 'Record ID', 'Customer ID', 'Lead ID', 'Job ID', 'Job Number', 'Modified']);
// The app's own columns in the Leads export (lead-export.ts), so an export imports again as is.
synonyms('ignore', ['Roofing Company', 'Campaign Tag', 'GHL Status', 'GHL Error', 'GHL Contact ID', 'Sent to GHL on', 'Created']);
// Its consent record: "Came from" would otherwise be read from its content, "Enrolled window" by a keyword some day.
synonyms('ignore', ['Came From', 'Enrolled At', 'Enrolled In Time Zone', 'Enrolled Window', 'Time Zone']);

/** Keyword rules for headers that are not exact synonyms, checked in order (first match wins). */
const KEYWORD_RULES: Array<{ test: RegExp; field: MappingTarget }> = [
  // A do-not-contact column whatever else its header says ("DNC Status", "Opt Out Date"): missing one
  // texts a customer who asked to stop.
  { test: /\b(dnc|do not|opt ?out|opted out|unsubscrib)/, field: 'doNotContact' },
  // The state of a text subscription or consent ("SMS Status", "Text Subscription Status", "Subscribed", "SMS Opt-In
  // Status"): read as consent, so "Unsubscribed", "Opted out" or "Stop" makes the lead do-not-contact and "Subscribed"
  // keeps it sendable. The metadata rule below took them as "Ignore", and the opt-outs in them were dropped (a review).
  // Not an email's: an email unsubscribe is no text opt-out.
  // A subscription of another kind ("Maintenance Subscription", "Subscription Plan") is not one: only a text's, or a
  // header that is the subscription's state alone ("Subscribed", "Subscription Status").
  { test: /^(?!.*\be ?mail\b)(?:.*\b(sms|text|txt|texting)\b.*\b(status|subscri\w*)\b|.*\b(consent|opt ?in)\b|(subscribed|subscription status|subscriber status)$)/, field: 'consentNote' },
  // Other people and numbers than the homeowner's ("Sales Rep Name", "Spouse Name", "Job Name"; a fax is never texted).
  { test: /\b(rep|sales rep|salesperson|salesman|estimator|adjuster|spouse|assigned|user|job name|project name|fax)\b/, field: 'ignore' },
  // Metadata about another column ("Phone Type", "Email Verified") or about the record ("Last Contacted").
  { test: /\b(type|status|verified|valid|count|birth|dob|created|modified|updated|added|id|contacted|activity|since)\b/, field: 'ignore' },
  // A permission to text, however named ("Can Text", "Textable", "Texting Allowed"): its "No" is the customer's refusal,
  // and a column left out lost it (a review: "Can Text: No", "Textable: N" imported as sendable without a word).
  // Not a header that names the number itself ("Textable Phone", "Can Text Number"): that is the phone.
  { test: /^(?!.*\b(phone|number|cell|mobile|tel|telephone)\b).*\b(consent|opt ?in|tcpa|ok to (text|sms|contact)|(texts?|sms|texting) (permission|ok|allowed|permitted)|can (text|sms)|textable|allow (texts?|sms|texting))\b/, field: 'consentNote' },
  { test: /\b(e ?mail)\b/, field: 'email' },
  { test: /\b(phone|cell|mobile|tel|telephone)\b/, field: 'phone' },
  // Before the street: "Location Address City" is a city.
  { test: /\b(zip|postal|postcode)\b/, field: 'postalCode' },
  { test: /\b(city|town)\b/, field: 'city' },
  { test: /\b(state|province)\b/, field: 'state' },
  { test: /\b(service|installed|install|completed|replaced)\b/, field: 'lastServiceDate' },
  // Any other date (an appointment, a follow-up, a sale) is not when the roof was last worked on.
  { test: /\bdate\b/, field: 'ignore' },
  { test: /\b(first|fname|given)\b/, field: 'firstName' },
  { test: /\b(last|lname|surname)\b/, field: 'lastName' },
  // Before names: JobNimbus' "Source Name" is the lead source.
  { test: /\b(source|referr|campaign)/, field: 'source' },
  { test: /\b(name|homeowner|customer|client)\b/, field: 'fullName' },
  { test: /\b(address|street|addr)\b/, field: 'address1' },
  { test: /\b(country)\b/, field: 'country' },
  { test: /\b(note|comment|remark|memo)/, field: 'notes' },
];

/** Generic or secondary headers that should lose a tie against a more specific column. */
const LOWER_PRIORITY: Record<string, number> = {
  [normalizeHeader('Mailing Address')]: 0.7,
  [normalizeHeader('Billing Address')]: 0.7,
  [normalizeHeader('Address')]: 0.9,
  [normalizeHeader('Contact')]: 0.8,
  [normalizeHeader('Owner')]: 0.9,
  [normalizeHeader('Mail')]: 0.8,
};

/**
 * Suggests a field for every column. `sampleRows` (optional, e.g. the preview rows) lets columns
 * whose header says nothing ("Column 3", or no header row at all) be recognised by their values.
 */
export function suggestMapping(headers: readonly string[], sampleRows: readonly (readonly string[])[] = []): ColumnMapping {
  const columns: ColumnMappingEntry[] = headers.map((header, index) => {
    const key = normalizeHeader(header);
    const exact = EXACT_SYNONYMS[key];
    if (exact) return { index, header, field: exact, confidence: LOWER_PRIORITY[key] ?? 1 };
    const rule = KEYWORD_RULES.find((candidate) => candidate.test.test(key));
    if (rule) return { index, header, field: rule.field, confidence: 0.6 };
    return { index, header, field: guessFromContent(index, sampleRows), confidence: 0 };
  });
  for (const column of columns) {
    if (column.confidence === 0 && column.field !== 'ignore') column.confidence = 0.4;
  }
  return { columns: keepBestForSingleFields(withJobColumn(withYesNoPhoneColumnsAsConsent(columns, sampleRows), sampleRows)) };
}

/** A yes/no cell: a permission's answer, not a number. */
const YES_NO = /^(yes|no|y|n|true|false|t|f|ok|allowed|declined|opted ?out|opted ?in|stop|✓|✔|✗|✘)[.!]*$/i;

/** Headers that name texting, not a number: read as a phone by their name, as a permission by yes/no cells. */
const TEXTING_HEADERS: ReadonlySet<string> = new Set(['sms', 'text', 'texts', 'texting', 'txt']);

/**
 * A column named "SMS" whose cells answer yes or no: the customer's permission to text, not her number. Read as a phone,
 * "SMS: No" was refused as letters, kept in the notes, and the customer texted (a review). Only such a header: "Mobile:
 * Y/N" says whether a number is a mobile, and read as a refusal, it opted a landline's customer out everywhere (the
 * diff's review).
 */
function withYesNoPhoneColumnsAsConsent(columns: ColumnMappingEntry[], sampleRows: readonly (readonly string[])[]): ColumnMappingEntry[] {
  return columns.map((column) => {
    if (column.field !== 'phone' || !TEXTING_HEADERS.has(normalizeHeader(column.header))) return column;
    const values = sampleRows.map((row) => (row[column.index] ?? '').trim()).filter((value) => value.length > 0);
    const isYesNo = values.length > 0 && values.every((value) => YES_NO.test(value));
    return isYesNo ? { ...column, field: 'consentNote', confidence: 0.6 } : column;
  });
}

const DATE_FIELDS: ReadonlySet<MappingTarget> = new Set(['lastServiceDate', 'originalDate']);
/** Cells that say nothing either way: no date, and no job either. */
const NO_VALUE = /^(n\/?a|tbd|none|unknown|null|yes|no|y|n|true|false|-+|\?+)$/i;
/** Words, not a date, a year or a number: "Roof replacement · Gutters". */
const isWords = (value: string) => !/\d/.test(value) && (value.match(/[a-z]/gi)?.length ?? 0) >= 3;

/**
 * "Last Job" names a date in most exports, a job in some ("Roof replacement · Gutters"): mapped to the date, each row went
 * to GHL with a note "Last service date (not understood): Roof replacement" (a review). A date column under a header
 * about the job whose values are mostly words is the job's type. Anything else stays the date: a year, "N/A" or "soon"
 * is kept in the notes as not understood, where a column left out would lose the dates among them.
 */
function withJobColumn(columns: ColumnMappingEntry[], sampleRows: readonly (readonly string[])[]): ColumnMappingEntry[] {
  // One job type a lead: a column that is one by its header wins, and a second would be left out, its dates lost.
  if (columns.some((column) => column.field === 'jobType')) return columns;
  const jobs = columns.findIndex((column) => isJobsUnderDateHeader(column, sampleRows));
  return jobs < 0 ? columns : columns.map((column, index) => (index === jobs ? { ...column, field: 'jobType', confidence: 0.6 } : column));
}

function isJobsUnderDateHeader(column: ColumnMappingEntry, sampleRows: readonly (readonly string[])[]): boolean {
  if (!DATE_FIELDS.has(column.field) || !/\bjob\b/.test(normalizeHeader(column.header))) return false;
  const values = sampleRows.map((row) => (row[column.index] ?? '').trim()).filter((value) => value.length > 0 && !NO_VALUE.test(value));
  const words = values.filter((value) => isWords(value) && parseServiceDate(value) === null).length;
  return values.length > 0 && words / values.length >= 0.6;
}

/** A single-value field (city, state…) suggested for two columns keeps the more confident one. */
function keepBestForSingleFields(columns: ColumnMappingEntry[]): ColumnMappingEntry[] {
  const best = new Map<MappingTarget, ColumnMappingEntry>();
  for (const column of columns) {
    if (column.field === 'ignore' || MULTI_COLUMN_FIELDS.has(column.field)) continue;
    const current = best.get(column.field);
    if (!current || column.confidence > current.confidence) best.set(column.field, column);
  }
  return columns.map((column) =>
    column.field === 'ignore' || MULTI_COLUMN_FIELDS.has(column.field) || best.get(column.field) === column
      ? column
      : { ...column, field: 'ignore', confidence: 0 },
  );
}

function guessFromContent(index: number, sampleRows: readonly (readonly string[])[]): MappingTarget {
  const values = sampleRows.map((row) => (row[index] ?? '').trim()).filter((value) => value.length > 0);
  if (values.length === 0) return 'ignore';
  const share = (predicate: (value: string) => boolean) => values.filter(predicate).length / values.length;
  if (share(looksLikeEmail) >= 0.6) return 'email';
  if (share(looksLikePhone) >= 0.6) return 'phone';
  return 'ignore';
}

/**
 * Stable key of a header row, to remember a company's mapping for the next export from the same
 * CRM. Order matters on purpose: a mapping is stored by column index.
 */
export function headerKey(headers: readonly string[]): string {
  const canonical = headers.map(normalizeHeader).join('\u001f');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** True when a header names a known field (exact synonym or keyword), used by header-row detection. */
export function isKnownHeader(header: string): boolean {
  const key = normalizeHeader(header);
  if (key.length === 0) return false;
  return EXACT_SYNONYMS[key] !== undefined || KEYWORD_RULES.some((rule) => rule.field !== 'ignore' && rule.test.test(key));
}
