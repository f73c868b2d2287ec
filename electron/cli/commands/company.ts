import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Backend } from '../../app/backend';
import type { Company, CompanyInput } from '../../../shared/company';
import { refuseUnusedOptions } from '../verb-options';
import { CliUsageError, readStdin, table, unwrap, type Output } from '../output';
import { AppError } from '../../core/errors';
import { localToday, usHolidaysAhead } from '../../../shared/us-holidays';

export const companyUsage = `rlm company add --name N --location-id L [--owner-name …] [--owner-phone …] [--owner-email …] [--ghl-url URL] [--enrol-tag T]
rlm company list
rlm company set --company C [--name N] [--location-id L] [--owner-name …] [--ghl-url URL] [--daily-cap N] [--per-hour N|none] [--send-window HH:MM-HH:MM] [--send-days mon,tue,…|mon-sat] [--timezone IANA]
                [--start YYYY-MM-DD|none] [--days-off YYYY-MM-DD,…|us-holidays|none] [--enrol-tag T | --workflow ID|NAME]
                (prints the company, schedule included; --days-off replaces the list, us-holidays = the coming year's
                New Year's Day, Memorial Day, July 4, Labor Day, Thanksgiving and Christmas, and the Friday or Monday
                off for one on a weekend)
rlm company set-key --company NAME_OR_ID        (reads the key from stdin, never from the command line)
rlm company remove-key --company NAME_OR_ID
rlm company test --company NAME_OR_ID
rlm company remove --company NAME_OR_ID [--force]`;

