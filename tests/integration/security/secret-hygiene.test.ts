/**
 * Secret hygiene: a canary API key goes through the whole product (set-key, import, sync against
 * the simulator, status, export); afterwards neither the data folder (database, WAL, logs, exports,
 * backups) nor anything the commands printed contains it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGhlSimulator, type GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useTempDirs } from '../../helpers/temp-dir';

const CANARY = `pit-canary-${Date.now().toString(36)}-7f3e9a1c5b`;
const LOCATION = 'locCanaryAAAAAAAAAAAA';

function rlm(dataDir: string, args: string[], input?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/rlm.cjs', '--data-dir', dataDir, ...args], {
      env: { ...process.env, RLM_SYNC_TUNING: JSON.stringify({ probeBaseMs: 50, probeCapMs: 200, retryBaseMs: 50, retryCapMs: 400 }) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdin.end(input ?? '');
    child.on('close', (code) => resolve({ code, output }));
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('secret hygiene', () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
  });

  it('the API key never lands in the data folder or in any output', async () => {
    sim = await startGhlSimulator({
      locations: [{ id: LOCATION, name: 'Canary Roofing', token: CANARY, allowDuplicateContact: false }],
      faults: { rate5xx: 0.1 },
      seed: 3,
    });
    const dataDir = tempDir();
    const outputs: string[] = [];
    const run = async (args: string[], input?: string) => {
      const result = await rlm(dataDir, args, input);
      outputs.push(result.output);
      expect(result.code, `${args.join(' ')}\n${result.output}`).toBe(0);
      return result.output;
    };
    await run(['company', 'add', '--name', 'Canary', '--location-id', LOCATION, '--ghl-url', sim.url, '--json']);
    await run(['company', 'set-key', '--company', 'Canary', '--json'], `${CANARY}\n`);
    await run(['company', 'test', '--company', 'Canary', '--json']);
    await run(['import', join(process.cwd(), 'tests/fixtures/demo/old-crm-export.csv'), '--company', 'Canary', '--json']);
    await run(['sync', '--until-idle', '--timeout', '60', '--json']);
    await run(['status', '--json']);
    await run(['backup', join(dataDir, 'backups', 'manual.sqlite'), '--json']);
    // A wrong key too: error paths must not echo what was sent either.
    // Saved, and said to be refused (exit 3).
    const wrong = await rlm(dataDir, ['company', 'set-key', '--company', 'Canary', '--json'], 'pit-wrong-canary-0000000000\n');
    outputs.push(wrong.output);
    expect(wrong.code, wrong.output).toBe(3);
    const failed = await rlm(dataDir, ['company', 'test', '--company', 'Canary', '--json']);
    outputs.push(failed.output);

    expect(sim.contacts(LOCATION).length).toBeGreaterThan(0);
    const hits = filesUnder(dataDir).filter((file) => {
      const bytes = readFileSync(file);
      return bytes.includes(CANARY) || bytes.includes(Buffer.from(CANARY, 'utf16le')) || bytes.includes('pit-wrong-canary');
    });
    expect(hits).toEqual([]);
    expect(filesUnder(dataDir).some((f) => f.includes('logs'))).toBe(true);
    for (const output of outputs) {
      expect(output).not.toContain(CANARY);
      expect(output).not.toContain('pit-wrong-canary');
    }
  }, 120_000);
});
