import { afterEach, beforeEach, vi } from 'vitest';
import type { OsKeychain } from '../../electron/core/secrets/secret-store';

/**
 * For a test file that replaces @napi-rs/keyring (vi.mock): a fresh OsKeychain module per test, as if on `os`,
 * with a session bus said to be there. Fresh, because the keychain's availability and its turn are per process.
 * `reset` runs before each test (the replaced library's counters).
 */
export function useKeychainOn(service: string, reset: () => void = () => {}): (os: NodeJS.Platform) => Promise<OsKeychain> {
  const platform = process.platform;
  const bus = process.env.DBUS_SESSION_BUS_ADDRESS;
  beforeEach(() => {
    reset();
    vi.resetModules();
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:abstract=/tmp/rlm-test-bus';
  });
  afterEach(() => {
    Object.defineProperty(process, 'platform', { value: platform });
    process.env.DBUS_SESSION_BUS_ADDRESS = bus;
  });
  return async (os) => {
    Object.defineProperty(process, 'platform', { value: os });
    const { OsKeychain } = await import('../../electron/core/secrets/secret-store');
    return new OsKeychain(service);
  };
}
