/**
 * The daily cap across whole `rlm sync` processes whose system clock is moved by libfaketime (the
 * process, its sync worker thread and SQLite all see the faked time): cap 50, 300 leads → the first
 * sync enrols 50 and says the rest is scheduled (exit 0, not blocked); a day later 50 more.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { rlm, type RlmRun } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';
import { LOCATIONS, startSim } from '../sync/world';

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** `rlm` with its clock starting at `at` ("2026-12-02 20:00:00", UTC) and running on from there. */
function rlmAt(at: string, dataDir: string, args: string[], input?: string): Promise<RlmRun> {
  return rlm(dataDir, args, input, { LD_PRELOAD: LIBFAKETIME, FAKETIME: `@${at}`, FAKETIME_DONT_FAKE_MONOTONIC: '1', TZ: 'UTC' });
}

/** `step` runs an `rlm` command at `at` that must succeed; the company `loc` is added there with its key. */
async function companyWithKey(at: string, dataDir: string, loc: (typeof LOCATIONS)[number], ghlUrl: string) {
  const step = async (args: string[], input?: string) => {
    const run = await rlmAt(at, dataDir, args, input);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  };
  await step(['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', ghlUrl, '--json']);
  await step(['company', 'set-key', '--company', loc.name, '--json'], `${loc.token}\n`);
  return step;
}

