/**
 * An import worker started before its job (warm-import-worker.ts): `rlm import` starts one, with its parse
 * thread, while it loads the backend. The next import runs in it and writes the same leads a cold worker
 * does; sniffs and previews leave it waiting; one nobody takes is ended, and never holds a process open.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import { importWorkerLocation } from '../../../electron/core/imports/worker-launcher';
import { discardWarmImportWorker, takeWarmImportWorker, warmImportWorkerIsWaiting, warmUpImportWorker } from '../../../electron/core/imports/warm-import-worker';
import type { ImportBatch } from '../../../shared/ipc/imports';
import { useBackends, valueOf } from '../../helpers/backend';
import { writeQueuedJobs } from '../../helpers/jobs';

const root = join(__dirname, '../../..');

function csv(path: string, rows: number): string {
  const lines = ['First Name,Phone,Email'];
  for (let i = 0; i < rows; i++) lines.push(`Lead ${i},(512) ${200 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')},${i % 3 ? '' : `l${i}@example.com`}`);
  // One row with neither phone nor email: rejected.
  lines.push('Nobody,,');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('the warm import worker', () => {
  const { open, tempDir } = useBackends();
  afterEach(() => discardWarmImportWorker());

  async function importFile(backend: Backend, companyId: number, path: string, isWarm = false): Promise<ImportBatch> {
    const inspect = valueOf(await backend.call('imports:inspect', { path, companyId }));
    // Alive and waiting when the import starts (not gone, which would also leave none waiting after it).
    expect(warmImportWorkerIsWaiting()).toBe(isWarm);
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const { batchId } = valueOf(await backend.call('imports:start', { path, companyId, options, mapping: inspect.mapping, tag: 'spring' }));
    await backend.ctx.imports.finished(batchId);
    return valueOf(await backend.call('imports:get', { batchId }));
  }

  it('runs the next import, which writes what a cold worker writes', async () => {
    const backend = open();
    const { id: companyId } = valueOf(await backend.call('companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' }));
    const dir = tempDir();
    warmUpImportWorker();
    const warmBatch = await importFile(backend, companyId, csv(join(dir, 'a.csv'), 2_500), true);
    // Taken by that import: none waits any more.
    expect(takeWarmImportWorker(importWorkerLocation())).toBeNull();
    expect(warmBatch).toMatchObject({ state: 'completed', processedRows: 2_501, imported: 2_500, rejected: 1, duplicates: 0 });

    // The same file again, cold: every row a duplicate of the warm import's leads, nothing missing or extra.
    const coldBatch = await importFile(backend, companyId, join(dir, 'a.csv'));
    expect(coldBatch).toMatchObject({ state: 'completed', imported: 0, duplicates: 2_500, rejected: 1 });
    const client = backend.ctx.db.$client;
    expect(client.prepare('SELECT count(*) AS n FROM leads WHERE batch_id = ?').get(warmBatch.id)).toEqual({ n: 2_500 });
    writeQueuedJobs(client);
    expect(client.prepare("SELECT count(*) AS n FROM sync_jobs WHERE state = 'queued'").get()).toEqual({ n: 2_500 });
  });

  it('is left waiting by the file reading that comes before an import (a preview)', async () => {
    const backend = open();
    const { id: companyId } = valueOf(await backend.call('companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' }));
    const path = csv(join(tempDir(), 'a.csv'), 50);
    warmUpImportWorker();
    const inspect = valueOf(await backend.call('imports:inspect', { path, companyId }));
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    valueOf(await backend.call('imports:preview', { path, companyId, options, mapping: inspect.mapping }));
    const stillWaiting = takeWarmImportWorker(importWorkerLocation());
    expect(stillWaiting).not.toBeNull();
    await stillWaiting!.terminate();
  });

  it('one nobody takes is ended by discard, and never keeps its process from exiting', async () => {
    const warm = warmUpImportWorker();
    expect(warmUpImportWorker()).toBe(warm); // at most one waits
    expect(warm.threadId).toBeGreaterThan(0);
    await discardWarmImportWorker();
    expect(warm.threadId).toBe(-1);
    expect(warmImportWorkerIsWaiting()).toBe(false);

    // A process that warms one up and then has nothing left to do ends on its own (a script file: workers
    // inherit the parent's flags, and -e's --input-type stops a worker from loading).
    const script = join(tempDir(), 'warm-and-leave.mts');
    const warmModule = join(root, 'electron/core/imports/warm-import-worker.ts');
    writeFileSync(
      script,
      `import { warmImportWorkerIsWaiting, warmUpImportWorker } from ${JSON.stringify(warmModule)};
warmUpImportWorker();
// Gone by then (its code failed to load), it would prove nothing.
setTimeout(() => { if (!warmImportWorkerIsWaiting()) process.exit(3); console.log('left waiting'); }, 1_500);
`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toContain('left waiting');
  });
});
