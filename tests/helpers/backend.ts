import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import { createBackend, type Backend } from '../../electron/app/backend';
import { OsKeychain, type SecretStore } from '../../electron/core/secrets/secret-store';
import { useTempDirs } from './temp-dir';

/**
 * Real backends on real SQLite files and the real OS keychain (the test runner provides an
 * isolated gnome-keyring); each test gets its own keychain service name so keys never collide.
 */
type OpenOptions = {
  now?: () => number;
  /** Another backend's keychain, for two data folders on one computer (one user's keychain). */
  secrets?: SecretStore;
};

export function useBackends(): { open: (dataDir?: string, options?: OpenOptions) => Backend; tempDir: () => string } {
  const tempDir = useTempDirs();
  const open: Backend[] = [];
  afterEach(async () => {
    for (const backend of open.splice(0)) await backend.close();
  });
  return {
    tempDir,
    /** `now`: the clock the sending schedule follows (the sync worker gets it as an offset). */
    open(dataDir = tempDir(), options = {}) {
      const secrets = options.secrets ?? new OsKeychain(`rlm-test-${randomUUID()}`);
      const backend = createBackend({ dataDir, secrets, now: options.now });
      open.push(backend);
      return backend;
    },
  };
}

/** Companies made through the app's own channel, one per name, in order; their ids, one per name. */
export async function createCompanies<const Names extends readonly string[]>(backend: Backend, names: Names): Promise<{ [K in keyof Names]: number }> {
  const ids: number[] = [];
  for (const name of names) {
    const created = await backend.call('companies:create', { name, ghlLocationId: `loc${name}AAAAAAAAAAAAAAA`.slice(0, 20) });
    if (!created.ok) throw new Error(created.error.message);
    ids.push(created.value.id);
  }
  // One id per name, in the names' order: the tuple type only says so.
  return ids as { [K in keyof Names]: number };
}

/** The value of an IPC answer; the test stops at the error otherwise. */
export function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
