import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import { createBackend, type Backend } from '../../electron/app/backend';
import { OsKeychain } from '../../electron/core/secrets/secret-store';
import { useTempDirs } from './temp-dir';

/**
 * Real backends on real SQLite files and the real OS keychain (the test runner provides an
 * isolated gnome-keyring); each test gets its own keychain service name so keys never collide.
 */
export function useBackends(): { open: (dataDir?: string, options?: { now?: () => number }) => Backend; tempDir: () => string } {
  const tempDir = useTempDirs();
  const open: Backend[] = [];
  afterEach(async () => {
    for (const backend of open.splice(0)) await backend.close();
  });
  return {
    tempDir,
    /** `now`: the clock the sending schedule follows (the sync worker gets it as an offset). */
    open(dataDir = tempDir(), options = {}) {
      const backend = createBackend({ dataDir, secrets: new OsKeychain(`rlm-test-${randomUUID()}`), now: options.now });
      open.push(backend);
      return backend;
    },
  };
}
