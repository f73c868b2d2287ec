import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OsKeychain, probeKeychain } from '../../../electron/core/secrets/secret-store';

// Runs against the real Secret Service: the test runner (scripts/test.sh) starts a private
// dbus session with an unlocked gnome-keyring and a throwaway HOME.
describe('OS keychain (Secret Service)', () => {
  it('round-trips, replaces and deletes a key', async () => {
    const store = new OsKeychain(`rlm-test-${randomUUID()}`);
    await expect(store.get('company-1')).resolves.toBeNull();
    await store.set('company-1', 'pit-first-value-123');
    await expect(store.get('company-1')).resolves.toBe('pit-first-value-123');
    await store.set('company-1', 'pit-second-value-456');
    await expect(store.get('company-1')).resolves.toBe('pit-second-value-456');
    await expect(store.delete('company-1')).resolves.toBe(true);
    await expect(store.get('company-1')).resolves.toBeNull();
    await expect(probeKeychain(store)).resolves.toEqual({ isAvailable: true, message: null });
  });

  it('without a keychain, says keychain-unavailable and what to install — no plaintext fallback', () => {
    // A child process with no session bus: the Secret Service cannot be reached.
    const script = `
      import { OsKeychain } from './electron/core/secrets/secret-store.ts';
      const store = new OsKeychain('rlm-test-nobus');
      try { await store.set('company-1', 'pit-should-not-be-stored'); console.log(JSON.stringify({ stored: true })); }
      catch (error) { console.log(JSON.stringify({ code: error.code, message: error.message })); }
    `;
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8' });
    const result = JSON.parse(output.trim().split('\n').pop()!) as { code?: string; message?: string };
    expect(result.code).toBe('keychain-unavailable');
    expect(result.message).toMatch(/gnome-keyring|Secret Service/);
  });
});
