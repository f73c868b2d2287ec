import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(__dirname, '../..');

/**
 * What can be checked of packaging without downloading Electron: the electron-builder config
 * parses, names files that exist, and the build it packages is there and is what main loads.
 * (`npm test` builds main, preload and renderer before vitest runs.)
 */
describe('packaging (offline checks)', () => {
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };

  it('targets AppImage + deb, NSIS and dmg with an app id, product name and asar', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Roofing Lead Manager');
    expect(config.asar).toBe(true);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
  });

  it('packages prebuilt native modules without a rebuild, and sets the Electron fuses', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true, enableNodeOptionsEnvironmentVariable: false });
    for (const prebuilt of ['node_modules/better-sqlite3/prebuilds/linux-x64.node', 'node_modules/better-sqlite3/prebuilds/win32-x64.node', 'node_modules/better-sqlite3/prebuilds/darwin-arm64.node']) {
      expect(existsSync(join(root, prebuilt)), prebuilt).toBe(true);
    }
  });

  it('names files that exist: icons, migrations, the built entry points', () => {
    for (const platform of ['linux', 'win', 'mac']) expect(existsSync(join(root, config[platform].icon)), platform).toBe(true);
    expect(existsSync(join(root, config.extraResources[0].from, 'meta/_journal.json'))).toBe(true);
    expect(existsSync(join(root, config.extraResources[1].from, 'apps/contacts.json'))).toBe(true);
    expect(pkg.main).toBe('out/main/main.cjs');
    for (const built of ['out/main/main.cjs', 'out/preload/preload.cjs', 'out/renderer/index.html']) expect(existsSync(join(root, built)), built).toBe(true);
    expect(pkg.scripts.dist).toContain('electron-builder');
  });

  it('the built preload requires nothing but electron (sandbox), and index.html carries the CSP', () => {
    const preload = readFileSync(join(root, 'out/preload/preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"[^>]*script-src 'self'/);
  });
});
