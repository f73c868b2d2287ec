/**
 * Dry run over the whole file in the worker: every row validated, duplicates found in the file and
 * against the company's leads, nothing written. Memory stays bounded: one page of problem rows is
 * kept (the UI pages by asking again with an offset) plus the keys seen so far (phones as numbers).
 */
import { isSamePerson } from '../../parsing/same-person';
import type Database from 'better-sqlite3';
import { readFileRows } from '../../parsing/row-source';
import { createRowValidator, type RowIssue } from '../../parsing/row-validator';
import { isHomeOrWorkPhoneHeader } from '../../../shared/import-mapping';
import { ignoredOptOutCounter } from '../../../shared/opt-out-words';
import type { PreviewCounts, PreviewResult, ProblemKind, ProblemRow } from '../../../shared/ipc/imports';
import { assertMappingFits, createRowFixer } from './row-fixes';
import type { RunHooks } from './run-import';
import type { PreviewJob } from './worker-protocol';
import { ImportFileError } from '../../parsing/import-file-error';
import { rowKeys } from '../optouts/import-check';

/** Rows named in the review's home/work phone notice; the count says how many in all. */
const HOME_OR_WORK_EXAMPLES = 10;

export async function runPreview(client: Database.Database, job: PreviewJob, hooks: RunHooks): Promise<PreviewResult> {
  type ExistingLead = { id: number; name: string | null; firstName: string | null; lastName: string | null; doNotContact: number };
  const NAME = "nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '') AS name";
  const byPhone = client.prepare<[number, string], ExistingLead>(`SELECT id, ${NAME}, first_name AS firstName, last_name AS lastName, do_not_contact AS doNotContact FROM leads WHERE company_id = ? AND phone = ?`);
  const byEmail = client.prepare<[number, string], ExistingLead>(`SELECT id, ${NAME}, first_name AS firstName, last_name AS lastName, do_not_contact AS doNotContact FROM leads WHERE company_id = ? AND email_key = ?`);
  const counts: PreviewCounts = {
    rows: 0,
    valid: 0,
    invalid: 0,
    duplicatesInFile: 0,
    duplicatesExisting: 0,
    withWarnings: 0,
    blankRows: 0,
    homeOrWorkPhones: 0,
    noPhone: 0,
    markedDoNotContact: 0,
    optedOut: 0,
    repeatsMarkingDoNotContact: 0,
  };
  // The file's new leads that will be do-not-contact (their row's mark, or a repeat's after them), by their first row; and
  // the leads already in the app a repeat marks: a second mark of the same lead changes nothing (lead-writer.ts).
  const doNotContactFirstRows = new Set<number>();
  const markedExisting = new Set<number>();
  // As the import decides it (optouts/import-check.ts): on the list by phone or email, duplicates included.
  const isListed = client.prepare<[string], 1>('SELECT 1 FROM opt_outs WHERE removed_at IS NULL AND value = ?').pluck();
  const hasOptOuts = client.prepare('SELECT EXISTS (SELECT 1 FROM opt_outs WHERE removed_at IS NULL)').pluck().get() === 1;
  const listedByFile = new Set<string>();
  // First row of each key in the file; E.164 phones fit a double exactly, which is ~4x smaller than a string key.
  const phoneRows = new Map<number, number>();
  const emailRows = new Map<string, number>();
  const problems: ProblemRow[] = [];
  const homeOrWorkPhoneRows: number[] = [];
  let problemsTotal = 0;
  let bytes = { processed: 0, total: 0 };
  let lastProgressAt = 0;

  const note = (kind: ProblemKind, rowNumber: number, cells: string[], issues: ReadonlyArray<RowIssue | { field: 'row'; column: null; message: string }>, existingLeadId: number | null = null, firstRowNumber: number | null = null) => {
    if (job.filterKind !== null && job.filterKind !== kind) return;
    if (problemsTotal >= job.offset && problems.length < job.limit) problems.push({ rowNumber, kind, cells, issues: [...issues], existingLeadId, firstRowNumber });
    problemsTotal++;
  };

  const reader = readFileRows(job.path, {
    ...job.options,
    signal: hooks.signal,
    onProgress: (processed, total) => {
      bytes = { processed, total };
    },
  });
  let fixer: ReturnType<typeof createRowFixer> | null = null;
  let validate: ReturnType<typeof createRowValidator> | null = null;
  // Columns left out that say "DNC" somewhere in the file: the mapping step saw its first 20 rows only.
  const ignoredOptOuts = ignoredOptOutCounter(job.mapping.columns);
  for await (const row of reader) {
    if (validate === null || fixer === null) {
      assertMappingFits(job.mapping, reader.headers?.length ?? row.cells.length);
      fixer = createRowFixer(job.mapping, reader.headers?.length ?? row.cells.length, job.fixes);
      validate = createRowValidator({ mapping: fixer.mapping });
    }
    counts.rows++;
    ignoredOptOuts.add(row.cells);
    if ((counts.rows & 4095) === 0 && Date.now() - lastProgressAt > 200) {
      lastProgressAt = Date.now();
      hooks.onProgress({ processedRows: counts.rows, processedBytes: bytes.processed, totalBytes: bytes.total });
    }
    // As the import (validated-chunks.ts): the rest of the file is in this one cell, so it cannot be imported in
    // part. The dry run counted the row as rejected and forecast "1 imported", which the real run then refused.
    if (row.problem?.kind === 'unterminated-quote') throw new ImportFileError('read-failed', `Row ${row.rowNumber}: ${row.problem.message}`);
    if (row.problem?.rejectRow) {
      counts.invalid++;
      note('invalid', row.rowNumber, row.cells, [{ field: 'row', column: null, message: row.problem.message }]);
      continue;
    }
    const result = validate(fixer.apply(row.rowNumber, row.cells));
    if (!result.ok) {
      counts.invalid++;
      note('invalid', row.rowNumber, row.cells, result.reasons);
      continue;
    }
    counts.valid++;
    const { phone, emailKey } = result.lead;
    if (result.lead.doNotContact) counts.markedDoNotContact++;
    const keys = rowKeys(result.lead);
    const isOptedOut = keys.some((key) => listedByFile.has(key) || (hasOptOuts && isListed.get(key) !== undefined));
    if (isOptedOut) counts.optedOut++;
    // As the import lists a do-not-contact row's keys before the rows after it (optouts/import-check.ts).
    if (isOptedOut || result.lead.doNotContact) for (const key of keys) listedByFile.add(key);
    const phoneNumber = phone ? Number(phone.slice(1)) : null;
    const firstRow = (phoneNumber !== null ? phoneRows.get(phoneNumber) : undefined) ?? (emailKey ? emailRows.get(emailKey) : undefined);
    if (firstRow !== undefined) {
      counts.duplicatesInFile++;
      if (result.lead.doNotContact && !doNotContactFirstRows.has(firstRow)) {
        doNotContactFirstRows.add(firstRow);
        counts.repeatsMarkingDoNotContact++;
      }
      // Often another person of the household (one landline): GHL keeps one contact per phone, so only the first
      // row goes. Said plainly, with what keeps this one (the review offers its phone and email to change).
      // Her own email is no way out while the phone is shared (an office manager's review): say what is.
      const message = `Same phone or email as row ${firstRow}: GHL keeps one contact per phone, so only row ${firstRow} is imported (“Fill in empty fields” keeps someone else of this row in its lead’s notes). If this is someone else to text, give this row their own phone; to keep them by their email alone, clear this row’s phone.`;
      note('duplicate-in-file', row.rowNumber, row.cells, [{ field: 'row', column: null, message }], null, firstRow);
      continue;
    }
    const samePhone = phone ? byPhone.get(job.companyId, phone) : undefined;
    const existing = samePhone ?? (emailKey ? byEmail.get(job.companyId, emailKey) : undefined);
    if (existing) {
      counts.duplicatesExisting++;
      // Who and why, so the office can tell a repeat customer from two people sharing a landline.
      const who = existing.name ?? `lead #${existing.id}`;
      // A row the file marks do-not-contact makes that lead do-not-contact, whatever is done with repeats (lead-writer.ts):
      // said here, where the office sees whom, not only in the Opt-outs page's reasons afterwards (a review).
      // Both leads when the phone is one lead's and the email another's: the import marks both.
      const sameEmail = result.lead.doNotContact && samePhone && emailKey ? byEmail.get(job.companyId, emailKey) : undefined;
      if (result.lead.doNotContact) {
        const marked = [existing, sameEmail].filter((lead): lead is ExistingLead => lead !== undefined && lead.doNotContact === 0 && !markedExisting.has(lead.id));
        for (const lead of marked) markedExisting.add(lead.id);
        if (marked.length > 0) counts.repeatsMarkingDoNotContact++;
      }
      const alsoWho = sameEmail && sameEmail.id !== existing.id ? ` and ${sameEmail.name ?? `lead #${sameEmail.id}`} (same email)` : '';
      const marks = result.lead.doNotContact ? `; the file marks this row do-not-contact, so ${who}${alsoWho} ${alsoWho ? 'are' : 'is'} do-not-contact after the import` : '';
      // Another name at the same number: a household, whom "update" keeps in the lead's notes and "skip" leaves out (an
      // office manager's review: "Already in the app as Ann Lee" said nothing of Kim Lee, whose email then filled Ann's).
      const rowName = [result.lead.firstName, result.lead.lastName].filter(Boolean).join(' ');
      // With a do-not-contact mark the choice changes nothing: the mark holds either way (said below).
      const someoneElse = isSamePerson(existing, result.lead)
        ? ''
        : result.lead.doNotContact
          ? `, but this row is ${rowName}: someone else at that ${samePhone ? 'number' : 'email'}`
        : `, but this row is ${rowName}: someone else at that ${samePhone ? 'number' : 'email'}. “Fill in empty fields” keeps ${rowName} in ${who}’s notes (nothing of ${who} changes); “Skip” leaves this row out`;
      const message = `Already in the app as ${who} (same ${samePhone ? 'phone' : 'email'})${someoneElse}${marks}`;
      note('duplicate-existing', row.rowNumber, row.cells, [{ field: 'row', column: null, message }], existing.id);
      continue;
    }
    // Like the import (which only stores non-duplicates), only new leads' keys count for later rows.
    if (result.lead.doNotContact || isOptedOut) doNotContactFirstRows.add(row.rowNumber);
    if (phoneNumber !== null) phoneRows.set(phoneNumber, row.rowNumber);
    else counts.noPhone++;
    if (emailKey) emailRows.set(emailKey, row.rowNumber);
    if (result.phoneHeader !== null && !result.lead.doNotContact && isHomeOrWorkPhoneHeader(result.phoneHeader)) {
      if (counts.homeOrWorkPhones++ < HOME_OR_WORK_EXAMPLES) homeOrWorkPhoneRows.push(row.rowNumber);
    }
    // What the reader made of a slip it could read past (text after a closing quote) is a warning like the validator's.
    const readWarning = row.problem ? [{ field: 'row' as const, column: null, message: row.problem.message }] : [];
    if (result.warnings.length + readWarning.length > 0) {
      counts.withWarnings++;
      note('warning', row.rowNumber, row.cells, [...readWarning, ...result.warnings]);
    }
  }
  counts.blankRows = reader.summary?.blankRowsSkipped ?? 0;
  return { counts, problems, problemsTotal, homeOrWorkPhoneRows, ignoredOptOuts: ignoredOptOuts.result(true) };
}
