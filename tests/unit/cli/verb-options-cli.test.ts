import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';

const root = join(__dirname, '../../..');
const bin = join(root, 'scripts/rlm.cjs');

function rlm(dataDir: string, args: string[]) {
  const result = spawnSync(process.execPath, [bin, '--data-dir', dataDir, ...args], { encoding: 'utf8', cwd: root });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// README: "An option a command does not take is refused (exit 2), never ignored." `rlm optout` and `rlm lead`
// parsed one option list for all their verbs: `optout add --phone P --id 77` added the number and exited 0,
// `lead get --id 9 --phone 555` showed lead 9. Nothing is changed by a refused command.
describe('rlm optout and rlm lead refuse an option their verb does not take', () => {
  const tempDir = useTempDirs();

  it.each([
    [['optout', 'add', '--phone', '(512) 555-0199', '--limit', '3'], 'rlm optout add does not take --limit'],
    [['optout', 'list', '--reason', 'x'], 'rlm optout list does not take --reason'],
    [['optout', 'list', 'extra-word'], 'rlm optout list does not take "extra-word"'],
    [['optout', 'import', 'a.csv', 'b.csv'], 'rlm optout import does not take "b.csv"'],
    [['lead', 'get', '--id', '1', '--phone', '555'], 'rlm lead get does not take --phone'],
    [['lead', 'remove', '--id', '1', '--dnc'], 'rlm lead remove does not take --dnc'],
    [['lead', 'add', '--company', '1', '--first-name', 'A', '--phone', '(512) 555-0142', '--id', '4'], 'rlm lead add does not take --id'],
  ])('%j', (args, message) => {
    const dir = tempDir();
    const run = rlm(dir, args);
    expect(run.code, run.stdout).toBe(2);
    expect(run.stderr).toContain(message);
    expect(JSON.parse(rlm(dir, ['optout', 'list', '--json']).stdout)).toMatchObject({ total: 0 });
  });

  it('still takes what each verb does take', () => {
    const dir = tempDir();
    expect(rlm(dir, ['optout', 'add', '--phone', '(512) 555-0199', '--reason', 'STOP']).code).toBe(0);
    expect(rlm(dir, ['optout', 'list', '--search', '555', '--limit', '5']).code).toBe(0);
    expect(rlm(dir, ['company', 'add', '--name', 'Best Roofs', '--location-id', 'locBest01']).code).toBe(0);
    const added = rlm(dir, ['lead', 'add', '--company', 'Best Roofs', '--first-name', 'Ann', '--phone', '(512) 555-0142', '--country', 'US', '--dnc', '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ doNotContact: true });
    expect(rlm(dir, ['lead', 'get', '--id', String(JSON.parse(added.stdout).id)]).code).toBe(0);
  });
});

// Node's words for an unknown option told the office to put "-x" after `--`, as a file name no command takes.
describe('rlm with an option it does not know', () => {
  const tempDir = useTempDirs();
  it('names the option and points at the command\'s help, nothing about `--`', () => {
    const run = rlm(tempDir(), ['backup', '-x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("Error: Unknown option '-x'. rlm backup --help lists what it takes.\n");
  });
});

describe('rlm with no command', () => {
  const tempDir = useTempDirs();
  it('is a usage error (exit 2) that says so, with the usage', () => {
    const run = rlm(tempDir(), []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Error: which command?');
    expect(run.stderr).toContain('rlm optout add');
  });
});

// A mistyped --data-dir made a new empty folder, and `rlm sync --until-idle` said "Everything went: 0 synced"
// (exit 0) while the office's leads waited in the real one.
describe('rlm on a data folder that holds no data', () => {
  const tempDir = useTempDirs();
  // `rlm company list` said "(none)" (exit 0) and made the folder: the office read its companies as gone.
  it.each([['sync', '--until-idle'], ['status'], ['export', 'out.csv'], ['backup', 'b.sqlite'], ['company', 'list'], ['optout', 'list'], ['lead', 'get', '1'], ['import', 'x.csv', '--company', 'Acme']])('%s refuses, and creates nothing', (...args) => {
    const typo = join(tempDir(), 'offce-data');
    const run = rlm(typo, args);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stderr).toContain(`There is no Roofing Lead Manager data in ${typo}`);
    expect(existsSync(typo)).toBe(false);
  });

  it('company add starts an office in a new folder', () => {
    const fresh = join(tempDir(), 'new-office');
    expect(rlm(fresh, ['company', 'add', '--name', 'Acme', '--location-id', 'locAcme1']).code).toBe(0);
    expect(existsSync(join(fresh, 'leads.sqlite'))).toBe(true);
  });

  // `rlm status --force` said "There is no data" (exit 1): the arguments are judged first, as on any folder.
  it.each([
    [['status', '--force'], 'Unknown option \'--force\''],
    [['sync', '--until-idle', '--timeout', 'soon'], '--timeout takes a number of seconds'],
    [['sync', 'pause'], 'rlm sync pause needs --company NAME_OR_ID'],
    [['sync', 'resend', '--lead', 'x'], 'rlm sync resend needs --lead ID'],
    [['send', '--status', 'Lost'], 'rlm send needs --company NAME_OR_ID'],
    [['export'], 'Give exactly one file (or folder) to write.'],
    [['export', 'out.csv', '--status', 'bogus'], 'Unknown status "bogus"'],
    [['backup', 'a.sqlite', 'b.sqlite'], 'Give exactly one file name.'],
  ])('%j is a bad argument there too (exit 2)', (args, message) => {
    const typo = join(tempDir(), 'offce-data');
    const run = rlm(typo, args);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(typo)).toBe(false);
  });
});
