import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';

const root = join(__dirname, '../../..');
const bin = join(root, 'scripts/rlm.cjs');

/** Runs the real `rlm` bin as a child process, as a user would after `npm ci`. */
function rlm(dataDir: string, args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, '--data-dir', dataDir, ...args], { input, encoding: 'utf8', cwd: root });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('rlm company (CLI)', () => {
  const tempDir = useTempDirs();

  it('adds, lists, sets a key from stdin, and removes a company', () => {
    const dir = tempDir();
    const added = rlm(dir, ['company', 'add', '--name', 'Best Roofs', '--location-id', 'locBest01', '--owner-email', 'o@best.example', '--json']);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'Best Roofs', ghlLocationId: 'locBest01', hasApiKey: false });

    const key = 'pit-cli-canary-0123456789';
    const setKey = rlm(dir, ['company', 'set-key', '--company', 'Best Roofs', '--json'], `${key}\n`);
    expect(setKey.code).toBe(0);
    expect(JSON.parse(setKey.stdout)).toEqual({ hasApiKey: true });
    expect(setKey.stdout + setKey.stderr).not.toContain(key);

    const list = rlm(dir, ['company', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'Best Roofs', hasApiKey: true }]);
    const human = rlm(dir, ['company', 'list']);
    expect(human.stdout).toMatch(/Best Roofs\s+locBest01\s+set/);

    const removed = rlm(dir, ['company', 'remove', '--company', 'locBest01', '--json']);
    expect(JSON.parse(removed.stdout)).toEqual({ removed: true });
    expect(JSON.parse(rlm(dir, ['company', 'list', '--json']).stdout)).toEqual([]);
  });

  it('prints errors as {"error":{code,message}} with a non-zero exit code', () => {
    const dir = tempDir();
    const bad = rlm(dir, ['company', 'add', '--name', 'X', '--location-id', 'no spaces allowed', '--json']);
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'validation', message: expect.stringContaining('ghlLocationId') } });
    const missing = rlm(dir, ['company', 'remove', '--company', 'Nobody', '--json']);
    expect(missing.code).not.toBe(0);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'not-found' } });
    const unknown = rlm(dir, ['frobnicate', '--json']);
    expect(unknown.code).toBe(2);
  });
});
