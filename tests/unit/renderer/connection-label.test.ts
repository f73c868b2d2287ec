/** The "Sending to GHL" card's word on the connection says what is true of sending, not of the last call alone. */
import { describe, expect, it } from 'vitest';
import { connectionLabel } from '../../../renderer/src/pages/dashboard/connection-label';

describe('the connection badge', () => {
  const running = { state: 'running', heldBy: null };
  const stopped = { state: 'stopped', heldBy: null };

  it('says online or offline from the last call', () => {
    expect(connectionLabel({ state: 'online', lastSuccessAt: 1 }, running)).toBe('Online');
    expect(connectionLabel({ state: 'offline', lastSuccessAt: 1 }, running)).toBe('Offline');
    expect(connectionLabel({ state: 'unknown', lastSuccessAt: null }, stopped)).toBe('Connection not checked yet');
  });

  // A review: after every start, until the first call, "no sync runs" was said while leads were about to go.
  it('does not say "no sync runs" while sending runs here or in another program', () => {
    const known = { state: 'unknown' as const, lastSuccessAt: 1_000, lastState: 'online' as const };
    expect(connectionLabel(known, running)).toBe('Connection not checked since sending started');
    expect(connectionLabel(known, { state: 'stopped', heldBy: { pid: 1, process: 'the command line (rlm sync)', isPaused: false } })).toBe('Connection not checked since sending started');
    expect(connectionLabel(known, stopped)).toBe('Connection not checked now: no sync runs');
    expect(connectionLabel(known, { state: 'paused', heldBy: null })).toBe('Connection not checked: sending is paused');
  });
});
