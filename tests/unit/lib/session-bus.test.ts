/**
 * Without a D-Bus session bus there is no Secret Service. Asked anyway, the keyring library answered its
 * second call from the kernel's keyring, which does not survive a reboot: a first failed call (a new
 * company's clean-up of an old key) let the demo save its key there and start. The bus is checked first.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSessionBus } from '../../../electron/core/secrets/secret-store';

describe('a D-Bus session bus for the Secret Service', () => {
  it('is there when the socket the address names exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlm-bus-'));
    const socket = join(dir, 'bus');
    expect(hasSessionBus({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket},guid=abc` })).toBe(false);
    writeFileSync(socket, '');
    expect(hasSessionBus({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket},guid=abc` })).toBe(true);
    // An abstract socket cannot be looked at: counted as there.
    expect(hasSessionBus({ DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/dbus-x,guid=abc' })).toBe(true);
    // No address: the usual per-user socket.
    expect(hasSessionBus({ XDG_RUNTIME_DIR: dir })).toBe(true);
    expect(hasSessionBus({ XDG_RUNTIME_DIR: join(dir, 'none') })).toBe(false);
  });
});
