/**
 * Files an import cannot take get a clear error, found by a bad-input review: a named pipe blocked the import
 * until something wrote to it and then failed as "internal"; a file of more than 500 columns failed as "The app
 * produced an invalid answer".
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBackends, valueOf } from '../../helpers/backend';

describe('files an import cannot take', () => {
  const { open, tempDir } = useBackends();

  async function company() {
    const backend = open();
    const { id } = valueOf(await backend.call('companies:create', { name: 'Acme Roofing', ghlLocationId: 'locAcme01' }));
    return { backend, companyId: id };
  }

  it('a named pipe is refused at once as not a regular file', async () => {
    const { backend, companyId } = await company();
    const fifo = join(tempDir(), 'leads.csv');
    execFileSync('mkfifo', [fifo]);
    const inspected = await Promise.race([
      backend.call('imports:inspect', { path: fifo, companyId }),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
    ]);
    expect(inspected).toMatchObject({ ok: false, error: { code: 'bad-file', message: expect.stringContaining('is not a regular file') } });
  });

  it('a mapping naming a column the file does not have fails the import and the preview, in words (it "completed" with every row rejected)', async () => {
    const { backend, companyId } = await company();
    const file = join(tempDir(), 'three.csv');
    writeFileSync(file, 'First Name,Last Name,Phone\nAnn,Lee,5125550101\nBob,Ray,5125550102\n');
    const inspected = valueOf(await backend.call('imports:inspect', { path: file, companyId }));
    const { encoding, delimiter, hasHeader } = inspected;
    const mapping = { columns: [...inspected.mapping.columns.filter((column) => column.field !== 'phone'), { index: 50, header: 'Mobile', field: 'phone' as const, confidence: 1 }] };
    const options = { encoding, delimiter, hasHeader };
    const preview = await backend.call('imports:preview', { path: file, companyId, options, mapping });
    expect(preview).toMatchObject({ ok: false, error: { message: expect.stringContaining('names column 51 ("Mobile"), but the file has 3 column(s)') } });
    const { batchId } = valueOf(await backend.call('imports:start', { path: file, companyId, options, mapping, queueSync: false }));
    await backend.ctx.imports.finished(batchId);
    const batch = valueOf(await backend.call('imports:get', { batchId }));
    expect(batch).toMatchObject({ state: 'failed', error: expect.stringContaining('names column 51 ("Mobile")') });
  });

  it('a file wider than 500 columns says how wide it is and what to do', async () => {
    const { backend, companyId } = await company();
    const headers = ['First Name', 'Last Name', 'Phone', ...Array.from({ length: 998 }, (_, i) => `C${i}`)];
    const file = join(tempDir(), 'wide.csv');
    writeFileSync(file, `${headers.join(',')}\n${['Ann', 'Lee', '5125550101', ...Array(998).fill('x')].join(',')}\n`);
    const inspected = await backend.call('imports:inspect', { path: file, companyId });
    expect(inspected).toMatchObject({ ok: false, error: { code: 'bad-file', message: expect.stringMatching(/^The file has 1,001 columns; the app reads at most 500\./) } });
  });

  // The review (and `rlm import --dry-run`) counted such a row as one rejected and forecast the rest imported;
  // the import then refused the whole file. The review says what the import will do: refuse it, and why.
  it('a quote never closed: the review refuses the file as the import does, not "1 imported, 1 rejected"', async () => {
    const { backend, companyId } = await company();
    const file = join(tempDir(), 'unclosed.csv');
    writeFileSync(file, 'Name,Phone,Notes\nAnn Lee,5125550101,fine\nBob Ray,5125550102,"said hi\nCy Dee,5125550103,ok\n');
    const inspected = valueOf(await backend.call('imports:inspect', { path: file, companyId }));
    const options = { encoding: inspected.encoding, delimiter: inspected.delimiter, hasHeader: inspected.hasHeader };
    const preview = await backend.call('imports:preview', { path: file, companyId, options, mapping: inspected.mapping });
    expect(preview).toMatchObject({ ok: false, error: { code: 'bad-file', message: expect.stringMatching(/^Row 3: A quote \("\) opened in this row is never closed/) } });
    const { batchId } = valueOf(await backend.call('imports:start', { path: file, companyId, options, mapping: inspected.mapping, queueSync: false }));
    await backend.ctx.imports.finished(batchId);
    expect(valueOf(await backend.call('imports:get', { batchId }))).toMatchObject({ state: 'failed', error: expect.stringContaining('Row 3: A quote') });
  });
});
