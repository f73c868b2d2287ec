/**
 * The CLI keeps arbitrary paths (it runs with the user's own rights, in-process): `rlm backup FILE`
 * and `rlm restore FILE` anywhere on disk, and `rlm import FILE`, while the renderer cannot name one.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../helpers/node-process';
import { useTempDirs } from '../../helpers/temp-dir';

const run = promisify(execFile);
const rlm = async (dataDir: string, ...args: string[]) =>
  JSON.parse((await run(process.execPath, [join(projectRoot, 'out/node/rlm.mjs'), '--data-dir', dataDir, '--json', ...args], { cwd: projectRoot })).stdout) as Record<string, unknown>;

describe('rlm backup / restore / import: any path the user names', () => {
  const tempDir = useTempDirs();

  it('backs up to, restores from and imports any file the user names on the command line', async () => {
    const dataDir = tempDir();
    const elsewhere = tempDir();
    await rlm(dataDir, 'company', 'add', '--name', 'Summit', '--location-id', 'locSummit1');
    const csv = join(elsewhere, 'leads.csv');
    writeFileSync(csv, 'Name,Phone\nAnn Lee,(512) 555-0142\n');
    await expect(rlm(dataDir, 'import', csv, '--company', 'Summit', '--no-queue')).resolves.toMatchObject({ imported: 1 });
    const backup = join(elsewhere, 'nested', '..', 'backup.sqlite');
    await expect(rlm(dataDir, 'backup', backup)).resolves.toMatchObject({ path: join(elsewhere, 'backup.sqlite') });
    expect(existsSync(join(elsewhere, 'backup.sqlite'))).toBe(true);
    const restoredDir = tempDir();
    await expect(rlm(restoredDir, 'restore', join(elsewhere, 'backup.sqlite'))).resolves.toMatchObject({ companies: 1, leads: 1, restored: true });
    await expect(rlm(restoredDir, 'company', 'list')).resolves.toMatchObject([{ name: 'Summit' }]);
    // A folder gets a dated file of its own, twice two files (it said "already exists", and --force then failed).
    const first = (await rlm(dataDir, 'backup', elsewhere)) as { path: string };
    const second = (await rlm(dataDir, 'backup', elsewhere)) as { path: string };
    expect(first.path).toMatch(/leads-backup-\d{4}-\d{2}-\d{2}.*\.sqlite$/);
    expect(second.path).not.toBe(first.path);
    expect(existsSync(first.path) && existsSync(second.path)).toBe(true);
  });
  // A README review: `rlm backup /backups/` with no such folder wrote a SQLite file named `backups` (and `rlm export` a CSV).
  it('refuses a folder named with a slash that does not exist (exit 2), writing nothing', async () => {
    const dataDir = tempDir();
    const missing = join(tempDir(), 'backups');
    await rlm(dataDir, 'company', 'add', '--name', 'Summit', '--location-id', 'locSummit1');
    for (const verb of ['backup', 'export']) {
      const failed = await run(process.execPath, [join(projectRoot, 'out/node/rlm.mjs'), '--data-dir', dataDir, '--json', verb, `${missing}/`], { cwd: projectRoot }).catch((error: { code: number; stdout: string }) => error);
      expect('code' in failed && failed.code, verb).toBe(2);
      expect(JSON.parse(failed.stdout)).toEqual({ error: { code: 'validation', message: `There is no folder ${missing}: create it first, or name a file.` } });
      expect(existsSync(missing), verb).toBe(false);
    }
  });
});
