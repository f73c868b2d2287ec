/**
 * The Leads export: what goes in the file, in which words, and under which name. The Leads page
 * (`leads:export`) and `rlm export` both write through `writeLeadsCsv`, so their files are the same.
 *
 * The file is for people and for our own importer alike: every column the importer maps (names,
 * phone, email, address, source, notes, service date, consent, do-not-contact) has a header it
 * recognises, so an export imports again into another data folder with nothing lost; the app's own
 * columns (status, GHL id, times) are headers the importer ignores. GHL custom field values follow as
 * one column per field, headed with the field's name, so auto mapping sends them back to that field.
 */
import type Database from 'better-sqlite3';
import { leadStatusLabels } from '../../../shared/lead-status-labels';
import type { ConsentRecord, LeadStatus } from '../../../shared/lead';
import { localDate, localDateTime } from '../../lib/local-time';
import { csvFileWriter, type CsvCell } from '../../parsing/csv-writer';
import { CONSENT_FACTS_JOIN, CONSENT_FACTS_SQL, consentRecordOf, type ConsentFacts } from '../leads/consent-record';
import { OWN_TIME_ZONE_SQL } from '../leads/own-time-zone';
import { customFieldKey } from '../../../shared/custom-fields';

interface ExportRow extends ConsentFacts {
  id: number;
  companyName: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  phoneExt: string | null;
  email: string | null;
  address1: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string;
  source: string | null;
  notes: string | null;
  lastServiceDate: string | null;
  consentNote: string | null;
  doNotContact: number;
  record: ConsentRecord;
  tag: string | null;
  status: LeadStatus;
  lastError: string | null;
  ghlContactId: string | null;
  createdAt: number;
  syncedAt: number | null;
  timeZone: string | null;
  customerCompany: string | null;
  originalDate: string | null;
  crmStatus: string | null;
  jobType: string | null;
  crmTags: string | null;
}

const SELECT = `l.id, c.name AS companyName, l.first_name AS firstName, l.last_name AS lastName, l.phone, l.phone_ext AS phoneExt,
  l.email, l.address1, l.city, l.state, l.postal_code AS postalCode, l.country, l.source, l.notes, l.last_service_date AS lastServiceDate,
  l.consent_note AS consentNote, l.do_not_contact AS doNotContact, l.tag, l.status, l.last_error AS lastError,
  l.ghl_contact_id AS ghlContactId, l.created_at AS createdAt, l.synced_at AS syncedAt,
  ${OWN_TIME_ZONE_SQL} AS timeZone,
  l.company_name AS customerCompany, l.original_date AS originalDate, l.crm_status AS crmStatus, l.job_type AS jobType, l.crm_tags AS crmTags,
  ${CONSENT_FACTS_SQL}`;

/**
 * The columns, in order. Headers are chosen for the importer too: "Roofing company", "GHL status",
 * "GHL error", "GHL contact id" and "Sent to GHL on" are ignored by it (mapping.ts), the others map
 * back to the field they came from.
 */
const COLUMNS: ReadonlyArray<{ header: string; cell: (row: ExportRow, timeZone: string | undefined) => CsvCell }> = [
  { header: 'Roofing company', cell: (r) => r.companyName },
  { header: 'First name', cell: (r) => r.firstName },
  { header: 'Last name', cell: (r) => r.lastName },
  // E.164; an extension follows in the form the importer reads back ("+17375550101 ext. 12").
  { header: 'Phone', cell: (r) => (r.phone && r.phoneExt ? `${r.phone} ext. ${r.phoneExt}` : r.phone) },
  { header: 'Email', cell: (r) => r.email },
  { header: 'Address', cell: (r) => r.address1 },
  { header: 'City', cell: (r) => r.city },
  { header: 'State', cell: (r) => r.state },
  { header: 'ZIP', cell: (r) => r.postalCode },
  { header: 'Country', cell: (r) => r.country },
  { header: 'Lead source', cell: (r) => r.source },
  { header: 'Notes', cell: (r) => r.notes },
  { header: 'Last service date', cell: (r) => r.lastServiceDate },
  { header: 'Consent', cell: (r) => r.consentNote },
  { header: 'Do not contact', cell: (r) => (r.doNotContact ? 'Yes' : 'No') },
  // The campaign tag the lead is sent with (the importer takes the tag from the import, not a column). Not
  // "Tag": the importer reads that as the old CRM's tags, and "Old tags" below lost its column to it.
  { header: 'Campaign tag', cell: (r) => r.tag },
  // Not "Status": an old CRM's status column is a field of its own on import; this one is the app's.
  { header: 'GHL status', cell: (r) => leadStatusLabels[r.status] },
  { header: 'GHL error', cell: (r) => r.lastError },
  { header: 'GHL contact id', cell: (r) => r.ghlContactId },
  // The lead's own zone (from its ZIP, state or phone, placed by the sync worker); empty: not placed yet, its company's, or
  // nothing says where it lives (then its hours are those legal everywhere on the mainland).
  { header: 'Time zone', cell: (r) => r.timeZone },
  { header: 'Original date', cell: (r) => r.originalDate },
  { header: 'Company name', cell: (r) => r.customerCompany },
  { header: 'Old CRM status', cell: (r) => r.crmStatus },
  { header: 'Job type', cell: (r) => r.jobType },
  { header: 'Old tags', cell: (r) => r.crmTags },
  { header: 'Created', cell: (r, timeZone) => localDateTime(r.createdAt, timeZone) },
  { header: 'Sent to GHL on', cell: (r, timeZone) => (r.syncedAt === null ? null : localDateTime(r.syncedAt, timeZone)) },
  // The consent record (consent-record.ts), for a complaint; the importer ignores these four (mapping.ts).
  { header: 'Came from', cell: (r) => r.record.cameFrom },
  // In the lead's own time then, the zone beside it: what a complaint ("you texted me at 6 a.m.") is about.
  { header: 'Enrolled at', cell: (r) => (r.record.enrolment ? localDateTime(r.record.enrolment.at, r.record.enrolment.timeZone) : null) },
  { header: 'Enrolled in time zone', cell: (r) => r.record.enrolment?.timeZone ?? null },
  { header: 'Enrolled window', cell: (r) => r.record.enrolment?.window ?? null },
];