export async function companyCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const [verb, ...rest] = args;
  const { dispatch, ctx } = backend;
  const { values } = parseCompanyArgs(verb, {
    args: rest,
    options: {
      name: { type: 'string' },
      'location-id': { type: 'string' },
      'owner-name': { type: 'string' },
      'owner-phone': { type: 'string' },
      'owner-email': { type: 'string' },
      'ghl-url': { type: 'string' },
      company: { type: 'string' },
      force: { type: 'boolean' },
      tag: { type: 'string' },
      'enrol-tag': { type: 'string' },
      workflow: { type: 'string' },
      'daily-cap': { type: 'string' },
      'per-hour': { type: 'string' },
      'send-window': { type: 'string' },
      'send-days': { type: 'string' },
      timezone: { type: 'string' },
      start: { type: 'string' },
      'days-off': { type: 'string' },
    },
    strict: true,
  });
  refuseUnusedOptions('company', verb, { values }, { options: VERB_OPTIONS }, companyUsage);
  const companyId = () => {
    if (!values.company) throw new CliUsageError('--company is required');
    return ctx.companies.resolve(values.company).id;
  };

  switch (verb) {
    case 'add': {
      const company = unwrap(
        await dispatch('companies:create', {
          name: values.name ?? '',
          ghlLocationId: values['location-id'] ?? '',
          ownerName: values['owner-name'],
          ownerPhone: values['owner-phone'],
          ownerEmail: values['owner-email'],
          ghlBaseUrl: values['ghl-url'],
          enrolTag: values['enrol-tag'] ?? values.tag,
        }),
      );
      return out.result(company, () => `Added company #${(company as { id: number }).id} ${values.name}. Next: rlm company set-key --company "${values.name}" < key.txt`);
    }
    case 'list': {
      const companies = unwrap(await dispatch('companies:list', undefined)) as Company[];
      return out.result(companies, () =>
        table(
          companies.map((c) => ({ ...c, key: keyState(c), campaign: campaignOf(c), schedule: shortSchedule(c) })),
          ['id', 'name', 'ghlLocationId', 'key', 'campaign', 'schedule', 'ghlBaseUrl'],
        ),
      );
    }
    case 'set': {
      const id = companyId();
      const identity = identityPatch(values);
      const patch = { ...(await settingsPatch(values)), ...identity };
      if (Object.keys(patch).length === 0) throw new CliUsageError(`Nothing to change: give at least one setting.\n${companyUsage}`);
      // A workflow is checked where the company will point: a new location or GHL address goes first.
      const isMoving = identity.ghlLocationId !== undefined || identity.ghlBaseUrl !== undefined;
      if (patch.workflowId && isMoving) unwrap(await dispatch('companies:update', { id, patch: identity }));
      const workflow = patch.workflowId
        ? await checkedWorkflow(backend, id, patch.workflowId).catch((error: unknown) => {
            // Refused after the move was saved: say what changed and what did not.
            if (isMoving && error instanceof CliUsageError) throw new CliUsageError(`The company's GHL location and address were saved; nothing else was changed. ${error.message}`);
            throw error;
          })
        : null;
      if (workflow) Object.assign(patch, { workflowId: workflow.id, workflowName: workflow.name });
      const hadKey = (await ctx.companies.get(id)).hasApiKey;
      const company = unwrap(await dispatch('companies:update', { id, patch })) as Company;
      // A key is sent only to the address it was saved for (company-service.ts): a new address drops it, and the
      // company sends nothing until one is saved again, which the output said nothing of.
      const keyNote =
        hadKey && !company.hasApiKey
          ? `Note: the API key was removed from the keychain: a key is sent only to the GHL address it was saved for. Nothing is sent for ${company.name} until it is saved again: rlm company set-key --company ${company.id} < key.txt`
          : null;
      return out.result({ ...company, ...(workflow?.unchecked ? { workflowCheck: workflow.unchecked } : {}), ...(keyNote ? { keyNote } : {}) }, () =>
        [describeCompany(company), ...(workflow?.unchecked ? [`Note: ${workflow.unchecked}`] : []), ...(keyNote ? [keyNote] : [])].join('\n'),
      );
    }
    case 'set-key': {
      const id = companyId();
      // The end of typed input is Ctrl-Z then Enter in a Windows console, Ctrl-D elsewhere.
      const endOfInput = process.platform === 'win32' ? 'Enter, Ctrl-Z and Enter again' : 'Enter and Ctrl-D';
      if (process.stdin.isTTY) process.stderr.write(`Paste the Private Integration token, then press ${endOfInput}:\n`);
      const apiKey = (await readStdin()).trim();
      const value = unwrap(await dispatch('companies:setKey', { id, apiKey }));
      // Checked at once, as "Test connection" does: a key GHL refuses must not read as a key that works (the
      // sync would only find out later). The check also takes the location's time zone (this process would
      // exit before the app's background ask answered, and the daily count would keep this computer's zone).
      // Until a key GHL accepts is saved the company is blocked, as the sync would find it (checkSavedKey):
      // `rlm status` and the next import said "next: tomorrow 10:00" with nothing blocked.
      const { checkSavedKey, isKeyRefused } = await import('../../core/companies/connection-test');
      const check = await checkSavedKey(ctx.companies, id, 5_000);
      if (check.ok) ctx.sync.noteGhlAnswered(Date.now());
      const company = await ctx.companies.get(id);
      const zoneNote = company.timeZoneSource === 'ghl' ? ` Time zone ${company.schedule.timeZone}, from your GHL location.` : '';
      const isRefused = isKeyRefused(check);
      if (isRefused) process.exitCode = 3;
      // A workflow named before the key was saved could not be checked then, and was kept as typed: a name is
      // no id, and every lead failed at its enrolment ("GHL no longer has the campaign's workflow").
      const workflowNote = check.ok ? await recheckWorkflow(backend, company) : null;
      if (workflowNote?.isBlocked) process.exitCode = 3;
      const note = workflowNote ? `\n${workflowNote.text}` : '';
      return out.result({ ...(value as object), check: { ok: check.ok, message: check.message }, ...(workflowNote ? { workflowCheck: workflowNote.text } : {}) }, () =>
        check.ok
          ? `API key saved in the OS keychain.${zoneNote}${note}`
          : isRefused
            ? `API key saved in the OS keychain, but GHL refused it: ${asSentence(check.message)} Nothing is sent for ${company.name} until a key GHL accepts is saved.`
            : `API key saved in the OS keychain; it could not be checked now (${check.message}). rlm company test checks it later.`,
      );
    }
    case 'remove-key': {
      const value = unwrap(await dispatch('companies:removeKey', { id: companyId() }));
      return out.result(value, () => 'API key removed from the OS keychain.');
    }
    case 'test': {
      const value = unwrap(await dispatch('companies:testConnection', { id: companyId() })) as { ok: boolean; message: string };
      out.result(value, () => value.message);
      if (!value.ok) process.exitCode = 3;
      return;
    }
    case 'remove': {
      const result = await dispatch('companies:remove', { id: companyId(), force: values.force ?? false });
      // The app asks in a dialog; here the question is the option that answers it.
      if (!result.ok && result.error.code === 'conflict') {
        throw new AppError('conflict', `${result.error.message} To delete it all the same: rlm company remove --company "${values.company}" --force`, result.error.details);
      }
      const value = unwrap(result);
      return out.result(value, () => 'Company removed.');
    }
    default:
      throw new CliUsageError(`Unknown company command "${verb ?? ''}".\n${companyUsage}`);
  }
}

