/**
 * A keychain that refuses the first question of a process (locked, a denied prompt). On macOS and Windows
 * unlocking it and trying again works at once; on Linux the refusal stands until the process starts again,
 * because the library would answer the next calls from the kernel's keyring, which a reboot empties. The
 * library is replaced here: a real keychain cannot be made to refuse once on demand.
 */
import { describe, expect, it, vi } from 'vitest';
import { useKeychainOn } from '../../helpers/keychain-on';

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
  const keychainOn = useKeychainOn('rlm-test-retry', () => {
    library.calls = 0;
  });

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