export const EXPORT_HEADERS: readonly string[] = COLUMNS.map((column) => column.header);

/**
 * Rows per keyset batch: each batch is read and formatted in one go on the main process (~20 µs a
 * row), so 2,000 rows keep other IPC calls waiting ~40 ms at most; the keyset query costs ~nothing.
 */
const EXPORT_BATCH_ROWS = 2_000;

export interface LeadSelection {
  /** A WHERE clause over `leads l JOIN companies c`, and its named parameters. */
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Writes the selected leads, newest first, to a CSV at `path` (the app's one CSV writer: formula-safe,
 * UTF-8 with BOM). Times are local to `timeZone` (default: this machine's). Returns the row count.
 */
export async function writeLeadsCsv(client: Database.Database, selection: LeadSelection, path: string, timeZone?: string): Promise<number> {
  const customHeaders = customFieldHeaders(client, selection);
  const file = csvFileWriter(path, [...EXPORT_HEADERS, ...customHeaders.map((custom) => custom.header)]);
  const customValues = client.prepare<[string], { leadId: number; name: string; value: string }>(
    `SELECT v.lead_id AS leadId, coalesce(f.name, v.field_id) AS name, v.value
     FROM lead_custom_values v JOIN leads l ON l.id = v.lead_id LEFT JOIN ghl_custom_fields f ON f.company_id = l.company_id AND f.id = v.field_id
     WHERE v.lead_id IN (SELECT value FROM json_each(?))`,
  );
  // Keyset batches with .all(), never an iterator held open across the awaits below: while a
  // statement iterates, the connection refuses every other query (IPC calls, the sync lock's
  // heartbeat), and a million-row export would stall the app for its whole duration.
  const batch = client.prepare(
    `SELECT ${SELECT} FROM leads l JOIN companies c ON c.id = l.company_id ${CONSENT_FACTS_JOIN}
     WHERE (${selection.sql}) AND l.id < @cursorId
     ORDER BY l.id DESC LIMIT ${EXPORT_BATCH_ROWS}`,
  );
  let count = 0;
  // Newest first, by id (the order leads were added): each batch walks the filter's index from below the last id.
  let cursorId = Number.MAX_SAFE_INTEGER;
  try {
    for (;;) {
      const rows = (batch.all({ ...selection.params, cursorId }) as Array<Omit<ExportRow, 'record'>>).map(
        (row): ExportRow => ({ ...row, record: consentRecordOf(row, { officeTimeZone: timeZone }) }),
      );
      const custom = new Map<string, string>();
      if (customHeaders.length > 0) {
        for (const value of customValues.all(JSON.stringify(rows.map((row) => row.id)))) custom.set(`${value.leadId}\u001f${value.name}`, value.value);
      }
      await file.write(
        rows.map((row) => [
          ...COLUMNS.map((column) => column.cell(row, timeZone)),
          ...customHeaders.map((field) => custom.get(`${row.id}\u001f${field.name}`) ?? null),
        ]),
      );
      count += rows.length;
      const last = rows.at(-1);
      if (rows.length < EXPORT_BATCH_ROWS || !last) break;
      cursorId = last.id;
    }
    await file.close();
  } catch (error) {
    await file.destroy();
    throw error;
  }
  return count;
}

/**
 * One column per custom field name the selected leads have values for (two companies' fields of one
 * name share it). A name that reads like one of the app's own headers ("Job Type") gets " (GHL)" so the
 * file never has two columns of one name.
 */
function customFieldHeaders(client: Database.Database, selection: LeadSelection): Array<{ name: string; header: string }> {
  const names = client
    .prepare(
      `SELECT DISTINCT coalesce(f.name, v.field_id) AS name
       FROM leads l JOIN companies c ON c.id = l.company_id JOIN lead_custom_values v ON v.lead_id = l.id
       LEFT JOIN ghl_custom_fields f ON f.company_id = l.company_id AND f.id = v.field_id
       WHERE (${selection.sql}) ORDER BY name COLLATE NOCASE`,
    )
    .all(selection.params) as Array<{ name: string }>;
  const taken = new Set(EXPORT_HEADERS.map(customFieldKey));
  return names.map(({ name }) => ({ name, header: taken.has(customFieldKey(name)) ? `${name} (GHL)` : name }));
}

/** "Summit Roofing" → "Summit-Roofing", "Peña & Sons" → "Pena-Sons": safe in a file name on every OS. */
function slug(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'leads';
}

/**
 * The name the export is offered under: `leads-Summit-Roofing-2026-11-30.csv` (company, then the
 * status when filtered by one, then the local date), `leads-All-companies-…` without a company.
 */
export function exportFileName(companyName: string | null, status: LeadStatus | undefined, at: number, timeZone?: string): string {
  const parts = ['leads', slug(companyName ?? 'All companies')];
  if (status) parts.push(slug(leadStatusLabels[status]));
  parts.push(localDate(at, timeZone));
  return `${parts.join('-')}.csv`;
}