/** The options each verb uses besides --company (and `force` for remove): add and set share the company's own fields. */
const IDENTITY_OPTIONS = ['name', 'location-id', 'owner-name', 'owner-phone', 'owner-email', 'ghl-url'];
const VERB_OPTIONS: Record<string, readonly string[]> = {
  add: [...IDENTITY_OPTIONS, 'tag', 'enrol-tag'],
  list: [],
  set: ['company', ...IDENTITY_OPTIONS, 'enrol-tag', 'workflow', 'daily-cap', 'per-hour', 'send-window', 'send-days', 'timezone', 'start', 'days-off'],
  'set-key': ['company'],
  'remove-key': ['company'],
  test: ['company'],
  remove: ['company', 'force'],
};

/** `rlm company set`'s name, location, owner and GHL address options as a companies:update patch. */
function identityPatch(values: { name?: string; 'location-id'?: string; 'owner-name'?: string; 'owner-phone'?: string; 'owner-email'?: string; 'ghl-url'?: string }): Partial<CompanyInput> {
  const patch: Partial<CompanyInput> = {};
  if (values.name !== undefined) patch.name = values.name;
  if (values['location-id'] !== undefined) patch.ghlLocationId = values['location-id'];
  if (values['owner-name'] !== undefined) patch.ownerName = values['owner-name'];
  if (values['owner-phone'] !== undefined) patch.ownerPhone = values['owner-phone'];
  if (values['owner-email'] !== undefined) patch.ownerEmail = values['owner-email'];
  if (values['ghl-url'] !== undefined) patch.ghlBaseUrl = values['ghl-url'];
  return patch;
}

interface SetOptions {
  'daily-cap'?: string;
  'per-hour'?: string;
  'send-window'?: string;
  'send-days'?: string;
  timezone?: string;
  start?: string;
  'days-off'?: string;
  'enrol-tag'?: string;
  workflow?: string;
}

