import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { projectRoot, useNodeProcesses, type RunningProcess } from '../../helpers/node-process';

// The browser harness as a real process (`npm run web`, out/node/web.mjs): the token holder is the
// renderer, so it can name a file only by a handle the harness granted for an upload.

const CSV = 'First Name,Last Name,Phone\nAnn,Lee,(512) 555-0142\nBob,Ray,(512) 555-0143\n';

interface Harness {
  process: RunningProcess;
  dataDir: string;
  call(channel: string, input?: unknown): Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;
  upload(name: string, body: string | Uint8Array, purpose?: string): Promise<Response>;
  get(path: string): Promise<Response>;
}

function useHarness() {
  const tempDir = useTempDirs();
  const start = useNodeProcesses();
  return async (): Promise<Harness> => {
    const dataDir = tempDir();
    // A stand-in renderer: these tests speak HTTP, they need no UI.
    const rendererDir = join(tempDir(), 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const process = start('web.mjs', ['--data-dir', dataDir, '--port', '0', '--renderer-dir', rendererDir]);
    const [, url, token] = await process.waitFor(/running at (http:\/\/[^/]+)\/#token=(\S+)/);
    const headers = { 'x-rlm-token': token! };
    return {
      process,
      dataDir,
      async call(channel, input) {
        const response = await fetch(`${url}/api/${channel}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ input: input ?? null }) });
        return (await response.json()) as never;
      },
      upload: (name, body, purpose) =>
        fetch(`${url}/upload?name=${encodeURIComponent(name)}${purpose ? `&purpose=${purpose}` : ''}`, { method: 'POST', headers, body: body as BodyInit }),
      get: (path) => fetch(`${url}${path}`, { headers }),
    };
  };
}

const uploadsOf = (dataDir: string) => (existsSync(join(dataDir, 'uploads')) ? readdirSync(join(dataDir, 'uploads')) : []);

describe('browser harness: the renderer cannot name a file path', () => {
  const startHarness = useHarness();
  const tempDir = useTempDirs();

  it('refuses arbitrary and relative paths for backup, restore and import with a validation error, touching no file', async () => {
    const harness = await startHarness();
    const company = await harness.call('companies:create', { name: 'Summit', ghlLocationId: 'locSummit1' });
    const companyId = company.value.id as number;
    // An arbitrary file outside the data folder that a backup would overwrite (first: on code
    // without the rule this case fails before /etc/passwd is ever reached).
    const outside = join(tempDir(), 'outside.sqlite');
    const victim = join(tempDir(), 'victim.csv');
    writeFileSync(victim, CSV);
    const relative = '../../rlm-renderer-paths-x';
    const relativeTarget = resolve(projectRoot, relative);
    const passwd = readFileSync('/etc/passwd');
    const options = { encoding: 'utf-8', delimiter: ',', hasHeader: true };
    const mapping = { columns: [{ index: 2, header: 'Phone', field: 'phone' }] };
    for (const path of [outside, victim, relative, '/etc/passwd']) {
      const calls: Array<[string, unknown]> = [
        ['app:backup', { path }],
        ['app:restore', { path }],
        ['imports:inspect', { path, companyId }],
        ['imports:preview', { path, companyId, options, mapping }],
        ['imports:start', { path, companyId, options, mapping }],
      ];
      for (const [channel, input] of calls) {
        const result = await harness.call(channel, input);
        expect([channel, path, result]).toEqual([channel, path, { ok: false, error: expect.objectContaining({ code: 'validation', message: expect.stringMatching(/^Choose/) }) }]);
      }
    }
    expect(existsSync(outside)).toBe(false);
    expect(readFileSync(victim, 'utf8')).toBe(CSV);
    expect(existsSync(relativeTarget)).toBe(false);
    expect(readFileSync('/etc/passwd')).toEqual(passwd);
    expect(readdirSync(harness.dataDir).filter((name) => /restore/i.test(name))).toEqual([]);
    await expect(harness.call('imports:list', {})).resolves.toMatchObject({ ok: true, value: [] });
    // Downloads come only from the app's own folders.
    expect((await harness.get('/download?path=%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await harness.get(`/download?path=${encodeURIComponent(join(harness.dataDir, 'leads.sqlite'))}`)).status).toBe(404);
  });

  it('an uploaded file becomes a handle for reading it: inspect, preview and start use it, not a backup; the copy goes once imported', async () => {
    const harness = await startHarness();
    const companyId = (await harness.call('companies:create', { name: 'Summit', ghlLocationId: 'locSummit1' })).value.id as number;
    const uploaded = (await (await harness.upload('old leads.csv', CSV)).json()) as { handle: string; name: string };
    expect(uploaded).toEqual({ handle: expect.stringMatching(/^fh_/), name: 'old leads.csv' });
    expect(JSON.stringify(uploaded)).not.toContain(harness.dataDir);

    const inspect = await harness.call('imports:inspect', { path: uploaded.handle, companyId });
    expect(inspect).toMatchObject({ ok: true, value: { fileName: 'old leads.csv', headers: ['First Name', 'Last Name', 'Phone'] } });
    // Single-purpose: a file chosen to read is never a backup target nor a backup to restore.
    await expect(harness.call('app:backup', { path: uploaded.handle })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    await expect(harness.call('app:restore', { path: uploaded.handle })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    const { encoding, delimiter, hasHeader, mapping } = inspect.value;
    const options = { encoding, delimiter, hasHeader };
    await expect(harness.call('imports:preview', { path: uploaded.handle, companyId, options, mapping })).resolves.toMatchObject({ ok: true, value: { counts: { rows: 2, valid: 2 } } });

    const started = await harness.call('imports:start', { path: uploaded.handle, companyId, options, mapping });
    expect(started).toMatchObject({ ok: true });
    // Started once: the handle is spent.
    await expect(harness.call('imports:start', { path: uploaded.handle, companyId, options, mapping })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    await expect(harness.call('imports:inspect', { path: uploaded.handle, companyId })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    // expect.poll's default second was too short for an import thread's start on a loaded 2-core machine (CI).
    await expect.poll(async () => (await harness.call('imports:get', { batchId: started.value.batchId })).value.state, { timeout: 15_000 }).toBe('completed');
    await expect.poll(() => uploadsOf(harness.dataDir), { timeout: 15_000 }).toEqual([]);
    await expect(harness.call('imports:get', { batchId: started.value.batchId })).resolves.toMatchObject({ value: { fileName: 'old leads.csv', imported: 2 } });
  });

  it('a backup uploaded to restore is a one-use handle; its copy is deleted after', async () => {
    const harness = await startHarness();
    await harness.call('companies:create', { name: 'Summit', ghlLocationId: 'locSummit1' });
    const backup = await harness.call('app:backup');
    expect(backup).toMatchObject({ ok: true, value: { path: expect.stringContaining(join(harness.dataDir, 'backups')) } });
    const uploaded = (await (await harness.upload('my backup.sqlite', readFileSync(backup.value.path), 'restore-source')).json()) as { handle: string };
    await expect(harness.call('imports:inspect', { path: uploaded.handle, companyId: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    await expect(harness.call('app:restore', { path: uploaded.handle })).resolves.toMatchObject({ ok: true, value: { companies: 1 } });
    await expect(harness.call('app:restore', { path: uploaded.handle })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(uploadsOf(harness.dataDir)).toEqual([]);
    expect((await harness.upload('x.sqlite', 'x', 'backup-target')).status).toBe(400);
  });

  it('an upload never imported is deleted when the harness stops (Ctrl-C)', async () => {
    const harness = await startHarness();
    expect((await harness.upload('abandoned.csv', CSV)).ok).toBe(true);
    expect(uploadsOf(harness.dataDir)).toHaveLength(1);
    await expect(harness.process.stop('SIGINT')).resolves.toBe(0);
    expect(uploadsOf(harness.dataDir)).toEqual([]);
  });
});
