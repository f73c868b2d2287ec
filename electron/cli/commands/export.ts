import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Backend } from '../../app/backend';
import type { LeadStatus } from '../../../shared/lead';
import { leadStatusLabels } from '../../../shared/lead-status-labels';
import { CliUsageError, refuseMissingFolder, type Output } from '../output';
import { assertNotAppFile, freePathIn } from '../../core/user-files';

// From the labels' keys, not shared/lead.ts: that one loads zod, and `rlm --help` loads this file.
const leadStatuses = Object.keys(leadStatusLabels) as LeadStatus[];

export const exportUsage = `rlm export FILE [--company NAME_OR_ID] [--status S] [--force] [--json]
      writes the leads (newest first) as the Leads page's Export CSV does → {"rows","file"}
      an existing FILE is kept unless --force; never one of the app's own files (its database)
      FILE may be a folder: the file is then named like leads-Summit-Roofing-2026-11-30.csv (company, local date; -2, -3… when taken)
      S: ${leadStatuses.map((status) => `${status} ("${leadStatusLabels[status]}")`).join(', ')}`;

/** What `rlm export --json` prints. */
export interface ExportCliResult {
  rows: number;
  file: string;
}

/** A status by its key ("synced") or by the words the export writes ("Sent to GHL"), any case. */
function parseStatus(text: string): LeadStatus {
  const wanted = text.trim().toLowerCase();
  const status = leadStatuses.find((candidate) => candidate === wanted || leadStatusLabels[candidate].toLowerCase() === wanted);
  if (!status) throw new CliUsageError(`Unknown status "${text}".\n${exportUsage}`);
  return status;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Judged with no database (main.ts): a bad argument is exit 2 whatever the data folder holds. */
export function exportArgs(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { company: { type: 'string' }, status: { type: 'string' }, force: { type: 'boolean' } },
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new CliUsageError(`Give exactly one file (or folder) to write.\n${exportUsage}`);
  return { values, file, status: values.status ? parseStatus(values.status) : undefined };
}

export async function exportCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const { values, file, status } = exportArgs(args);
  const { ctx } = backend;
  const filters = {
    ...(values.company ? { companyId: ctx.companies.resolve(values.company).id } : {}),
    ...(status ? { status } : {}),
  };
  refuseMissingFolder(file);
  const target = resolve(file);
  if (!isDirectory(target) && !isDirectory(dirname(target))) throw new CliUsageError(`The folder ${dirname(target)} does not exist.`);
  assertNotAppFile(ctx.dataDir, isDirectory(target) ? join(target, 'leads.csv') : target);
  if (!isDirectory(target) && existsSync(target) && !values.force) {
    throw new CliUsageError(`${target} already exists. Choose another name (or a folder), or add --force to replace it.`);
  }
  // The Leads page's export itself, written to the user's file; a folder gets the name the page offers.
  const written = isDirectory(target)
    ? await ctx.leadBrowser.exportCsv(filters, (name) => freePathIn(target, name))
    : await ctx.leadBrowser.exportCsv(filters, () => target);
  const result: ExportCliResult = { rows: written.rows, file: written.path };
  out.result(result, () => `${result.rows.toLocaleString('en-US')} leads written to ${result.file}`);
}