/** The `rlm company set` options as a companies:update patch; the command-line forms are read by shared/schedule. */
async function settingsPatch(values: SetOptions): Promise<Partial<CompanyInput>> {
  // Loaded here, not at the top: shared/schedule uses zod, and `rlm --help` must not load node_modules.
  const { parseDaysOff, parseSendDays, parseSendWindow } = await import('../../../shared/schedule');
  const readOrUsage = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
  };
  if (values['enrol-tag'] !== undefined && values.workflow !== undefined) throw new CliUsageError('Use --enrol-tag or --workflow, not both: a lead starts the campaign one way.');
  const schedule: NonNullable<CompanyInput['schedule']> = {};
  if (values['daily-cap'] !== undefined) {
    const cap = values['daily-cap'].trim();
    // A number the schema can judge (whole, 1…100,000); "abc" stays NaN and gets the schema's message.
    schedule.dailyCap = /^\d+$/.test(cap) ? Number(cap) : Number.NaN;
  }
  if (values['per-hour'] !== undefined) {
    const cap = values['per-hour'].trim().toLowerCase();
    schedule.hourlyCap = ['', 'none', 'off'].includes(cap) ? null : /^\d+$/.test(cap) ? Number(cap) : Number.NaN;
  }
  if (values['send-window'] !== undefined) schedule.window = readOrUsage(() => parseSendWindow(values['send-window']!));
  if (values['send-days'] !== undefined) schedule.sendDays = readOrUsage(() => parseSendDays(values['send-days']!));
  if (values.timezone !== undefined) schedule.timeZone = values.timezone;
  if (values.start !== undefined) schedule.startDate = ['', 'none'].includes(values.start.trim().toLowerCase()) ? null : values.start;
  if (values['days-off'] !== undefined) {
    const holidays = (word: string) => (word === 'us-holidays' ? usHolidaysAhead(localToday()).map((holiday) => holiday.date) : null);
    schedule.daysOff = readOrUsage(() => parseDaysOff(values['days-off']!, holidays));
  }
  const patch: Partial<CompanyInput> = {};
  if (Object.keys(schedule).length > 0) patch.schedule = schedule;
  if (values['enrol-tag'] !== undefined) Object.assign(patch, { enrolMode: 'tag', enrolTag: values['enrol-tag'] });
  if (values.workflow !== undefined) Object.assign(patch, { enrolMode: 'workflow', workflowId: values.workflow });
  return patch;
}

/**
 * The company's workflow checked again once a key GHL accepts is saved: a name GHL knows is stored as its id; one
 * GHL does not know blocks the company's sending (isBlocked). Null when there is nothing to say.
 */
async function recheckWorkflow(backend: Backend, company: Company): Promise<{ text: string; isBlocked: boolean } | null> {
  if (company.enrolMode !== 'workflow' || !company.workflowId) return null;
  try {
    const workflow = await checkedWorkflow(backend, company.id, company.workflowId);
    if (workflow.unchecked) return { text: `Note: ${workflow.unchecked}`, isBlocked: false };
    // Its name kept too, to name it should GHL lose it.
    if (workflow.id === company.workflowId) {
      if (workflow.name !== company.workflowName) unwrap(await backend.dispatch('companies:update', { id: company.id, patch: { workflowId: workflow.id, workflowName: workflow.name } }));
      return null;
    }
    unwrap(await backend.dispatch('companies:update', { id: company.id, patch: { workflowId: workflow.id, workflowName: workflow.name } }));
    return { text: `Workflow "${company.workflowId}" found in GHL: saved as its id ${workflow.id}.`, isBlocked: false };
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    return { text: `${error.message} Nothing is enrolled until it is: rlm company set --company ${company.id} --workflow ID|NAME`, isBlocked: true };
  }
}

/**
 * The workflow `--workflow` names, checked with GHL as the app's picker does (it offers only the location's
 * published workflows): an id or a name GHL does not know is refused before it is saved, since every lead
 * would otherwise reach GHL as a contact it refuses to enrol. A name is taken for its workflow's id. When GHL
 * cannot be asked (no key yet, offline), the value is saved as given and `unchecked` says why.
 */
