import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Backend } from '../../app/backend';
import { AppError } from '../../core/errors';
import type { ColumnMappingInput, InspectResult, PreviewResult } from '../../../shared/ipc/imports';
import type { ImportSummary } from '../../core/imports/worker-protocol';
// Not shared/ipc/imports: this module loads for `rlm --help`, which must not load zod.
import { ignoredOptOutText, optOutsInIgnoredColumns } from '../../../shared/opt-out-words';
import { homeOrWorkPhoneHint, homeOrWorkPhonesNotice, LEAD_FIELDS as importFields } from '../../../shared/import-mapping';
import { CliUsageError, unwrap, type Output } from '../output';
import { WORKBOOK_EXTENSIONS } from '../../parsing/workbook-detect';
import { keyNotice, queuedSending, sendingHold } from '../queued-report';
import { LENGTH_LIMITS } from '../../parsing/length-limits';

export const importUsage = `rlm import FILE --company NAME_OR_ID [--mapping auto|MAPPING.json] [--tag T] [--on-duplicate skip|update]
           [--no-queue] [--dry-run] [--delimiter ';'] [--encoding windows-1252] [--sheet NAME]
    FILE: CSV, TSV or TXT, or an Excel/OpenDocument workbook (.xlsx, .xls, .ods): its first sheet holding a table
          (not one hidden in Excel, unless no other has data) unless --sheet names another
    MAPPING.json: {"Header": "phone", …} or {"columns": [{"index": 0, "header": "Header", "field": "phone"}, …}]:
          the columns it names only (the others are listed as not imported)
    fields: ${importFields.join(', ')}, ignore, or custom:<GHL custom field id>
    --mapping auto (the default) also maps a column whose header is the name of one of the location's GHL
    custom fields (case, spaces and punctuation ignored) to that field`;

/** How many rejected rows, rows imported with a change and rows repeating an earlier one a dry run lists (each). */
const DRY_RUN_LISTED = 20;

/** A row a dry run lists: rejected, or imported with a value changed on the way in (`imported`). */
interface DryRunProblem {
  row: number;
  imported: boolean;
  reasons: string[];
}

/**
 * A row with the phone or email of an earlier row of the file: not imported (GHL keeps one contact per phone). Listed with
 * what it holds: a second person on the household's phone (her name, her email) was counted among the duplicates only.
 */
interface DryRunRepeat {
  row: number;
  sameAs: number | null;
  content: string;
}

/** What `rlm import --json` prints: the batch summary; batchId is null for a --dry-run. */
export type ImportCliResult = Pick<ImportSummary, 'rows' | 'imported' | 'updated' | 'duplicates' | 'rejected' | 'rejectedFile'> & { batchId: number | null };

/** A mapping file: the wizard's {columns:[…]} shape, or the hand-written {"Header": "field"} shape. */
function readMappingFile(path: string, headers: readonly string[]): ColumnMappingInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`Cannot read the mapping file ${path}: ${(error as Error).message}`);
  }
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { columns?: unknown }).columns)) return checkedColumns(parsed as ColumnMappingInput, headers);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliUsageError('The mapping file must be a JSON object: {"Header in the file": "field", …}');
  const entries = Object.entries(parsed as Record<string, unknown>);
  // A typo must not drop a column silently (it imported as if the column were not there): name it, with what would do.
  const known = new Set(headers.map((header) => header.trim().toLowerCase()));
  const missing = entries.map(([header]) => header).filter((header) => !known.has(header.trim().toLowerCase()));
  if (missing.length > 0) {
    throw new CliUsageError(`The mapping file names column(s) the file does not have: ${missing.map((h) => `"${h}"`).join(', ')}.\nThe file's columns: ${headers.map((h) => `"${h}"`).join(', ')}`);
  }
  const fields = new Set<string>([...importFields, 'ignore']);
  const unknownFields = entries.filter(([, field]) => typeof field !== 'string' || (!fields.has(field) && !field.startsWith('custom:')));
  if (unknownFields.length > 0) {
    throw new CliUsageError(
      `The mapping file maps to field(s) the app does not know: ${unknownFields.map(([h, f]) => `"${h}" → ${JSON.stringify(f)}`).join(', ')}.\nFields: ${[...fields].join(', ')}, or custom:<GHL field id>`,
    );
  }
  const byHeader = new Map(entries.map(([header, field]) => [header.trim().toLowerCase(), String(field)]));
  // A column the file names is the office's choice (confidence 1, as the wizard's own); one it leaves out is ignored
  // without a word from anyone (0): its opt-outs are watched (shared/opt-out-words.ts ignoredOptOutCounter). Without
  // a confidence the import's check took 1 (the schema's default) and watched none, while this command's took 0.
  return {
    columns: headers.map((header, index) => {
      const field = byHeader.get(header.trim().toLowerCase());
      return { index, header, field: (field ?? 'ignore') as 'ignore', confidence: field === undefined ? 0 : 1 };
    }),
  };
}

