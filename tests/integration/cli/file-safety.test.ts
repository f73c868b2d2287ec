/**
 * What the command line writes, it writes only where and when the user meant: `--help` after a command
 * prints help (it backed up to a file named "--help", and `restore --help` rolled the database back), an
 * existing file is not replaced without --force, none of the app's own files is written (an export over
 * leads.sqlite destroyed the database), and a `--data-dir` with no folder is an error, not the
 * office's real data. Each failed before.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../helpers/node-process';
import { useTempDirs } from '../../helpers/temp-dir';

const run = promisify(execFile);

/** The whole process: exit code, stdout, stderr (a failing command is an answer here, not an exception). */
async function rlm(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // A hang is a failure too (killed: code null), not a test that never ends.
    const { stdout, stderr } = await run(process.execPath, [join(projectRoot, 'out/node/rlm.mjs'), ...args], {
      cwd,
      env: { ...process.env, RLM_DATA_DIR: join(cwd, 'default-data') },
      timeout: 20_000,
      killSignal: 'SIGKILL',
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('rlm writes only where the user meant', () => {
  const tempDir = useTempDirs();

  async function officeWithOneLead(): Promise<{ cwd: string; dataDir: string }> {
    const cwd = tempDir();
    const dataDir = join(cwd, 'data');
    expect((await rlm(cwd, '--data-dir', dataDir, 'company', 'add', '--name', 'Summit', '--location-id', 'locSummit1')).code).toBe(0);
    expect((await rlm(cwd, '--data-dir', dataDir, 'lead', 'add', '--company', 'Summit', '--first-name', 'Ann', '--phone', '(512) 555-0142')).code).toBe(0);
    return { cwd, dataDir };
  }

  it('COMMAND --help prints its help and does nothing else: no backup file, no restore', async () => {
    const { cwd, dataDir } = await officeWithOneLead();
    for (const command of ['backup', 'restore', 'import', 'export']) {
      const help = await rlm(cwd, '--data-dir', dataDir, command, '--help');
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain(`rlm ${command}`);
    }
    expect(readdirSync(cwd).sort()).toEqual(['data']);
    const lead = await rlm(cwd, '--data-dir', dataDir, '--json', 'lead', 'get', '--id', '1');
    expect(lead.code).toBe(0);
  });

  it('an existing file is kept unless --force; a folder gets a free name', async () => {
    const { cwd, dataDir } = await officeWithOneLead();
    const existing = join(cwd, 'leads.csv');
    writeFileSync(existing, 'precious\n');
    const refused = await rlm(cwd, '--data-dir', dataDir, 'export', existing);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists');
    expect(readFileSync(existing, 'utf8')).toBe('precious\n');
    expect((await rlm(cwd, '--data-dir', dataDir, 'export', existing, '--force')).code).toBe(0);
    expect(readFileSync(existing, 'utf8')).toContain('Ann');

    const backup = join(cwd, 'office.sqlite');
    expect((await rlm(cwd, '--data-dir', dataDir, 'backup', backup)).code).toBe(0);
    const again = await rlm(cwd, '--data-dir', dataDir, 'backup', backup);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await rlm(cwd, '--data-dir', dataDir, 'backup', backup, '--force')).code).toBe(0);
    // --force over a file that is not a database (it failed: "file is not a database", reported as "internal").
    const notes = join(cwd, 'notes.txt');
    writeFileSync(notes, 'old notes\n');
    expect((await rlm(cwd, '--data-dir', dataDir, 'backup', notes, '--force')).code).toBe(0);
    expect(readFileSync(notes).subarray(0, 15).toString()).toBe('SQLite format 3');
    // A place nobody can write: the message names it, not the data folder.
    const unwritable = await rlm(cwd, '--data-dir', dataDir, 'backup', '/proc/office-backup.sqlite');
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain('The backup could not be written to /proc/office-backup.sqlite');
    expect(unwritable.stderr).not.toContain('data folder');

    const first = JSON.parse((await rlm(cwd, '--data-dir', dataDir, '--json', 'export', cwd)).stdout) as { file: string };
    const second = JSON.parse((await rlm(cwd, '--data-dir', dataDir, '--json', 'export', cwd)).stdout) as { file: string };
    expect(second.file).not.toBe(first.file);
    expect(second.file).toMatch(/-2\.csv$/);
  });

  it("never writes one of the app's own files, whatever --force says; its backups folder is fine", async () => {
    const { cwd, dataDir } = await officeWithOneLead();
    for (const args of [
      ['export', join(dataDir, 'leads.sqlite'), '--force'],
      ['export', join(dataDir, 'leads.sqlite-wal'), '--force'],
      ['backup', join(dataDir, 'leads.sqlite'), '--force'],
      ['backup', join(dataDir, 'leads.sqlite-journal')],
    ]) {
      const refused = await rlm(cwd, '--data-dir', dataDir, ...args);
      expect(refused.code, args.join(' ')).not.toBe(0);
      expect(refused.stderr, args.join(' ')).toContain("one of the app's own files");
    }
    expect((await rlm(cwd, '--data-dir', dataDir, '--json', 'lead', 'get', '--id', '1')).code).toBe(0);
    expect((await rlm(cwd, '--data-dir', dataDir, 'backup', join(dataDir, 'backups', 'before-cleanup.sqlite'))).code).toBe(0);
  });

  it('a --data-dir with no folder, and an unknown option, are bad arguments (exit 2) and touch no data', async () => {
    const cwd = tempDir();
    for (const args of [['--data-dir', '', 'company', 'list'], ['company', 'list', '--data-dir'], ['--data-dir=', 'status']]) {
      const result = await rlm(cwd, ...args);
      expect(result.code, JSON.stringify(args)).toBe(2);
    }
    expect(existsSync(join(cwd, 'default-data'))).toBe(false);
    const unknown = await rlm(cwd, '--data-dir', cwd, 'company', 'list', '--colour');
    expect(unknown.code).toBe(2);
    // On a folder that is not there, the folder is the news (exit 1), and nothing is made.
    const typo = await rlm(cwd, '--data-dir', join(cwd, 'd'), 'company', 'list', '--colour');
    expect(typo.code).toBe(1);
    expect(existsSync(join(cwd, 'd'))).toBe(false);
    // --json callers get the error as JSON here too.
    const asJson = await rlm(cwd, '--json', 'status', '--data-dir=');
    expect(JSON.parse(asJson.stdout)).toMatchObject({ error: { code: 'validation', message: expect.stringContaining('--data-dir needs a folder') } });
  });

  // Node's recursive mkdir never returns for a folder under /proc (it retries the missing parent forever):
  // `rlm --data-dir /proc/office status` hung with no word instead of saying the folder cannot be made. (`status`
  // no longer creates a folder that is not there, nor `company list`: the command that does, `company add`.)
  it.skipIf(process.platform !== 'linux')('a data folder that cannot be created is a clear error, not a hang', async () => {
    const cwd = tempDir();
    const result = await rlm(cwd, '--data-dir', '/proc/rlm-office/data', 'company', 'add', '--name', 'Acme', '--location-id', 'locAcme1');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot write to its data folder /proc/rlm-office/data');
  });

  // `RLM_DATA_DIR="$DIR"` with DIR unset: the current folder became a new, empty data folder, and
  // `rlm sync --until-idle` said "Everything went" (exit 0) every night while the office's leads waited.
  it('an empty RLM_DATA_DIR is a bad argument (exit 2), not the current folder', async () => {
    const cwd = tempDir();
    const failed = await run(process.execPath, [join(projectRoot, 'out/node/rlm.mjs'), 'sync', '--until-idle'], { cwd, env: { ...process.env, RLM_DATA_DIR: '' } }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('RLM_DATA_DIR is set but empty');
    expect(existsSync(join(cwd, 'leads.sqlite'))).toBe(false);
  });
});