async function checkedWorkflow(backend: Backend, companyId: number, given: string): Promise<{ id: string; name: string | null; unchecked: string | null }> {
  const { listPublishedWorkflows } = await import('../../core/companies/connection-test');
  let published: Array<{ id: string; name: string }>;
  try {
    published = await listPublishedWorkflows(backend.ctx.companies, companyId, 5_000);
  } catch (error) {
    return { id: given, name: null, unchecked: `workflow "${given}" could not be checked with GHL now (${(error as Error).message}); make sure it is published there.` };
  }
  const wanted = given.trim();
  const byId = published.find((workflow) => workflow.id === wanted);
  if (byId) return { id: byId.id, name: byId.name, unchecked: null };
  const byName = published.filter((workflow) => workflow.name.toLowerCase() === wanted.toLowerCase());
  if (byName.length === 1) return { id: byName[0]!.id, name: byName[0]!.name, unchecked: null };
  if (byName.length > 1) throw new CliUsageError(`GHL has ${byName.length} published workflows named "${wanted}": give the id of one: ${byName.map((w) => w.id).join(', ')}.`);
  const known = published.length > 0 ? `Its published workflows: ${published.map((w) => `${w.name} (${w.id})`).join('; ')}.` : 'It has none published: publish the campaign workflow in GHL first.';
  throw new CliUsageError(`GHL has no published workflow "${wanted}" for this location (a draft cannot enrol contacts). ${known}`);
}

/** "workflow Spring reactivation (wf-7c1d…)": by its name when known (an id alone meant nothing to the office). */
const workflowOf = (c: Company) => (c.workflowName ? `workflow "${c.workflowName}" (${c.workflowId ?? ''})` : `workflow ${c.workflowId ?? ''}`);

const campaignOf = (c: Company) => (c.enrolMode === 'tag' ? `tag ${c.enrolTag ?? ''}` : workflowOf(c));

const shortSchedule = (c: Company) =>
  `${c.schedule.dailyCap}/day${c.schedule.hourlyCap === null ? '' : ` ${c.schedule.hourlyCap}/hour`} ${c.schedule.sendDays.join(',')} ${c.schedule.window.start}-${c.schedule.window.end} ${c.schedule.timeZone}` +
  (c.schedule.startDate ? ` from ${c.schedule.startDate}` : '') +
  (c.schedule.daysOff.length > 0 ? ` +${c.schedule.daysOff.length} day${c.schedule.daysOff.length === 1 ? '' : 's'} off` : '');

function describeCompany(c: Company): string {
  const zoneFrom = { ghl: "the GHL location's setting", machine: "this computer's zone", user: 'set by you' }[c.timeZoneSource];
  return [
    `${c.name} (#${c.id}, GHL location ${c.ghlLocationId})`,
    `Campaign: ${c.enrolMode === 'tag' ? `tag "${c.enrolTag ?? ''}" (your GHL workflow must start on this tag)` : workflowOf(c)}`,
    `Schedule: ${c.scheduleSummary}`,
    `Time zone: ${c.schedule.timeZone} (${zoneFrom}): the daily cap counts this calendar day${c.schedule.startDate ? `, and nothing goes before ${c.schedule.startDate}` : ''}.`,
    ...c.scheduleNotes.map((note) => `Note: ${note}`),
    "Queued leads go on this schedule, and never outside 08:00–21:00 in the lead's own time (the legal floor). See where they stand: rlm status --company " +
      JSON.stringify(c.name),
  ].join('\n');
}

/**
 * parseArgs names an unexpected argument in its error: for set-key that is most likely the key itself,
 * typed after the command, and the error would carry it into cron mail and logs.
 */
function parseCompanyArgs<T extends ParseArgsConfig>(verb: string | undefined, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if (verb === 'set-key' && (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new CliUsageError('set-key takes the key on stdin, never as an argument (it would stay in your shell history): rlm company set-key --company NAME < key.txt');
    }
    throw error;
  }
}

/**
 * The key column of `company list`, as the Companies page's badge says it: a key GHL refused read "set" there, and
 * only `company test` told that nothing would go.
 */
function keyState(company: Pick<Company, 'hasApiKey' | 'isKeyUnreadable' | 'syncPausedReason'>): string {
  if (company.hasApiKey) return company.syncPausedReason === 'auth' ? 'refused: needs a new key' : 'set';
  return company.isKeyUnreadable ? 'keychain did not answer' : 'not set';
}

/** GHL's words end a sentence before ours begins ("…paste a new Private Integration token Nothing is sent…"). */
const asSentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
