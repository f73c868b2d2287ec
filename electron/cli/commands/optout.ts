import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Backend } from '../../app/backend';
import type { OptOut } from '../../../shared/ipc/optouts';
import { refuseUnusedOptions } from '../verb-options';
import { CliUsageError, table, unwrap, type Output } from '../output';

/**
 * "Dec 2, 2026, 20:00 CST": on the 24-hour clock the schedules use, with this computer's zone. Made on first
 * use: `rlm --help` loads this module, and a process' first Intl object costs ~25 ms (ICU loads its data).
 */
let addedAt: Intl.DateTimeFormat | undefined;
const formatAddedAt = (ms: number) =>
  (addedAt ??= new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })).format(ms);

export const optoutUsage = `rlm optout import FILE [--reason R] --json     → {"added","already","repeated","invalid"} (a CSV or workbook of numbers/emails, any phone format)
rlm optout add --phone P | --email E [--reason R]    (every waiting lead with it, in every company, becomes do-not-contact)
rlm optout list [--search S] [--limit N] --json
rlm optout remove --phone P | --email E | --id N --reason R`;

const VERB_OPTIONS: Record<string, readonly string[]> = {
  import: ['reason'],
  add: ['phone', 'email', 'reason'],
  list: ['search', 'limit'],
  remove: ['phone', 'email', 'id', 'reason'],
};

/** The office-wide opt-out list, shared by every company. */
export async function optoutCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const [verb, ...rest] = args;
  const { call: dispatch, ctx } = backend;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      phone: { type: 'string' },
      email: { type: 'string' },
      id: { type: 'string' },
      reason: { type: 'string' },
      search: { type: 'string' },
      limit: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  refuseUnusedOptions('optout', verb, { values, positionals }, { options: VERB_OPTIONS, positionals: { import: 1 } }, optoutUsage);

  switch (verb) {
    case 'import': {
      const file = positionals[0];
      if (!file) throw new CliUsageError(`Which file? rlm optout import FILE\n${optoutUsage}`);
      const result = unwrap(await dispatch('optouts:import', { path: resolve(file), reason: values.reason }));
      return out.result(result, () =>
        [
          `${result.added} added to the opt-out list, ${result.already} already on it, ${result.repeated ? `${result.repeated} repeated in the file, ` : ''}${result.invalid} not a phone or email.`,
          result.leadsMarked ? `${result.leadsMarked} lead(s) became do-not-contact (GHL is told for any it already has).` : '',
          ...result.invalidExamples.map((line) => `  ${line}`),
        ]
          .filter(Boolean)
          .join('\n'),
      );
    }
    case 'add': {
      if (!values.phone && !values.email) throw new CliUsageError('Give --phone P or --email E.');
      const result = unwrap(await dispatch('optouts:add', { phone: values.phone, email: values.email, reason: values.reason }));
      return out.result(result, () =>
        `${result.entry.value} ${result.isNew ? 'is now on' : 'was already on'} the opt-out list.` +
        (result.leadsMarked ? ` ${result.leadsMarked} lead(s) became do-not-contact (GHL is told for any it already has).` : ''),
      );
    }
    case 'list': {
      const limit = values.limit ? Number(values.limit) : 500;
      const page = unwrap(await dispatch('optouts:list', { search: values.search, offset: 0, limit }));
      return out.result(page, () =>
        [
          table(
            page.items.map((entry: OptOut) => ({ ...entry, added: formatAddedAt(entry.createdAt), reason: entry.reason ?? '', company: entry.companyName ?? '' })),
            ['id', 'value', 'source', 'reason', 'company', 'added'],
          ),
          page.total > page.items.length ? `(${page.items.length} of ${page.total}; --limit N for more)` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    }
    case 'remove': {
      if (!values.reason?.trim()) throw new CliUsageError('Say why with --reason R: the list keeps who was taken off and why.');
      let id: number;
      if (values.id) id = Number(values.id);
      else if (values.phone || values.email) {
        const entry = ctx.optOuts.find({ phone: values.phone, email: values.email });
        if (!entry) throw Object.assign(new Error(`${values.phone ?? values.email} is not on the opt-out list.`), { code: 'not-found' });
        id = entry.id;
      } else throw new CliUsageError('Give --phone P, --email E or --id N.');
      const result = unwrap(await dispatch('optouts:remove', { id, reason: values.reason }));
      return out.result(result, () => (result.removed ? 'Removed from the opt-out list (its leads stay do-not-contact).' : 'It was already removed.'));
    }
    default:
      throw new CliUsageError(`Unknown optout command "${verb ?? ''}".\n${optoutUsage}`);
  }
}
