/**
 * Someone else at a lead's number (a household's landline, a daughter's row beside her mother's): an office manager's
 * review found "Already in the app as Ann Lee (same phone)" in the review, and after an import that fills empty fields,
 * Kim Lee's email on Ann Lee's lead and on Ann's GHL contact. The review names her now, and the import keeps her in the
 * lead's notes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import type { InspectResult, PreviewResult } from '../../../shared/ipc/imports';
import type { Lead } from '../../../shared/lead';
import { useBackends } from '../../helpers/backend';

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}

describe('another person at a lead’s number', () => {
  const { open, tempDir } = useBackends();

  it('is named in the review, and kept in the lead’s notes by an update: nothing of hers fills the lead', async () => {
    const backend = open();
    const { id: companyId } = await call<{ id: number }>(backend, 'companies:create', { name: 'Summit Roofing', ghlLocationId: 'locSummit42' });
    const ann = await call<Lead>(backend, 'leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0143' });
    const path = join(tempDir(), 'household.csv');
    writeFileSync(path, "First Name,Last Name,Mobile,Email,Notes\nKim,Lee,(512) 555-0143,kim.lee@example.com,Ann's daughter\n");
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path, companyId });
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const preview = await call<PreviewResult>(backend, 'imports:preview', { path, companyId, options, mapping: inspect.mapping, kind: 'duplicate-existing' });
    expect(preview.problems.map((p) => p.issues[0]?.message)).toEqual([
      'Already in the app as Ann Lee (same phone), but this row is Kim Lee: someone else at that number. “Fill in empty fields” keeps Kim Lee in Ann Lee’s notes (nothing of Ann Lee changes); “Skip” leaves this row out',
    ]);
    const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', { path, companyId, options, mapping: inspect.mapping, onDuplicate: 'update', queueSync: true });
    await backend.ctx.imports.finished(batchId);
    expect(await call(backend, 'imports:get', { batchId })).toMatchObject({ updated: 1 });
    expect(await call<Lead>(backend, 'leads:get', { id: ann.id })).toMatchObject({
      firstName: 'Ann',
      email: null,
      notes: "Also at this number: Kim Lee · kim.lee@example.com\nAnn's daughter",
    });
  });
});
