import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { logDirOf } from '../../../electron/core/log';
import { useBackends } from '../../helpers/backend';

const logOf = (dataDir: string) => {
  const file = join(logDirOf(dataDir), 'app.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};

describe('the sync worker thread at stop', () => {
  const { open } = useBackends();

  it('a normal stop is quiet: no "exited with code" warning', async () => {
    const backend = open();
    await expect(backend.call('sync:start', {})).resolves.toMatchObject({ ok: true });
    await backend.ctx.sync.waitForIdle(20_000);
    await backend.ctx.sync.stop();
    expect(backend.ctx.sync.status().runner.state).toBe('stopped');
    expect(logOf(backend.ctx.dataDir)).not.toMatch(/exited with code/);
  });

  it('a worker that dies without being asked to stop is still logged', async () => {
    const backend = open();
    await expect(backend.call('sync:start', {})).resolves.toMatchObject({ ok: true });
    await backend.ctx.sync.waitForIdle(20_000);
    // The service's own thread, ended from outside as a crash would end it.
    const worker = (backend.ctx.sync as unknown as { worker: Worker }).worker;
    await worker.terminate();
    await expect.poll(() => logOf(backend.ctx.dataDir), { timeout: 15_000 }).toMatch(/Sync worker exited with code 1/);
  });
});