/**
 * The columns form (a saved wizard mapping) maps by position. Written for another export, its columns sit
 * elsewhere: a last name read as the first, a home phone texted. Each entry's header must be the file's.
 */
function checkedColumns(mapping: ColumnMappingInput, headers: readonly string[]): ColumnMappingInput {
  const sameHeader = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const problems = mapping.columns.flatMap(({ index, header }) => {
    if (!Number.isInteger(index) || index < 0 || index >= headers.length) return [`column ${Number(index) + 1} (the file has ${headers.length} columns)`];
    return typeof header === 'string' && !sameHeader(header, headers[index]!) ? [`column ${index + 1} is "${headers[index]}" in this file, not "${header}"`] : [];
  });
  if (problems.length > 0) {
    throw new CliUsageError(
      `The mapping file does not fit this file's columns: ${problems.join('; ')}.\nMap by header instead: {"Header in the file": "field", …}`,
    );
  }
  // A column left out with no confidence is read as 0 here and as 1 by the import (the schema's default): said once, as
  // 0, so both watch the same columns. A mapped one stays 1 (a lower one may be moved to a GHL custom field).
  return { ...mapping, columns: mapping.columns.map((column) => ({ ...column, confidence: column.confidence ?? (column.field === 'ignore' ? 0 : 1) })) };
}

const isWorkbookName = (path: string) => WORKBOOK_EXTENSIONS.has(extname(path).toLowerCase());

function describeMappingProblem(inspect: InspectResult, path: string): string {
  const mapped = inspect.mapping.columns.map((column) => `  ${column.header} → ${column.field}`).join('\n');
  // Each error is a sentence already: joined with ". " they ended "contacted.." (a review).
  const errors = inspect.mappingErrors.map((error) => error.replace(/\.$/, '')).join('. ');
  // Named as a workbook but read as text (not a zip, nor an old Excel file): "Only one column was found" said nothing of why.
  const notWorkbook = isWorkbookName(path) && inspect.mapping.columns.length <= 1
    ? `\n${basename(path)} is named as a workbook but is not one the app can read (not an Excel or OpenDocument file): open it in Excel or another program and save it again as .xlsx or .csv.`
    : '';
  return `${errors}.\nColumns found:\n${mapped}\nWrite a mapping file ({"Header": "phone"}) and pass it with --mapping.${notWorkbook}`;
}

