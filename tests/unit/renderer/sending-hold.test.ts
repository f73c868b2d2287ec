import { describe, expect, it } from 'vitest';
import { sendingHoldOf } from '../../../renderer/src/lib/sending-hold';

const runner = { state: 'idle' as const, heldBy: null, stoppedBy: null, storageTrouble: null, hasWork: false };
const online = { state: 'online' };

describe('what holds sending, for a plan outside the dashboard', () => {
  it('is the pause of all sending, here or in the program that sends', () => {
    expect(sendingHoldOf({ ...runner, state: 'paused' }, online)).toBe('all-paused');
    expect(sendingHoldOf({ ...runner, state: 'stopped', heldBy: { pid: 7, process: 'the command line (rlm sync)', isPaused: true } }, online)).toBe('all-paused');
  });

  // A review: the company drawer said "sending now" and the import summary "they all go today" while nothing ran.
  it('is "stopped" when this runner stopped and no other program sends', () => {
    expect(sendingHoldOf({ ...runner, state: 'stopped' }, online)).toBe('stopped');
    expect(sendingHoldOf({ ...runner, state: 'stopped', heldBy: { pid: 7, process: 'the command line (rlm sync)', isPaused: false } }, online)).toBeNull();
  });

  it('is "offline" while GHL cannot be reached, else nothing', () => {
    expect(sendingHoldOf(runner, { state: 'offline' })).toBe('offline');
    expect(sendingHoldOf(runner, online)).toBeNull();
    expect(sendingHoldOf(undefined, undefined)).toBeNull();
  });
});