describe.skipIf(!existsSync(LIBFAKETIME))('rlm sync under a moved clock', { timeout: 180_000 }, () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('cap 50, 300 leads: sync → 50 and "250 scheduled"; the next day → 50 more', async () => {
    sim = await startSim();
    const dir = tempDir();
    const loc = LOCATIONS[0];
    // Wednesday 2026-12-02 20:00 UTC = 14:00 in Texas (the 512 area code), inside 08:00–21:00.
    const wednesday = '2026-12-02 20:00:00';
    const step = await companyWithKey(wednesday, dir, loc, sim.url);
    await step(['company', 'set', '--company', loc.name, '--daily-cap', '50', '--send-days', 'mon-sun', '--send-window', '08:00-21:00', '--timezone', 'America/Chicago', '--json']);
    const csv = join(tempDir(), 'old-crm.csv');
    writeFileSync(csv, ['First Name,Phone', ...Array.from({ length: 300 }, (_, i) => `Lead${i},(512) 200-${String(i).padStart(4, '0')}`)].join('\n'));
    await step(['import', csv, '--company', loc.name, '--json']);

    const first = await rlmAt(wednesday, dir, ['sync', '--until-idle', '--timeout', '120', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const firstResult = JSON.parse(first.stdout);
    expect(firstResult).toMatchObject({ synced: 50, pending: 250, scheduled: 250, blocked: [] });
    // The cap is reached: the next lead goes on the company's next day, at 09:00 in Texas (its law's start; 15:00 UTC).
    expect(firstResult.nextSendAt).toBe('2026-12-03T15:00:00.000Z');
    expect(sim.contacts(loc.id)).toHaveLength(50);

    const human = await rlmAt(wednesday, dir, ['sync', '--until-idle', '--timeout', '120']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/250 scheduled, next tomorrow 09:00 CST \(cap 50 a day reached\)/);

    const second = await rlmAt('2026-12-03 20:00:00', dir, ['sync', '--until-idle', '--timeout', '120', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ synced: 100, pending: 200, scheduled: 200, blocked: [] });
    expect(sim.contacts(loc.id)).toHaveLength(100);
  });

  it('--days-off us-holidays: on Thanksgiving nothing goes and the sync says when it will; a bad date is refused', async () => {
    sim = await startSim();
    const dir = tempDir();
    const loc = LOCATIONS[0];
    // Thanksgiving, Thursday 2026-11-26 20:00 UTC = 14:00 in Texas.
    const thanksgiving = '2026-11-26 20:00:00';
    const step = await companyWithKey(thanksgiving, dir, loc, sim.url);
    const refused = await rlmAt(thanksgiving, dir, ['company', 'set', '--company', loc.name, '--days-off', '11/26/2026']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"11/26/2026" is not a date as YYYY-MM-DD');
    await step(['company', 'set', '--company', loc.name, '--send-days', 'mon-sun', '--timezone', 'America/Chicago', '--days-off', 'us-holidays', '--json']);
    const listed = JSON.parse((await rlmAt(thanksgiving, dir, ['company', 'list', '--json'])).stdout);
    expect(listed[0].schedule.daysOff).toEqual(['2026-11-26', '2026-12-25', '2027-01-01', '2027-05-31', '2027-07-04', '2027-07-05', '2027-09-06', '2027-11-25']);
    const shown = await rlmAt(thanksgiving, dir, ['company', 'list']);
    expect(shown.stdout).toContain('+8 days off');
    const csv = join(tempDir(), 'texas.csv');
    writeFileSync(csv, 'First Name,Phone\nTex,(512) 200-0001\nTina,(512) 200-0002\n');
    await step(['import', csv, '--company', loc.name, '--json']);

    const run = await rlmAt(thanksgiving, dir, ['sync', '--until-idle', '--timeout', '120', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // Friday 10:00 in Texas (16:00 UTC): the default window's start.
    expect(JSON.parse(run.stdout)).toMatchObject({ synced: 0, scheduled: 2, nextSendAt: '2026-11-27T16:00:00.000Z' });
    expect(sim.contacts(loc.id)).toHaveLength(0);
    await step(['company', 'set', '--company', loc.name, '--days-off', 'none', '--json']);
    const after = await rlmAt(thanksgiving, dir, ['sync', '--until-idle', '--timeout', '120', '--json']);
    expect(JSON.parse(after.stdout)).toMatchObject({ synced: 2 });
  });

  it('leads that no time lets go under the schedule are a stall: exit 3, not "scheduled" and 0', async () => {
    sim = await startSim();
    const dir = tempDir();
    const loc = LOCATIONS[0];
    const wednesday = '2026-12-02 20:00:00';
    const step = await companyWithKey(wednesday, dir, loc, sim.url);
    // Sundays only, and Mississippi (the 601 area code) allows no texts on Sunday.
    await step(['company', 'set', '--company', loc.name, '--send-days', 'sun', '--timezone', 'America/Chicago', '--json']);
    const csv = join(tempDir(), 'mississippi.csv');
    writeFileSync(csv, ['First Name,Phone', ...Array.from({ length: 3 }, (_, i) => `Lead${i},(601) 200-${String(i).padStart(4, '0')}`)].join('\n'));
    await step(['import', csv, '--company', loc.name, '--json']);

    const run = await rlmAt(wednesday, dir, ['sync', '--until-idle', '--timeout', '120', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(3);
    // The whole answer on failure: a company blocked (its key unread) would also exit 3, with 0 scheduled.
    expect(JSON.parse(run.stdout), run.stdout + run.stderr).toMatchObject({ synced: 0, scheduled: 3, unreachable: 3, nextSendAt: null });
    expect(sim.contacts(loc.id)).toHaveLength(0);
    const human = await rlmAt(wednesday, dir, ['sync', '--until-idle', '--timeout', '120']);
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/^Stuck: .*\n.*3 scheduled: none can go under the current schedule/s);

    // One Texas lead beside them can go on Sundays: the Mississippi ones are still a stall (it hid them: exit 0,
    // "5 scheduled: next Sun", "done by Dec 6").
    const texas = join(tempDir(), 'texas.csv');
    writeFileSync(texas, 'First Name,Phone\nTex,(512) 200-0001\n');
    const texasImport = await rlmAt(wednesday, dir, ['import', texas, '--company', loc.name, '--json']);
    expect(texasImport.code, texasImport.stdout + texasImport.stderr).toBe(0);
    // The import names the send time `rlm status` names (it said null, for want of a finish day: a review).
    expect(JSON.parse(texasImport.stdout).sending).toMatchObject({ queued: 1, nextSendAt: expect.stringMatching(/Z$/), finishEstimate: null });
    const mixed = await rlmAt(wednesday, dir, ['sync', '--until-idle', '--timeout', '120', '--json']);
    expect(mixed.code, mixed.stdout + mixed.stderr).toBe(3);
    // Why 3 with a send time known (a review: a script could not tell): 3 of the 4 can never go.
    expect(JSON.parse(mixed.stdout), mixed.stdout + mixed.stderr).toMatchObject({ scheduled: 4, unreachable: 3, nextSendAt: expect.stringMatching(/Z$/) });
    const mixedHuman = await rlmAt(wednesday, dir, ['sync', '--until-idle', '--timeout', '120']);
    expect(mixedHuman.stdout).toMatch(/4 scheduled, next Sun .*; 3 of them can never go under the current schedule/);
    const status = JSON.parse((await rlmAt(wednesday, dir, ['status', '--json'])).stdout);
    expect(status.companies[0]).toMatchObject({ scheduled: 4, finishEstimate: null });
  });

  // GoHighLevel out of reach for one company, and another's schedule reaching none of its leads: the run said only
  // "GoHighLevel could not be reached … check the internet", and the stall, which no connection mends, went unsaid.
  it('a schedule stall is said beside the offline line, not hidden by it', async () => {
    sim = await startSim();
    const dir = tempDir();
    const wednesday = '2026-12-02 20:00:00';
    const stalled = LOCATIONS[0];
    const step = await companyWithKey(wednesday, dir, stalled, sim.url);
    await step(['company', 'set', '--company', stalled.name, '--send-days', 'sun', '--timezone', 'America/Chicago', '--json']);
    const csv = join(tempDir(), 'mississippi.csv');
    writeFileSync(csv, 'First Name,Phone\nLead0,(601) 200-0000\n');
    await step(['import', csv, '--company', stalled.name, '--json']);
    const cut = LOCATIONS[1];
    await companyWithKey(wednesday, dir, cut, 'http://127.0.0.1:9');
    await step(['lead', 'add', '--company', cut.name, '--first-name', 'Ann', '--phone', '(512) 555-0110', '--json']);

    const run = await rlmAt(wednesday, dir, ['sync', '--until-idle', '--timeout', '8']);
    expect(run.stdout, run.stderr).toMatch(/GoHighLevel could not be reached/);
    expect(run.stdout).toMatch(new RegExp(`${stalled.name}: 1 scheduled: none can go under the current schedule`));
    // The stalled lead does not wait for the connection: only the other company's does.
    expect(run.stdout).toMatch(/: 1 lead\(s\) wait for the connection/);
  });
});
