import { describe, expect, it } from 'vitest';
import { sendingHoldOf } from '../../../renderer/src/lib/sending-hold';

const runner = { state: 'idle' as const, heldBy: null, companyIds: null, stoppedBy: null, storageTrouble: null, hasWork: false };
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

  // `rlm sync --company A` held the runner: B's plan read "sending now" and its lead "Expected now", with nothing sending B.
  it('is "stopped" for a company the running sync does not send', () => {
    const onlyA = { ...runner, state: 'stopped' as const, heldBy: { pid: 7, process: 'the command line (rlm sync)', isPaused: false }, companyIds: [1] };
    expect(sendingHoldOf(onlyA, online, 1)).toBeNull();
    expect(sendingHoldOf(onlyA, online, 2)).toBe('stopped');
    // Of no company in particular: something sends.
    expect(sendingHoldOf(onlyA, online)).toBeNull();
    // Paused there: A's plan says paused, B's that nothing sends it ("resume it there" would send A only).
    const pausedA = { ...onlyA, heldBy: { ...onlyA.heldBy, isPaused: true } };
    expect(sendingHoldOf(pausedA, online, 1)).toBe('all-paused');
    expect(sendingHoldOf(pausedA, online, 2)).toBe('stopped');
  });

  it('is "offline" while GHL cannot be reached, else nothing', () => {
    expect(sendingHoldOf(runner, { state: 'offline' })).toBe('offline');
    expect(sendingHoldOf(runner, online)).toBeNull();
    expect(sendingHoldOf(undefined, undefined)).toBeNull();
  });
});
