/**
 * A keychain that refuses the first question of a process (locked, a denied prompt). On macOS and Windows
 * unlocking it and trying again works at once; on Linux the refusal stands until the process starts again,
 * because the library would answer the next calls from the kernel's keyring, which a reboot empties. The
 * library is replaced here: a real keychain cannot be made to refuse once on demand.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const library = vi.hoisted(() => ({ calls: 0, refuseFirst: true }));
vi.mock('@napi-rs/keyring', () => ({
  AsyncEntry: class {
    async getPassword(): Promise<string | null> {
      library.calls += 1;
      if (library.refuseFirst && library.calls === 1) throw new Error('keychain locked');
      return 'pit-secret-0123456789';
    }
    async setPassword(): Promise<void> {}
    async deletePassword(): Promise<boolean> {
      return true;
    }
  },
}));

describe('a keychain that refused the first question', () => {
  const platform = process.platform;
  const bus = process.env.DBUS_SESSION_BUS_ADDRESS;
  beforeEach(() => {
    library.calls = 0;
    vi.resetModules();
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:abstract=/tmp/rlm-test-bus';
  });
  afterEach(() => {
    Object.defineProperty(process, 'platform', { value: platform });
    process.env.DBUS_SESSION_BUS_ADDRESS = bus;
  });

  async function keychainOn(os: NodeJS.Platform) {
    Object.defineProperty(process, 'platform', { value: os });
    const { OsKeychain } = await import('../../../electron/core/secrets/secret-store');
    return new OsKeychain('rlm-test-retry');
  }

  it.each(['darwin', 'win32'] as const)('%s: unlocked and asked again, it answers (no restart)', async (os) => {
    const keychain = await keychainOn(os);
    await expect(keychain.get('company-1')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(keychain.get('company-1')).resolves.toBe('pit-secret-0123456789');
  });

  it('linux: the refusal stands for the process, and the message says to start again', async () => {
    const keychain = await keychainOn('linux');
    await expect(keychain.get('company-1')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(keychain.get('company-1')).rejects.toThrow(/start the app \(or the command\) again/);
    expect(library.calls).toBe(1);
  });
});
