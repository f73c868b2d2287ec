import { Entry } from '@napi-rs/keyring';
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/app/backend';
import { keyAccount } from '../../../electron/core/companies/company-service';
import { KEYCHAIN_SERVICE } from '../../../electron/core/secrets/secret-store';
import { valueOf } from '../../helpers/backend';
import { projectRoot, useNodeProcesses } from '../../helpers/node-process';
import { useTempDirs } from '../../helpers/temp-dir';

// `npm run demo` as a real process (out/node/demo.mjs): its temporary data folder goes when it stops.
describe('npm run demo: the temporary data folder is removed on exit', () => {
  const tempDir = useTempDirs();
  const start = useNodeProcesses();

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s: the demo stops and its data folder is gone', async (signal) => {
    expect(existsSync(join(projectRoot, 'out/renderer/index.html')), 'run `npm run build` first').toBe(true);
    const tmp = tempDir();
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
    delete env.RLM_DATA_DIR;
    const demo = start('demo.mjs', [], env);
    const [, dataDir] = await demo.waitFor(/Data folder: (\S+)/);
    await demo.waitFor(/Press Ctrl-C to stop/);
    expect(dataDir!.startsWith(tmp)).toBe(true);
    expect(existsSync(join(dataDir!, 'leads.sqlite'))).toBe(true);
    const sandboxKey = demoKeyEntry(dataDir!);
    expect(sandboxKey.getPassword()).toMatch(/^pit-sandbox-/);
    await expect(demo.stop(signal)).resolves.toBe(0);
    expect(existsSync(dataDir!)).toBe(false);
    expect(readdirSync(tmp).filter((name) => name.startsWith('rlm-demo-'))).toEqual([]);
    // Its key goes with its folder: no folder would ever read it again.
    expect(sandboxKey.getPassword()).toBeNull();
  });

  it('a demo that fails to start (no OS keychain for its sandbox key) exits 1 and removes its folder too', async () => {
    const tmp = tempDir();
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(tmp, 'no-bus')}` };
    delete env.RLM_DATA_DIR;
    const demo = start('demo.mjs', [], env);
    await expect(demo.stop('SIGCONT')).resolves.toBe(1);
    expect(demo.output()).toMatch(/keychain/i);
    expect(readdirSync(tmp).filter((name) => name.startsWith('rlm-demo-'))).toEqual([]);
  });

  it('a demo folder the user named (RLM_DEMO_DATA_DIR) is kept', async () => {
    const dataDir = tempDir();
    const demo = start('demo.mjs', [], { ...process.env, RLM_DEMO_DATA_DIR: dataDir });
    await demo.waitFor(/Press Ctrl-C to stop/);
    await expect(demo.stop('SIGINT')).resolves.toBe(0);
    expect(existsSync(join(dataDir, 'leads.sqlite'))).toBe(true);
    // The folder comes back with its company: so does the key.
    expect(demoKeyEntry(dataDir).getPassword()).toMatch(/^pit-sandbox-/);
  });

  // RLM_DATA_DIR is the office's folder for `rlm`: the demo used it, added its sandbox company there and started
  // sending every company's queued leads to their real GHL.
  it("never opens the office's data folder (RLM_DATA_DIR), and refuses a demo folder with real companies", async () => {
    const office = tempDir();
    const tmp = tempDir();
    const demo = start('demo.mjs', [], { ...process.env, TMPDIR: tmp, RLM_DATA_DIR: office });
    const [, dataDir] = await demo.waitFor(/Data folder: (\S+)/);
    await demo.waitFor(/Press Ctrl-C to stop/);
    expect(dataDir!.startsWith(tmp)).toBe(true);
    expect(demo.output()).toMatch(/never touches your office's data folder/);
    await expect(demo.stop('SIGINT')).resolves.toBe(0);
    expect(readdirSync(office)).toEqual([]);

    const withReal = tempDir();
    const backend = createBackend({ dataDir: withReal });
    valueOf(await backend.call('companies:create', { name: 'Acme Roofing', ghlLocationId: 'locAcme1' }));
    await backend.close();
    const refused = start('demo.mjs', [], { ...process.env, RLM_DEMO_DATA_DIR: withReal });
    await expect(refused.stop('SIGCONT')).resolves.toBe(1);
    expect(refused.output()).toMatch(/holds companies that are not the demo's \(Acme Roofing\)/);
    const check = createBackend({ dataDir: withReal });
    expect(valueOf(await check.call('companies:list', undefined)).map((c: { name: string }) => c.name)).toEqual(['Acme Roofing']);
    await check.close();
  });
});

/** The keychain entry of the demo company's key in a demo data folder (read while the folder is there). */
function demoKeyEntry(dataDir: string): Entry {
  const db = new Database(join(dataDir, 'leads.sqlite'), { readonly: true });
  try {
    const databaseId = db.prepare<[], string>("SELECT value FROM app_meta WHERE key = 'database-id'").pluck().get()!;
    const companyId = db.prepare<[], number>('SELECT id FROM companies').pluck().get()!;
    return new Entry(KEYCHAIN_SERVICE, keyAccount(databaseId, companyId));
  } finally {
    db.close();
  }
}
