import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { compileSchedule, isSendableNow, type Place } from '../../electron/pacing';
import { defaultSchedule } from '../../shared/schedule';

/**
 * The suite runs at a faked US weekday afternoon (scripts/at-test-time.sh, libfaketime) because the sync
 * queue sends only inside each lead's sending window. These tests make a broken preload a clear failure here
 * rather than a "nothing was sent" in some scheduler test.
 */

const script = fileURLToPath(new URL('../../scripts/at-test-time.sh', import.meta.url));
const SECOND = 1000;
const HOUR = 3_600_000;

/** A lead in every US zone, and in the states whose law narrows the hours most (CT 9–20, FL 8–20, TX 9–21). */
const usPlaces: Place[] = [
  { timeZone: 'America/New_York', state: 'NY' },
  { timeZone: 'America/New_York', state: 'CT' },
  { timeZone: 'America/New_York', state: 'FL' },
  { timeZone: 'America/Chicago', state: 'TX' },
  { timeZone: 'America/Denver', state: 'CO' },
  { timeZone: 'America/Phoenix', state: 'AZ' },
  { timeZone: 'America/Los_Angeles', state: 'CA' },
  { timeZone: 'America/Anchorage', state: 'AK' },
  { timeZone: 'Pacific/Honolulu', state: 'HI' },
  { timeZone: 'America/Puerto_Rico', state: 'PR' },
];

function fakedOffsetSeconds(): number {
  const match = /^\+(\d+)$/.exec(process.env.FAKETIME ?? '');
  if (!match) throw new Error(`FAKETIME is ${JSON.stringify(process.env.FAKETIME)}; scripts/at-test-time.sh sets a relative offset such as +90000`);
  return Number(match[1]);
}

describe('the faked start time (scripts/at-test-time.sh --offset-from)', () => {
  /** The faked start of a run begun at each real instant, from the script itself (one process). */
  const fakedStarts = (...real: number[]) =>
    execFileSync('bash', [script, '--offset-from', ...real.map((at) => String(at / SECOND))], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line, i) => ({ offset: Number(line), at: new Date(real[i]! + Number(line) * SECOND).toISOString() }));
  const fakedStart = (real: string) => fakedStarts(Date.parse(real))[0]!;

  test('is the next Wednesday 20:00 UTC, on every weekday and across US DST changes', () => {
    expect(fakedStart('2026-11-30T12:00:00Z')).toEqual({ offset: 201_600, at: '2026-12-02T20:00:00.000Z' }); // Monday
    expect(fakedStart('2026-12-02T19:59:59Z').at).toBe('2026-12-02T20:00:00.000Z'); // Wednesday, just before
    expect(fakedStart('2026-12-02T20:00:00Z').at).toBe('2026-12-09T20:00:00.000Z'); // Wednesday at 20:00: the next one
    expect(fakedStart('2026-12-06T23:59:00Z').at).toBe('2026-12-09T20:00:00.000Z'); // Sunday night
    expect(fakedStart('2027-03-14T06:59:00Z').at).toBe('2027-03-17T20:00:00.000Z'); // US spring forward that night
    expect(fakedStart('2027-11-07T05:30:00Z').at).toBe('2027-11-10T20:00:00.000Z'); // US fall back
  });

  test('is always ahead, by at most a week, whenever in the week the run starts', () => {
    const starts: number[] = [];
    for (let real = Date.parse('2026-11-30T00:00:00Z'); real < Date.parse('2026-12-07T00:00:00Z'); real += 37 * 60_000) starts.push(real);
    for (const { offset, at } of fakedStarts(...starts)) {
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeLessThanOrEqual(7 * 86_400);
      expect(at).toMatch(/T20:00:00\.000Z$/);
      expect(new Date(at).getUTCDay()).toBe(3);
    }
  });
});

describe('the process clock under the faked time (when run by npm test or scripts/vitest-session.sh)', () => {
  const skipWithoutFaketime = (skip: (condition: boolean, note?: string) => void) =>
    skip(!process.env.FAKETIME, 'FAKETIME is not set: these check the faked clock of scripts/at-test-time.sh (npm test, scripts/vitest-session.sh)');

  test('every US zone is inside the default sending window and the legal floor, now and for the next 2 hours', ({ skip }) => {
    skipWithoutFaketime(skip);
    for (const place of usPlaces) {
      const schedule = compileSchedule(defaultSchedule(place.timeZone));
      for (const later of [0, HOUR, 2 * HOUR]) {
        const at = Date.now() + later;
        expect(isSendableNow(place, schedule, at), `${place.timeZone} ${place.state} at ${new Date(at).toISOString()}`).toBe(true);
      }
    }
  });

  test('the preload took effect: Date.now() is ahead of the kernel clock (a file written now) by FAKETIME', ({ skip }) => {
    skipWithoutFaketime(skip);
    const dir = mkdtempSync(join(tmpdir(), 'rlm-clock-'));
    try {
      const file = join(dir, 'now');
      const before = Date.now();
      writeFileSync(file, '');
      const kernelNow = statSync(file).mtimeMs;
      expect(Math.abs(before - kernelNow - fakedOffsetSeconds() * SECOND)).toBeLessThan(10 * SECOND);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a child process sees the same faked clock (one offset for the whole suite)', ({ skip }) => {
    skipWithoutFaketime(skip);
    const child = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { encoding: 'utf8' }));
    expect(Math.abs(child - Date.now())).toBeLessThan(10 * SECOND);
  });

  test('time flows, and the monotonic clock (timers, performance.now) is the real one', async ({ skip }) => {
    skipWithoutFaketime(skip);
    const started = Date.now();
    const startedMono = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(Date.now() - started).toBeLessThan(5 * SECOND);
    expect(performance.now() - startedMono).toBeGreaterThanOrEqual(150);
    // CLOCK_MONOTONIC counts from boot: faked, it would read the faked epoch time (billions of seconds).
    const uptimeSeconds = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    expect(Number(process.hrtime.bigint() / 1_000_000_000n)).toBeLessThanOrEqual(uptimeSeconds + 60);
  });
});