export async function importCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const { dispatch, ctx } = backend;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      company: { type: 'string' },
      mapping: { type: 'string', default: 'auto' },
      tag: { type: 'string' },
      'on-duplicate': { type: 'string', default: 'skip' },
      'no-queue': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      delimiter: { type: 'string' },
      encoding: { type: 'string' },
      sheet: { type: 'string' },
    },
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new CliUsageError(`Give exactly one file to import.\n${importUsage}`);
  if (!values.company) throw new CliUsageError('--company is required');
  const onDuplicate = values['on-duplicate'];
  if (onDuplicate !== 'skip' && onDuplicate !== 'update') throw new CliUsageError('--on-duplicate must be skip or update');
  const companyId = ctx.companies.resolve(values.company).id;
  const path = resolve(file);
  // This process ends with the import: an index thread here would only make the import worker wait for
  // the write lock and share the CPU with it, and the index would still be unfinished at exit. The app's
  // index thread catches up; search finds unindexed leads meanwhile (lead-search.ts).
  await ctx.searchIndex.stop();

  // Read the location's custom fields once, so auto mapping (and a mapping file's custom:<id>) knows them;
  // without them the import still runs, those columns are ignored.
  const listed = await dispatch('imports:customFields', { companyId });
  const warnings = listed.ok ? [] : [`${listed.error.message}${listed.error.code === 'offline' ? '' : ` [${listed.error.code}]`}`];
  for (const warning of warnings) out.progress(`Note: ${warning}`);

  const inspect = unwrap(
    await dispatch('imports:inspect', {
      path,
      companyId,
      ...(values.delimiter ? { delimiter: values.delimiter === '\\t' ? '\t' : values.delimiter } : {}),
      ...(values.encoding ? { encoding: values.encoding } : {}),
      ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
    }),
  ) as InspectResult;
  if (values.sheet !== undefined && inspect.sheet === null) throw new CliUsageError(`--sheet is for workbooks (.xlsx, .xls, .ods); ${file} is read as a CSV file.`);
  // Also in the --json result: progress is silent there, and a script lost which sheet was read, the encoding guessed,
  // the columns dropped.
  // The workbook's note says which sheet is read; here is how to read another (the app shows its Sheet list instead).
  const inspectWarnings = inspect.warnings.map((warning) => (/ sheets with data; ".*" is read\.$/.test(warning) ? `${warning} To read another: --sheet NAME.` : warning));
  for (const warning of inspectWarnings) out.progress(`Note: ${warning}`);
  warnings.push(...inspectWarnings);
  if (inspect.previewRows.length === 0) {
    throw new AppError('bad-file', inspect.hasHeader ? 'The file has a header row but no data rows: nothing to import.' : 'The file has no data rows.');
  }
  const mapping = values.mapping === 'auto' ? inspect.mapping : readMappingFile(values.mapping, inspect.headers);
  if (values.mapping === 'auto' && inspect.mappingErrors.length > 0) throw new AppError('validation', describeMappingProblem(inspect, path));
  if (values.mapping === 'auto') {
    // The wizard shows every column and what it goes to; here a column no field matched was dropped without a
    // word (a file without a header lost its names and addresses that way).
    // Not the columns ignored by name on purpose (confidence 1: the app's own export and rejected-rows columns, an old
    // CRM's record ids): an export imported again named twelve of them, where README says they are ignored quietly.
    const dropped = mapping.columns.filter((column) => column.field === 'ignore' && (column.confidence ?? 0) < 1);
    if (dropped.length > 0) {
      const sample = (index: number) => inspect.previewRows[0]?.[index]?.trim();
      const named = dropped.map((column) => (sample(column.index) ? `${column.header} (e.g. "${sample(column.index)!.slice(0, 30)}")` : column.header));
      const note = `Not imported, no field matches: ${named.join(', ')}. To keep them, map them with --mapping FILE (rlm import --help).`;
      out.progress(`Note: ${note}`);
      warnings.push(note);
    }
  }
  if (values.mapping !== 'auto') {
    // A mapping file imports the columns it names only: the others were dropped without a word, names and emails among
    // them, and a consent or do-not-contact column the automatic mapping reads ("SMS Allowed: No") with them (a review).
    const auto = new Map(inspect.mapping.columns.map((column) => [column.index, column.field]));
    const leftOut = mapping.columns.filter((column) => column.field === 'ignore' && (auto.get(column.index) ?? 'ignore') !== 'ignore');
    const optOutColumns = leftOut.filter((column) => auto.get(column.index) === 'doNotContact' || auto.get(column.index) === 'consentNote');
    if (optOutColumns.length > 0) {
      const note = `The mapping file leaves out ${optOutColumns.map((column) => `"${column.header}"`).join(', ')}, which the automatic mapping reads for opt-outs (do not contact, or a consent's No): their customers who asked not to be texted will be texted. Name them in the mapping file (doNotContact or consentNote) to read them.`;
      out.progress(`Warning: ${note}`);
      warnings.push(note);
    }
    const others = leftOut.filter((column) => !optOutColumns.includes(column));
    if (others.length > 0) {
      const note = `Not imported, the mapping file does not name them: ${others.map((column) => `${column.header} (the automatic mapping reads it as ${auto.get(column.index)})`).join(', ')}.`;
      out.progress(`Note: ${note}`);
      warnings.push(note);
    }
  }
  // A column left out whose cells say the customer opted out ("Flags": "DNC"), whichever mapping: said before the import,
  // of the file's first rows (a dry run says it of every row below).
  const mapToDoNotContact = 'map it to doNotContact with --mapping FILE (rlm import --help)';
  const firstRowsOptOutNotes = optOutsInIgnoredColumns(mapping.columns, inspect.previewRows).map((column) => ignoredOptOutText(column, mapToDoNotContact));
  for (const note of firstRowsOptOutNotes) {
    out.progress(`Warning: ${note}`);
    warnings.push(note);
  }
  /** The warnings once every row was read: the whole file's opt-out notes in place of the first rows'. */
  const withWholeFileNotes = (wholeFileNotes: readonly string[]) => [...warnings.filter((note) => !firstRowsOptOutNotes.includes(note)), ...wholeFileNotes];
  const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader, ...(inspect.sheet !== null ? { sheet: inspect.sheet } : {}) };

  if (values['dry-run']) {
    // The rejected rows, the rows imported with a change and the file's repeats, each kind asked for apart: among the
    // first 20 problems of every kind, duplicates of leads already in the app could hide them all.
    const previewOf = async (kind: 'invalid' | 'warning' | 'duplicate-in-file') =>
      unwrap(await dispatch('imports:preview', { path, companyId, options, mapping, kind, limit: DRY_RUN_LISTED })) as PreviewResult;
    // The file's own repeats too: a second person on the household's phone (her name and email) is not imported, and the
    // dry run counted her among the duplicates only (a review). Leads already in the app are the same customers: counted.
    const [preview, warned, repeated] = await Promise.all([previewOf('invalid'), previewOf('warning'), previewOf('duplicate-in-file')]);
    const { counts } = preview;
    const listed = [...preview.problems, ...warned.problems].sort((a, b) => a.rowNumber - b.rowNumber);
    const more = preview.problemsTotal + warned.problemsTotal - listed.length;
    const moreRepeats = repeated.problemsTotal - repeated.problems.length;
    // The preview read every row: its count of opt-outs in columns left out replaces the one of the first rows.
    const wholeFileOptOutNotes = preview.ignoredOptOuts.map((column) => ignoredOptOutText(column, mapToDoNotContact));
    const dryRunWarnings = withWholeFileNotes(wholeFileOptOutNotes);
    const result: ImportCliResult & NotTexted & { dryRun: true; homeOrWorkPhones: number; problems: DryRunProblem[]; problemsNotListed: number; repeats: DryRunRepeat[]; warnings: string[] } = {
      dryRun: true,
      warnings: dryRunWarnings,
      batchId: null,
      rows: counts.rows,
      imported: counts.valid - counts.duplicatesInFile - counts.duplicatesExisting,
      // As the real run counts them: a repeat the file marks do-not-contact makes its lead so, whatever is done with repeats.
      // It said "1 duplicate" where the import then said "1 updated" (a review).
      updated: counts.repeatsMarkingDoNotContact,
      duplicates: counts.duplicatesInFile + counts.duplicatesExisting - counts.repeatsMarkingDoNotContact,
      rejected: counts.invalid,
      rejectedFile: null,
      homeOrWorkPhones: counts.homeOrWorkPhones,
      noPhone: counts.noPhone,
      markedDoNotContact: counts.markedDoNotContact,
      optedOut: counts.optedOut,
      problems: listed.map((p) => ({ row: p.rowNumber, imported: p.kind === 'warning', reasons: p.issues.map((i) => i.message) })),
      repeats: repeated.problems.map((p) => ({ row: p.rowNumber, sameAs: p.firstRowNumber, content: p.cells.filter((cell) => cell.trim()).join(' · ') })),
      problemsNotListed: more,
    };
    return out.result(result, () =>
      [
        `Dry run (nothing written): ${result.rows} rows → ${result.imported} new, ${result.updated > 0 ? `${result.updated} updated (repeats the file marks do-not-contact: their lead becomes do-not-contact), ` : ''}${result.duplicates} duplicates, ${result.rejected} rejected.`,
        ...wholeFileOptOutNotes.map((note) => `Warning: ${note}`),
        // A dry run cannot tell which of them the file would change: say what the real run does with them.
        // Repeats within the file too: a customer on three job rows had the two after the first merged into her lead, where
        // the dry run said "not imported" (a review).
        ...(onDuplicate === 'update' && result.duplicates > 0
          ? [`With --on-duplicate update, each duplicate (a lead already in the app, or a repeat of an earlier row of this file) fills in its lead's empty fields and adds what is new to its notes and old CRM tags (for a lead already in GHL the notes added stay here: GHL keeps its first note). Those it changes count as updated, the rest stay duplicates (a row with nothing new changes nothing).`]
          : []),
        ...(counts.homeOrWorkPhones > 0 ? [`Note: ${homeOrWorkPhonesNotice(counts.homeOrWorkPhones, preview.homeOrWorkPhoneRows)} ${homeOrWorkPhoneHint(mapping)}`] : []),
        ...notTextedLines(result),
        // Rows imported with a change worth knowing (a phone dropped, a date not read): shown, not only counted.
        ...result.problems.map((p) => `  row ${p.row}${p.imported ? ' (imported)' : ''}: ${p.reasons.join('; ')}`),
        ...(more > 0 ? [`  … and ${more} more (the app's import review lists them all; the real import writes the rejected rows to a file)`] : []),
        ...result.repeats.map((r) => `  row ${r.row} (${onDuplicate === 'update' ? 'added to the lead of' : 'not imported: same phone or email as'} row ${r.sameAs ?? '?'}): ${r.content}`),
        ...(moreRepeats > 0 ? [`  … and ${moreRepeats} more repeats (the app's import review lists them all)`] : []),
      ].join('\n'),
    );
  }

  const { batchId } = unwrap(
    await dispatch('imports:start', { path, companyId, options, mapping, tag: values.tag ?? inspect.defaultTag, onDuplicate, queueSync: !values['no-queue'] }),
  ) as { batchId: number };
  // The report's slow parts are done while the import runs, on a thread that has nothing else to do: the key's state
  // (a keychain question takes 50–100 ms), the first date formatting of this process (~25 ms setting up ICU) and
  // loading the plan's code. The company's row is read again at the end. Should the import fail first, they are
  // never awaited: marked handled here, so their failure (awaited, it throws there) cannot end the process.
  const companyRead = ctx.companies.get(companyId);
  const plansLoad = import('../../app/plans');
  for (const early of [companyRead, plansLoad]) early.catch(() => undefined);
  const stopProgress = ctx.events.on('import:progress', (progress) => {
    if (progress.batchId !== batchId || progress.state !== 'running') return;
    const percent = progress.totalBytes > 0 ? Math.floor((100 * progress.processedBytes) / progress.totalBytes) : 0;
    out.progress(`${progress.processedRows} rows (${percent}%), ${progress.rowsPerSecond} rows/s${progress.etaSeconds !== null ? `, ~${progress.etaSeconds}s left` : ''}`);
  });
  const cancel = () => {
    out.progress('Cancelling: the rows saved so far are kept (undo with the app)…');
    ctx.imports.cancel(batchId);
  };
  process.once('SIGINT', cancel);
  let summary;
  try {
    summary = await ctx.imports.finished(batchId);
  } finally {
    process.off('SIGINT', cancel);
    stopProgress();
  }
  if (summary.state === 'failed') {
    // A full disk is the disk's fault, not the file's: its exit code says so (README, exit codes).
    // Nor is a company removed meanwhile (in the app, another window): the file was fine.
    const { IMPORT_COMPANY_REMOVED, IMPORT_DISK_FULL } = await import('../../core/imports/run-import');
    const code = summary.error?.startsWith(IMPORT_DISK_FULL) ? 'disk-full' : summary.error?.startsWith(IMPORT_COMPANY_REMOVED) ? 'not-found' : 'bad-file';
    throw new AppError(code, summary.error ?? 'The import failed.');
  }
  // Leads queued for a company without a key sit there silently: say so, plainly, now.
  // A key saved while the import ran (in the app, or `rlm company set-key` in another window) is asked for again:
  // the early answer alone said "no GHL API key" as sending was about to begin. Only then: a key found stays found.
  const early = await companyRead;
  const company = { ...(early.hasApiKey ? early : await ctx.companies.get(companyId)), ...ctx.companies.row(companyId) };
  const isWaitingForKey = !company.hasApiKey && !values['no-queue'] && summary.imported + summary.updated > 0;
  const notice = isWaitingForKey ? keyNotice(company) : null;
  // When this file's leads go at the company's pace (none when nothing was queued).
  // Loaded on use, not at the top: `rlm --help` loads this module and must not load the database layer.
  const { importPlan } = await plansLoad;
  const { queued, plan, isProvisional } = importPlan(ctx, batchId);
  // The new leads are placed in their own time zones by the sync, not yet: until then the plan reckons them
  // in the company's, and a day it names may move (Texas leads of a London company go hours earlier).
  const sending = queuedSending(company, queued, plan, isProvisional, sendingHold(backend, companyId));
  // What the counts do not say: leads kept without a phone cannot be texted; rows the file marked do-not-contact never go.
  const facts = ctx.imports.facts(batchId);
  const markedByFile = summary.markedDoNotContact;
  const result: ImportCliResult & { state: string; optedOut: number; noPhone: number; markedDoNotContact: number; notesCut: number; withWarnings: number | null; notice: string | null; sending: typeof sending; warnings: string[] } = {
    batchId,
    state: summary.state,
    notice,
    sending,
    warnings,
    noPhone: facts.noPhone,
    markedDoNotContact: markedByFile,
    notesCut: facts.notesCut,
    withWarnings: summary.withWarnings,
    rows: summary.rows,
    imported: summary.imported,
    updated: summary.updated,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
    optedOut: summary.optedOut,
    rejectedFile: summary.rejectedFile,
  };
  // The import read every row: its count of opt-outs in columns left out replaces the first rows' (as a dry run's does).
  const wholeFileOptOutNotes = (summary.ignoredOptOuts ?? []).map((column) => ignoredOptOutText(column, mapToDoNotContact));
  if (summary.ignoredOptOuts) result.warnings = withWholeFileNotes(wholeFileOptOutNotes);
  if (summary.state === 'cancelled') process.exitCode = 130;
  out.result(result, () =>
    [
      `Import #${batchId} ${summary.state}: ${result.rows} rows → ${result.imported} new, ${result.updated} updated, ${result.duplicates} duplicates, ${result.rejected} rejected.`,
      // Without a key the notice below says what to do; the plan would only repeat that nothing goes.
      notice ? '' : (sending?.message ?? ''),
      ...notTextedLines(result),
      result.withWarnings
        ? `${result.withWarnings} row(s) of the file had a value changed on the way in (cut to length, a phone or date kept in the notes, a do-not-contact value read as "do not contact"); rlm import FILE --dry-run lists them.`
        : '',
      result.notesCut
        ? `${result.notesCut} lead(s) could not take all the notes this file added (${LENGTH_LIMITS.notes.toLocaleString('en-US')} characters at most): each lead's notes say where they were cut and which row of the file holds the rest.`
        : '',
      result.rejectedFile ? `Rejected rows (with the reason in the first column): ${result.rejectedFile}` : '',
      notice ? `Note: ${notice}` : '',
      // Said before the import of the first rows; now of every row, and of a column whose opt-outs came later.
      ...wholeFileOptOutNotes.map((note) => `Warning: ${note} This import is done: to keep them out, undo it on the app's Import history page, then import the file again with that mapping.`),
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/** What the counts do not say: rows kept out of the campaign, and new leads no text can reach. */
interface NotTexted {
  optedOut: number;
  markedDoNotContact: number;
  noPhone: number;
}

/** The same sentences for the import and its dry run (whose first line says nothing was written). */
function notTextedLines({ optedOut, markedDoNotContact, noPhone }: NotTexted): string[] {
  return [
    // A row may be a duplicate: its lead, not a new one, is the one kept out.
    optedOut ? `${optedOut} row(s) have a phone or email on the office-wide opt-out list: their leads are do-not-contact, never sent.` : '',
    markedDoNotContact ? `${markedDoNotContact} row(s) the file marks do-not-contact: their leads are do-not-contact, never sent.` : '',
    noPhone
      ? `${noPhone} new lead(s) have no usable phone number (none given, or one that is not a textable number: kept in their notes). They are kept, and ${
          // The count holds leads kept out above too: they go nowhere (a review found "go to GHL" said of them).
          optedOut + markedDoNotContact > 0 ? 'those not do-not-contact go' : 'go'
        } to GHL with their email, but no SMS campaign can text them.`
      : '',
  ].filter(Boolean);
}
