/**
 * The import summary's "marked do-not-contact in the file" is the import's own count. It was worked out
 * afterwards as "do-not-contact leads of the batch minus rows on the opt-out list", which a duplicate row on
 * the list (its lead is another batch's) turned into 0 for a file that marked one new lead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import type { InspectResult } from '../../../shared/ipc/imports';
import { useBackends } from '../../helpers/backend';

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}

describe('imports:facts', () => {
  const { open, tempDir } = useBackends();

  it('counts the rows the file marks do-not-contact apart from the opt-out list, duplicates included', async () => {
    const backend = open();
    const { id: companyId } = await call<{ id: number }>(backend, 'companies:create', { name: 'Summit Roofing', ghlLocationId: 'locSummit42' });
    await call(backend, 'leads:create', { companyId, firstName: 'John', phone: '(512) 555-0230' });
    await call(backend, 'optouts:add', { phone: '(512) 555-0230', reason: 'asked by phone' });
    const path = join(tempDir(), 'second.csv');
    writeFileSync(path, 'Name,Mobile,Email,DNC\nJohn Smith,(512) 555-0230,,\nMary Jones,(512) 555-0231,,Yes\nBo Lee,,bo@example.com,\n');
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path, companyId });
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', { path, companyId, options, mapping: inspect.mapping, queueSync: true });
    await backend.ctx.imports.finished(batchId);
    expect(await call(backend, 'imports:get', { batchId })).toMatchObject({ imported: 2, duplicates: 1, optedOut: 1 });
    expect(await call(backend, 'imports:facts', { batchId })).toEqual({ noPhone: 1, markedDoNotContact: 1 });
  });
});
