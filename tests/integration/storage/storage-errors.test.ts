/**
 * Storage failures name their cause, the folder and what is safe: a read-only or missing data
 * folder, a full disk, a database busy beyond the wait. Real file systems: a read-only and a tiny
 * tmpfs (mounting needs root, as CI and this workplace have; elsewhere these cases say why they skip).
 */
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/app/backend';
import { AppError } from '../../../electron/core/errors';
import { useBackends } from '../../helpers/backend';
import { rlm } from '../../helpers/rlm';

const root = join(__dirname, '../../..');
const mounts: string[] = [];

function tryMount(options: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'rlm-mnt-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
    return dir;
  } catch {
    return null;
  }
}

afterAll(() => {
  for (const dir of mounts) spawnSync('umount', ['-l', dir]);
});

const canMount = tryMount('size=64k') !== null;
const why = 'mounting a tmpfs needs root (CI and this workplace run as root)';

describe('storage errors', () => {
  const { open, tempDir } = useBackends();

  it.runIf(canMount)(`a read-only data folder: data-folder-unwritable, naming the folder (${why})`, () => {
    const ro = tryMount('size=1m,ro')!;
    for (const dataDir of [ro, join(ro, 'missing-subfolder')]) {
      let caught: unknown;
      try {
        createBackend({ dataDir });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect(caught).toMatchObject({ code: 'data-folder-unwritable' });
      expect((caught as Error).message).toContain(dataDir);
    }
    const cli = spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', ro, 'status', '--json'], { encoding: 'utf8', cwd: root });
    expect(cli.status).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({ error: { code: 'data-folder-unwritable', message: expect.stringContaining(ro) } });
  });

  it.runIf(canMount)(`a full disk: disk-full, naming the folder and saying nothing saved was lost (${why})`, async () => {
    const small = tryMount('size=3m')!;
    const dataDir = join(small, 'data');
    mkdirSync(dataDir);
    const backend = open(dataDir);
    const created = await backend.dispatch('companies:create', { name: 'Full Disk Roofing', ghlLocationId: 'locFullDisk1' });
    expect(created).toMatchObject({ ok: true });
    // Leave almost nothing free, then write until the disk refuses.
    let filler = 0;
    try {
      for (;;) writeFileSync(join(small, `filler-${filler++}`), Buffer.alloc(64 * 1024));
    } catch {
      // ENOSPC: the disk is full now
    }
    let result: Awaited<ReturnType<typeof backend.dispatch>> = { ok: true, value: null };
    for (let i = 0; i < 200 && result.ok; i++) {
      result = await backend.dispatch('leads:create', { companyId: 1, firstName: `Lead${i}`, notes: 'x'.repeat(2_000), phone: `+1512555${String(1000 + i)}` });
    }
    expect(result).toMatchObject({ ok: false, error: { code: 'disk-full', message: expect.stringContaining(dataDir) } });
    expect(result.ok ? '' : result.error.message).toMatch(/Nothing already saved was lost/);
    for (let i = 0; i < filler; i++) rmSync(join(small, `filler-${i}`), { force: true });
    await expect(backend.call('companies:list', undefined)).resolves.toMatchObject({ ok: true, value: [{ name: 'Full Disk Roofing' }] });
  });

  it.runIf(canMount)(`an import that fills the disk says how many rows it kept and that importing again adds the rest (${why})`, async () => {
    const small = tryMount('size=6m')!;
    const dataDir = join(small, 'data');
    mkdirSync(dataDir);
    const backend = open(dataDir);
    const company = await backend.call('companies:create', { name: 'Full Import Roofing', ghlLocationId: 'locFullImport1' });
    if (!company.ok) throw new Error(company.error.message);
    // 60k rows with long notes: several MB of leads, more than the disk holds.
    const file = join(tempDir(), 'big.csv');
    const lines = ['First Name,Phone,Notes'];
    for (let i = 0; i < 60_000; i++) lines.push(`Lead${i},512-${200 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')},${'roof '.repeat(20)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const inspected = await backend.dispatch('imports:inspect', { path: file, companyId: company.value.id });
    if (!inspected.ok) throw new Error(inspected.error.message);
    const inspect = inspected.value as { encoding: string; delimiter: string; hasHeader: boolean; mapping: unknown; defaultTag: string };
    const started = await backend.dispatch('imports:start', {
      path: file, companyId: company.value.id, options: { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader }, mapping: inspect.mapping, tag: inspect.defaultTag,
    });
    if (!started.ok) throw new Error(started.error.message);
    const batchId = (started.value as { batchId: number }).batchId;
    const summary = await backend.ctx.imports.finished(batchId);
    expect(summary.state).toBe('failed');
    const kept = (backend.ctx.db.$client.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(60_000);
    expect(summary.error).toContain(`${kept.toLocaleString('en-US')} row(s) of this file were saved before it filled and are kept`);
    expect(summary.error).toMatch(/import the same file again: the saved rows are recognised as duplicates/);
  });

  // It exited as bad-file: a file to fix, when the file was fine and the disk full (README: exit codes).
  it.runIf(canMount)(`rlm import that fills the disk exits with disk-full, the rows it kept said (${why})`, async () => {
    const small = tryMount('size=6m')!;
    const dataDir = join(small, 'data');
    const file = join(tempDir(), 'big.csv');
    const lines = ['First Name,Phone,Notes'];
    for (let i = 0; i < 60_000; i++) lines.push(`Lead${i},512-${200 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')},${'roof '.repeat(20)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect((await rlm(dataDir, ['company', 'add', '--name', 'Full Import Roofing', '--location-id', 'locFullImport1', '--json'])).code).toBe(0);
    const run = await rlm(dataDir, ['import', file, '--company', 'Full Import Roofing', '--json']);
    expect(run.code, run.stdout + run.stderr).not.toBe(0);
    const output = JSON.parse(run.stdout || run.stderr) as { error: { code: string; message: string } };
    expect(output.error).toMatchObject({ code: 'disk-full', message: expect.stringMatching(/row\(s\) of this file were saved before it filled and are kept/) });
  });

  it('a database busy beyond the wait: db-busy, never internal', async () => {
    const dataDir = tempDir();
    const backend = open(dataDir);
    backend.ctx.db.$client.pragma('busy_timeout = 200');
    const other = new Database(join(dataDir, 'leads.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const result = await backend.dispatch('companies:create', { name: 'Busy Roofing', ghlLocationId: 'locBusy1' });
      expect(result).toMatchObject({ ok: false, error: { code: 'db-busy', message: expect.stringMatching(/Nothing was changed/) } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await expect(backend.dispatch('companies:create', { name: 'Busy Roofing', ghlLocationId: 'locBusy1' })).resolves.toMatchObject({ ok: true });
  });
});
