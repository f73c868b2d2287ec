import { parseArgs } from 'node:util';
import type { Backend } from '../../app/backend';
import { CliUsageError, readStdin, table, unwrap, type Output } from '../output';

export const companyUsage = `rlm company add --name N --location-id L [--owner-name …] [--owner-phone …] [--owner-email …] [--ghl-url URL]
rlm company list
rlm company set-key --company NAME_OR_ID        (reads the key from stdin, never from the command line)
rlm company remove-key --company NAME_OR_ID
rlm company test --company NAME_OR_ID
rlm company remove --company NAME_OR_ID [--force]`;

export async function companyCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const [verb, ...rest] = args;
  const { dispatch, ctx } = backend;
  const { values } = parseArgs({
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
    },
    strict: true,
  });
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
          enrolTag: values.tag,
        }),
      );
      return out.result(company, () => `Added company #${(company as { id: number }).id} ${values.name}. Next: rlm company set-key --company "${values.name}" < key.txt`);
    }
    case 'list': {
      const companies = unwrap(await dispatch('companies:list', undefined)) as Array<Record<string, unknown>>;
      return out.result(companies, () =>
        table(
          companies.map((c) => ({ ...c, key: c.hasApiKey ? 'set' : 'not set' })),
          ['id', 'name', 'ghlLocationId', 'key', 'ghlBaseUrl'],
        ),
      );
    }
    case 'set-key': {
      const id = companyId();
      if (process.stdin.isTTY) process.stderr.write('Paste the Private Integration token, then press Enter and Ctrl-D:\n');
      const apiKey = (await readStdin()).trim();
      const value = unwrap(await dispatch('companies:setKey', { id, apiKey }));
      return out.result(value, () => 'API key saved in the OS keychain.');
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
      const value = unwrap(await dispatch('companies:remove', { id: companyId(), force: values.force ?? false }));
      return out.result(value, () => 'Company removed.');
    }
    default:
      throw new CliUsageError(`Unknown company command "${verb ?? ''}".\n${companyUsage}`);
  }
}
