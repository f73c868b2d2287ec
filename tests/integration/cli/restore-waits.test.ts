/**
 * A restore is staged and swapped in by the next open of the data folder, unless another live program has the
 * database open (`rlm sync`, the app, an import): then it waits. That wait was silent. `rlm restore` said "it
 * replaces the database the next time the app or rlm opens it", and then `rlm status` showed the old database as
 * if it were the backup, with no word. Now `rlm restore`, every command's stderr, `rlm status` and the dashboard
 * say that the restore waits, and for which program; the swap itself is unchanged (backup.test.ts).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../helpers/node-process';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const jsonOf = <T>(run: { code: number | null; stdout: string; stderr: string }): T => {
  if (run.code !== 0) throw new Error(`exited ${run.code}: ${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout) as T;
};

describe('a restore that waits for another program', () => {
  const tempDir = useTempDirs();

  it('is said by rlm restore, rlm status and every command until the program stops; then the backup is in', async () => {
    const dataDir = tempDir();
    expect((await rlm(dataDir, ['company', 'add', '--name', 'Before', '--location-id', 'locBefore1'])).code).toBe(0);
    const backupFile = join(tempDir(), 'monday.sqlite');
    expect((await rlm(dataDir, ['backup', backupFile])).code).toBe(0);
    expect((await rlm(dataDir, ['company', 'add', '--name', 'After', '--location-id', 'locAfter1'])).code).toBe(0);

    // A real `rlm sync` holds the database (its runner lock), as a sync left running in a terminal would.
    const sending = spawn(process.execPath, [join(projectRoot, 'scripts/rlm.cjs'), '--data-dir', dataDir, 'sync'], { cwd: projectRoot, stdio: 'ignore', detached: true });
    try {
      await waitUntil(async () => jsonOf<{ runner: { heldBy: unknown } }>(await rlm(dataDir, ['status', '--json'])).runner.heldBy !== null, 15_000);

      const restore = await rlm(dataDir, ['restore', backupFile]);
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain(`It waits: the command line (rlm sync) in process ${sending.pid} still has the database open`);
      const restoreJson = jsonOf<{ waitsFor: string | null }>(await rlm(dataDir, ['--json', 'restore', backupFile]));
      expect(restoreJson.waitsFor).toBe(`the command line (rlm sync) in process ${sending.pid}`);

      // Still the database the backup replaces, and said so: first in status, on stderr for any command.
      const status = await rlm(dataDir, ['status']);
      expect(status.code).toBe(0);
      expect(status.stdout.split('\n')[0]).toMatch(/^A restored backup is waiting: the command line \(rlm sync\) in process \d+ still has the database open\./);
      expect(jsonOf<{ restoreWaiting: string | null }>(await rlm(dataDir, ['status', '--json'])).restoreWaiting).toContain('still has the database open');
      const list = await rlm(dataDir, ['--json', 'company', 'list']);
      expect(jsonOf<Array<{ name: string }>>(list).map((c) => c.name).sort()).toEqual(['After', 'Before']);
      expect(list.stderr).toContain('Warning: A restored backup is waiting');
    } finally {
      const exited = once(sending, 'exit');
      process.kill(-sending.pid!, 'SIGTERM');
      await exited;
    }

    // The program stopped: the next command swaps the backup in, and nothing more is said.
    const after = await rlm(dataDir, ['--json', 'company', 'list']);
    expect(jsonOf<Array<{ name: string }>>(after).map((c) => c.name)).toEqual(['Before']);
    expect(after.stderr).not.toContain('restored backup');
    expect(jsonOf<{ restoreWaiting: string | null }>(await rlm(dataDir, ['status', '--json'])).restoreWaiting).toBeNull();
  }, 60_000);

  it('rlm restore with nothing in the way says it replaces the database at the next open, and waits for nobody', async () => {
    const dataDir = tempDir();
    expect((await rlm(dataDir, ['company', 'add', '--name', 'Before', '--location-id', 'locBefore1'])).code).toBe(0);
    const backupFile = join(tempDir(), 'monday.sqlite');
    expect((await rlm(dataDir, ['backup', backupFile])).code).toBe(0);
    const restore = jsonOf<{ waitsFor: string | null; restored: boolean }>(await rlm(dataDir, ['--json', 'restore', backupFile]));
    expect(restore).toMatchObject({ restored: true, waitsFor: null });
    expect((await rlm(dataDir, ['status'])).stdout).not.toContain('restored backup');
  }, 30_000);

  // The review's case: the app holds the sync lock only while it sends. Open with its sending stopped, it had the
  // backup swapped in under it by the next command, and went on writing into the file the restore had set aside.
  it('waits for an app that has the folder open without sending, and says so; swapped in once it is gone', async () => {
    const dataDir = tempDir();
    expect((await rlm(dataDir, ['company', 'add', '--name', 'Before', '--location-id', 'locBefore1'])).code).toBe(0);
    const backupFile = join(tempDir(), 'monday.sqlite');
    expect((await rlm(dataDir, ['backup', backupFile])).code).toBe(0);
    expect((await rlm(dataDir, ['company', 'add', '--name', 'After', '--location-id', 'locAfter1'])).code).toBe(0);

    const app = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'tests/fixtures/processes/app-open-not-sending.ts'), dataDir], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        app.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
        app.once('exit', (code) => reject(new Error(`the app stand-in exited with ${code}`)));
      });
      expect(jsonOf<{ runner: { heldBy: unknown } }>(await rlm(dataDir, ['status', '--json'])).runner.heldBy).toBeNull();
      const restore = jsonOf<{ waitsFor: string | null }>(await rlm(dataDir, ['--json', 'restore', backupFile]));
      expect(restore.waitsFor).toBe(`the desktop app in process ${app.pid}`);
      const list = await rlm(dataDir, ['--json', 'company', 'list']);
      expect(jsonOf<Array<{ name: string }>>(list).map((c) => c.name).sort()).toEqual(['After', 'Before']);
      expect(list.stderr).toContain(`Warning: A restored backup is waiting: the desktop app in process ${app.pid} still has the database open.`);
    } finally {
      // Killed as a crash would: its row stays behind, and a dead process holds nothing.
      const exited = once(app, 'exit');
      process.kill(-app.pid!, 'SIGKILL');
      await exited;
    }
    const after = await rlm(dataDir, ['--json', 'company', 'list']);
    expect(jsonOf<Array<{ name: string }>>(after).map((c) => c.name)).toEqual(['Before']);
  }, 60_000);
});
