import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const screenshotDir = join(root, 'test-results/screenshots');

export interface RunningHarness {
  url: string;
  dataDir: string;
  process: ChildProcess;
}

/**
 * Waits until the session's Secret Service answers. GNOME Keyring (42–50) crashes now and then when several clients
 * ask at once (README, Troubleshooting); D-Bus starts it again on the next call. A harness whose first call hit that
 * restart took the keychain as missing for its whole life, by design (secret-store.ts whenAvailable), and its test
 * failed in CI with "No OS keychain answered". Asked here first, the restart happens before the harness asks.
 */
async function keychainAnswers(): Promise<void> {
  // A D-Bus ping, not the keyring library: after a first failure the library answers this process from the kernel's keyring.
  const ping = ['--session', '--print-reply', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.DBus.Peer.Ping'];
  const until = Date.now() + 10_000;
  for (;;) {
    const answer = spawnSync('dbus-send', ping, { encoding: 'utf8', timeout: 5_000 });
    if (answer.status === 0) return;
    if (Date.now() > until) throw new Error(`The session's Secret Service did not answer: ${answer.stderr || answer.error?.message}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Starts `npm run web` (the browser harness, built by the globalSetup) on a fresh data dir and waits for its URL line. */
export async function startHarness(dataDir = mkdtempSync(join(tmpdir(), 'rlm-e2e-')), env: Record<string, string> = {}): Promise<RunningHarness> {
  await keychainAnswers();
  const child = spawn(process.execPath, [join(root, 'out/node/web.mjs'), '--data-dir', dataDir, '--port', '0'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`harness exited with ${code}:\n${output}`)));
  });
  return { url, dataDir, process: child };
}

export async function stopHarness(harness: RunningHarness): Promise<void> {
  if (harness.process.exitCode === null) {
    const exited = new Promise((resolve) => harness.process.once('exit', resolve));
    harness.process.kill('SIGTERM');
    await exited;
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  // The whole page from its top: taken scrolled, the fixed header and sidebar were drawn halfway down it, over the cards.
  await page.evaluate(() => window.scrollTo(0, 0));
  // Finished transitions only: a drawer caught mid-slide looks broken in the artifact.
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

export const test = base.extend<{ harness: RunningHarness; harnessEnv: Record<string, string> }>({
  /** More environment for the harness process, e.g. RLM_SYNC_TUNING so a test need not wait real GHL's retry pauses. */
  harnessEnv: [{}, { option: true }],
  harness: async ({ harnessEnv }, use) => {
    const harness = await startHarness(undefined, harnessEnv);
    await use(harness);
    await stopHarness(harness);
    rmSync(harness.dataDir, { recursive: true, force: true });
  },
});

export { expect };
