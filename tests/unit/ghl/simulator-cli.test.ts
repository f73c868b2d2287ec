import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';

let child: ChildProcess | null = null;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  child = null;
});

function runCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'electron/ghl-sandbox/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const headers = { Authorization: 'Bearer cli-token', Version: '2021-07-28', 'Content-Type': 'application/json' };

describe('ghl-sandbox CLI (a real process)', () => {
  it('serves the location with its time zone and applies --fail-next', async () => {
    child = runCli(['--port', '0', '--location', 'cliLoc', '--token', 'cli-token', '--timezone', 'America/Denver', '--fail-next', 'upsert-contact:lost-response:1']);
    const [url] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const loc = (await (await fetch(`${url}/locations/cliLoc`, { headers })).json()) as { location: { timezone: string } };
    expect(loc.location.timezone).toBe('America/Denver');
    const upsert = () => fetch(`${url}/contacts/upsert`, { method: 'POST', headers, body: JSON.stringify({ locationId: 'cliLoc', email: 'cli@roof.com' }) });
    await expect(upsert()).rejects.toThrow();
    expect((await upsert()).status).toBe(200);
    const { stats } = (await (await fetch(`${url}/__sim/stats`)).json()) as { stats: { contactsCreated: number; contactsUpdated: number } };
    expect(stats).toMatchObject({ contactsCreated: 1, contactsUpdated: 1 });
  });

  it('refuses a bad fault flag with a clear message and exit code 2', async () => {
    child = runCli(['--fail-next', 'upsert-contact:explode:1']);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(2);
    expect(stderr).toContain('KIND one of reset, hang, hang-after-work, lost-response, slow-before-work, 5xx, 5xx-after-work, 5xx-while-working, 429');
  });

  // `--help` and an unknown option ended in an ERR_PARSE_ARGS_UNKNOWN_OPTION stack trace.
  it('prints its usage for --help (exit 0), and with an unknown option says which (exit 2)', async () => {
    const run = async (args: string[]) => {
      child = runCli(args);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const [code] = (await once(child, 'exit')) as [number];
      return { code, stdout, stderr };
    };
    const help = await run(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^usage: npm run ghl-sandbox -- --port 4010/);
    const unknown = await run(['--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^ghl-sandbox: Unknown option '--bogus'\n\nusage: /);
    expect(unknown.stderr).not.toContain('    at ');
  });
});
