/**
 * A backup is restored when the database is damaged: that is what backups are for. The restore must work on a
 * data folder whose database no longer opens, and the opt-outs made since the backup (carried over from the
 * replaced file) must not be lost to the damage: what the replaced file still shows is carried over, and when
 * it shows nothing the office is told, at every open, until it can be.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../helpers/node-process';
import { useTempDirs } from '../../helpers/temp-dir';

const exec = promisify(execFile);
async function rlm(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [join(projectRoot, 'out/node/rlm.mjs'), '--data-dir', dataDir, ...args], { cwd: projectRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
const json = async (dataDir: string, ...args: string[]) => {
  const run = await rlm(dataDir, '--json', ...args);
  if (run.code !== 0) throw new Error(`rlm ${args.join(' ')} exited ${run.code}: ${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout) as unknown;
};

/** Overwrites whole pages of a database file with noise, as a bad disk or a power loss would. */
function damagePages(file: string, firstPage: number, count = 1): void {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageBytes = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const noise = Buffer.alloc(pageBytes * count, 0xde);
  const fd = openSync(file, 'r+');
  writeSync(fd, noise, 0, noise.length, (firstPage - 1) * pageBytes);
  closeSync(fd);
}

const rootPageOf = (file: string, name: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(name) as { rootpage: number }).rootpage;
  } finally {
    db.close();
  }
};

describe('restoring over a damaged database', () => {
  const tempDir = useTempDirs();

  /** Monday's backup; on Tuesday Ann texts STOP and the office lists her number and an email. */
  async function mondayThenTuesday() {
    const dataDir = tempDir();
    await json(dataDir, 'company', 'add', '--name', 'Summit', '--location-id', 'locSummit1');
    await json(dataDir, 'lead', 'add', '--company', 'Summit', '--first-name', 'Ann', '--last-name', 'Lee', '--phone', '(512) 555-0142');
    const backup = join(tempDir(), 'monday.sqlite');
    await json(dataDir, 'backup', backup);
    await json(dataDir, 'optout', 'add', '--phone', '(512) 555-0142', '--reason', 'Texted STOP');
    await json(dataDir, 'optout', 'add', '--email', 'bob@example.com', '--reason', 'Asked by email');
    return { dataDir, backup, live: join(dataDir, 'leads.sqlite') };
  }

  it("keeps Tuesday's opt-outs when the replaced database's opt-out table is damaged (read from its index), at the first open", async () => {
    const { dataDir, backup, live } = await mondayThenTuesday();
    damagePages(live, rootPageOf(live, 'opt_outs'));
    expect((await rlm(dataDir, 'restore', backup)).code).toBe(0);

    const status = await rlm(dataDir, 'status');
    expect(status.code).toBe(0);
    const listed = (await json(dataDir, 'optout', 'list')) as { items: Array<{ value: string; reason: string | null }> };
    expect(listed.items.map((entry) => entry.value).sort()).toEqual(['+15125550142', 'bob@example.com']);
    // From the index: the list's own reasons were in the damaged table, so each entry says where it came from.
    expect(listed.items.map((entry) => entry.reason)).toEqual([expect.stringContaining('damaged database'), expect.stringContaining('damaged database')]);
    const leads = new Database(live, { readonly: true });
    try {
      expect(leads.prepare('SELECT do_not_contact AS dnc FROM leads').all()).toEqual([{ dnc: 1 }]);
    } finally {
      leads.close();
    }
    // The damaged file is kept, as every replaced database is.
    expect(readdirSync(join(dataDir, 'backups')).some((name) => name.startsWith('replaced-by-restore-'))).toBe(true);
  });

  it('restores over a database too damaged to open, and says at every open that the opt-outs since the backup could not be read', async () => {
    const { dataDir, backup, live } = await mondayThenTuesday();
    damagePages(live, 1, 2);
    // The damaged database no longer opens…
    expect((await rlm(dataDir, 'status')).code).toBe(1);
    // …and the restore does not need it to.
    const restored = await rlm(dataDir, 'restore', backup);
    expect(restored).toMatchObject({ code: 0 });

    for (let open = 0; open < 2; open++) {
      const status = await rlm(dataDir, 'status');
      expect(status.code).toBe(0);
      expect(status.stderr).toMatch(/opt-outs made since the backup could not be read/);
      expect(status.stderr).toContain('replaced-by-restore-');
    }
    const asJson = (await json(dataDir, 'status')) as { warnings: string[] };
    expect(asJson.warnings).toEqual([expect.stringMatching(/opt-outs made since the backup could not be read/)]);
    // A second restore meanwhile: the first replaced file's opt-outs are still owed (the second lacks them too).
    expect((await rlm(dataDir, 'restore', backup)).code).toBe(0);
    const again = await rlm(dataDir, 'status');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/opt-outs made since the backup could not be read/);
    // Once the office has listed them again, it lets the warning go by deleting the file the message names.
    const marker = /\(from the command line: delete (\S+)\)\./.exec(asJson.warnings[0]!)![1]!;
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    expect(await rlm(dataDir, 'status')).toMatchObject({ code: 0, stderr: '' });
  });

  // Found by a review: one flipped byte turned a row's source into NULL; listing it failed the list's NOT NULL,
  // and with it every open of the restored database (exit 1 for every rlm command, the app would not start).
  it('a row the damage left unsound (a NULL source) is listed by its number, and the restored database opens', async () => {
    const { dataDir, backup, live } = await mondayThenTuesday();
    const db = new Database(live);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const row = db.prepare("SELECT kind, value, source, reason FROM opt_outs WHERE kind = 'phone'").get() as Record<string, string>;
    db.close();
    // The record header's serial types of (kind, value, source, reason): text of n bytes is 13 + 2n.
    const bytes = readFileSync(live);
    const textType = (text: string) => 13 + 2 * Buffer.byteLength(text);
    const at = bytes.indexOf(Buffer.from([0, textType(row.kind!), textType(row.value!), textType(row.source!), textType(row.reason!)]));
    expect(at).toBeGreaterThan(0);
    bytes[at + 3] = 0; // source: text → NULL
    writeFileSync(live, bytes);
    expect((await rlm(dataDir, 'restore', backup)).code).toBe(0);

    const status = await rlm(dataDir, 'status');
    expect(status).toMatchObject({ code: 0, stderr: '' });
    const listed = (await json(dataDir, 'optout', 'list')) as { items: Array<{ value: string; source: string }> };
    expect(listed.items.map((entry) => entry.value).sort()).toEqual(['+15125550142', 'bob@example.com']);
    expect(listed.items.find((entry) => entry.value === '+15125550142')).toMatchObject({ source: 'manual' });
  });

  it('a restore over a healthy database leaves no warning behind', async () => {
    const { dataDir, backup } = await mondayThenTuesday();
    expect((await rlm(dataDir, 'restore', backup)).code).toBe(0);
    const status = await rlm(dataDir, 'status');
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(((await json(dataDir, 'status')) as { warnings: string[] }).warnings).toEqual([]);
  });
});
