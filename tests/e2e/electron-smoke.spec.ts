import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserEnv } from '../setup/browser-env';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Where the `electron` package put its binary, read from its path.txt. Not require('electron'):
 * that tries to download a missing binary, which this machine cannot.
 */
function electronBinary(): string | null {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const relative = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim();
    const full = join(pkgDir, 'dist', relative);
    return existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test('desktop app starts and shows the Companies page (real Electron)', async () => {
  test.skip(!binary, 'No Electron binary on this machine (its download needs internet); the glue is covered by tests/unit/electron with a fake electron module.');
  const userData = mkdtempSync(join(tmpdir(), 'rlm-electron-'));
  const app = await electron.launch({ executablePath: binary!, args: [join(root, 'out/main/main.cjs'), `--user-data-dir=${userData}`], env: browserEnv() });
  const window = await app.firstWindow();
  await expect(window.getByText('Roofing Lead Manager')).toBeVisible();
  const isolated = await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require === 'undefined');
  expect(isolated).toBe(true);
  await app.close();
});
