import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';

const root = join(__dirname, '../../..');
const bin = join(root, 'scripts/rlm.cjs');

/** Runs the real `rlm` bin as a child process, as a user would after `npm ci`. */
function rlm(dataDir: string, args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, '--data-dir', dataDir, ...args], { input, encoding: 'utf8', cwd: root });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('rlm company (CLI)', () => {
  const tempDir = useTempDirs();

  // `company set --location-id NEW --owner-name Bob --daily-cap 100` exited 0 having changed only the cap, and a
  // company added without --ghl-url could not be pointed at the sandbox but by removing it.
  it('set changes the name, location, owner and GHL address too; an option a verb does not take is refused', () => {
    const dir = tempDir();
    expect(rlm(dir, ['company', 'add', '--name', 'Best Roofs', '--location-id', 'locBest01']).code).toBe(0);
    const set = rlm(dir, ['company', 'set', '--company', 'Best Roofs', '--location-id', 'locBest02', '--owner-name', 'Bob', '--ghl-url', 'http://127.0.0.1:4010', '--daily-cap', '100', '--json']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ ghlLocationId: 'locBest02', ownerName: 'Bob', ghlBaseUrl: 'http://127.0.0.1:4010', schedule: { dailyCap: 100 } });
    const renamed = rlm(dir, ['company', 'set', '--company', 'Best Roofs', '--name', 'Best Roofing Co', '--json']);
    expect(JSON.parse(renamed.stdout)).toMatchObject({ name: 'Best Roofing Co' });
    const refused = rlm(dir, ['company', 'list', '--force']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('rlm company list does not take --force');
    expect(rlm(dir, ['company', 'add', '--name', 'X', '--location-id', 'locX01', '--daily-cap', '5']).code).toBe(2);
  });

  // A paused company's opt-outs still go to GHL, but only with a key to call it with: said of one without a key, it was untrue.
  it('pausing a company says an opt-out still reaches GHL only when it has a key', () => {
    const dir = tempDir();
    expect(rlm(dir, ['company', 'add', '--name', 'Best Roofs', '--location-id', 'locBest01']).code).toBe(0);
    const paused = rlm(dir, ['sync', 'pause', '--company', 'Best Roofs']);
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toContain('once it has an API key, a customer who opts out gets do-not-disturb there all the same.');
    expect(rlm(dir, ['company', 'set-key', '--company', 'Best Roofs'], 'pit-0123456789abcdef').code).toBe(0);
    expect(rlm(dir, ['sync', 'pause', '--company', 'Best Roofs']).stdout).toContain('; a customer who opts out still gets do-not-disturb there.');
  });

  it('adds, lists, sets a key from stdin, and removes a company', () => {
    const dir = tempDir();
    const added = rlm(dir, ['company', 'add', '--name', 'Best Roofs', '--location-id', 'locBest01', '--owner-email', 'o@best.example', '--json']);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'Best Roofs', ghlLocationId: 'locBest01', hasApiKey: false });

    const key = 'pit-cli-canary-0123456789';
    const setKey = rlm(dir, ['company', 'set-key', '--company', 'Best Roofs', '--json'], `${key}\n`);
    expect(setKey.code).toBe(0);
    // GHL cannot be reached from here: saved, and said to be unchecked (not refused: exit 0).
    expect(JSON.parse(setKey.stdout)).toEqual({ hasApiKey: true, check: { ok: false, message: expect.any(String) } });
    expect(setKey.stdout + setKey.stderr).not.toContain(key);

    const list = rlm(dir, ['company', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'Best Roofs', hasApiKey: true }]);
    const human = rlm(dir, ['company', 'list']);
    expect(human.stdout).toMatch(/Best Roofs\s+locBest01\s+set/);

    const removed = rlm(dir, ['company', 'remove', '--company', 'locBest01', '--json']);
    expect(JSON.parse(removed.stdout)).toEqual({ removed: true });
    expect(JSON.parse(rlm(dir, ['company', 'list', '--json']).stdout)).toEqual([]);
  });

  it('prints errors as {"error":{code,message}} with a non-zero exit code', () => {
    const dir = tempDir();
    const bad = rlm(dir, ['company', 'add', '--name', 'X', '--location-id', 'no spaces allowed', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'validation', message: expect.stringMatching(/^--location-id: /) } });
    const missing = rlm(dir, ['company', 'remove', '--company', 'Nobody', '--json']);
    expect(missing.code).not.toBe(0);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'not-found' } });
    const unknown = rlm(dir, ['frobnicate', '--json']);
    expect(unknown.code).toBe(2);
    expect(rlm(dir, ['company', 'add', '--name', 'Best Roofs', '--location-id', 'locBest01']).code).toBe(0);
    const shortPhone = rlm(dir, ['lead', 'add', '--company', 'Best Roofs', '--first-name', 'Ann', '--phone', '123']);
    expect(shortPhone.code).toBe(2);
    expect(shortPhone.stderr).toBe('Error: Phone is too short (3 digits)\n');
  });
});

describe('rlm company set and rlm optout (CLI, real processes)', () => {
  const tempDir = useTempDirs();

  it('changes the schedule and the enrolment, prints the company with its schedule, and refuses bad values', () => {
    const dir = tempDir();
    expect(rlm(dir, ['company', 'add', '--name', 'Summit', '--location-id', 'locSummit1', '--json']).code).toBe(0);
    const set = rlm(dir, ['company', 'set', '--company', 'Summit', '--daily-cap', '50', '--send-window', '6:00-23:00', '--send-days', 'mon-fri', '--timezone', 'America/New_York', '--start', '2027-01-04', '--enrol-tag', 'storm-2027', '--json']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      enrolMode: 'tag',
      enrolTag: 'storm-2027',
      timeZoneSource: 'user',
      schedule: { dailyCap: 50, window: { start: '06:00', end: '23:00' }, sendDays: ['mon', 'tue', 'wed', 'thu', 'fri'], timeZone: 'America/New_York', startDate: '2027-01-04' },
      scheduleNotes: [expect.stringContaining('is held to 08:00–21:00'), expect.stringMatching(/^No texts on legal holidays/)],
    });
    const human = rlm(dir, ['company', 'set', '--company', 'Summit', '--workflow', 'wf-123', '--start', 'none']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("Schedule: At most 50 leads a day start the campaign, Mon–Fri 08:00–21:00 (the legal limit; you set 06:00–23:00) in each lead's own time; the last starts 10 minutes before the close.");
    expect(human.stdout).toContain('Your window 06:00–23:00 is held to 08:00–21:00');
    const list = JSON.parse(rlm(dir, ['company', 'list', '--json']).stdout) as Array<Record<string, unknown>>;
    expect(list[0]).toMatchObject({ enrolMode: 'workflow', workflowId: 'wf-123', schedule: { dailyCap: 50, startDate: null } });
    expect(rlm(dir, ['company', 'list']).stdout).toMatch(/Summit\s+locSummit1\s+not set\s+workflow wf-123\s+50\/day mon,tue,wed,thu,fri 06:00-23:00 America\/New_York/);

    // A value the app refuses is a bad argument (exit 2), named by the option that gave it, not by the
    // app's internal field path ("patch.schedule.timeZone").
    const zone = rlm(dir, ['company', 'set', '--company', 'Summit', '--timezone', 'Eastern', '--json']);
    expect(zone.code).toBe(2);
    expect(JSON.parse(zone.stdout)).toEqual({ error: { code: 'validation', message: expect.stringMatching(/^--timezone: Unknown time zone/) } });
    const est = rlm(dir, ['company', 'set', '--company', 'Summit', '--timezone', 'EST']);
    expect(est.code).toBe(2);
    expect(est.stderr).toMatch(/^Error: --timezone: "EST" is a fixed offset from UTC with no daylight saving time/);
    const cap = rlm(dir, ['company', 'set', '--company', 'Summit', '--daily-cap', 'lots']);
    expect(cap.code).toBe(2);
    expect(cap.stderr).toBe('Error: --daily-cap: The daily cap is a whole number of leads\n');
    const none = rlm(dir, ['company', 'set', '--company', 'Summit', '--daily-cap', '0']);
    expect(none.stderr).toMatch(/^Error: --daily-cap: The daily cap must be at least 1/);
    const unnamed = rlm(dir, ['company', 'add', '--name', '', '--location-id', 'locOther1']);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(/^Error: --name: /);
    const window = rlm(dir, ['company', 'set', '--company', 'Summit', '--send-window', '19:00-10:00', '--json']);
    expect(window.code).toBe(2);
    expect(JSON.parse(window.stdout)).toMatchObject({ error: { code: 'validation', message: expect.stringContaining('must end after it starts') } });
    expect(rlm(dir, ['company', 'set', '--company', 'Summit', '--enrol-tag', 'a', '--workflow', 'b', '--json']).code).toBe(2);
    // Not a URL at all: a bad argument named by its option (it was exit 1 with Node's "Invalid URL").
    const notUrl = rlm(dir, ['company', 'add', '--name', 'Bad', '--location-id', 'locBad1', '--ghl-url', 'notaurl', '--json']);
    expect(notUrl.code).toBe(2);
    expect(JSON.parse(notUrl.stdout)).toEqual({ error: { code: 'validation', message: expect.stringMatching(/^--ghl-url: Enter a full URL/) } });
    // A key typed after set-key is refused without being repeated (the error goes to cron mail and logs).
    const keyAsArgument = rlm(dir, ['company', 'set-key', '--company', 'Summit', 'pit-typed-0123456789abcdef']);
    expect(keyAsArgument.code).toBe(2);
    expect(keyAsArgument.stderr).toContain('set-key takes the key on stdin');
    expect(keyAsArgument.stdout + keyAsArgument.stderr).not.toContain('pit-typed');
    expect(JSON.parse(rlm(dir, ['company', 'list', '--json']).stdout)[0]).toMatchObject({ schedule: { dailyCap: 50, timeZone: 'America/New_York' } });

    // Leads per hour: set, shown, refused when it is not a whole number, cleared with "none".
    const hourly = rlm(dir, ['company', 'set', '--company', 'Summit', '--per-hour', '8']);
    expect(hourly.code, hourly.stderr).toBe(0);
    expect(hourly.stdout).toContain('Schedule: At most 50 leads a day (at most 8 an hour) start the campaign');
    expect(rlm(dir, ['company', 'list']).stdout).toMatch(/50\/day 8\/hour mon,tue/);
    const badHourly = rlm(dir, ['company', 'set', '--company', 'Summit', '--per-hour', '0']);
    expect(badHourly.code).toBe(2);
    expect(badHourly.stderr).toMatch(/^Error: --per-hour: Leads per hour must be at least 1/);
    expect(JSON.parse(rlm(dir, ['company', 'set', '--company', 'Summit', '--per-hour', 'none', '--json']).stdout)).toMatchObject({ schedule: { dailyCap: 50, hourlyCap: null } });
  });

  it('imports an opt-out list, then an import of leads counts the listed rows as optedOut', () => {
    const dir = tempDir();
    rlm(dir, ['company', 'add', '--name', 'Summit', '--location-id', 'locSummit1']);
    const list = join(dir, 'dnc.csv');
    writeFileSync(list, 'Phone\n(512) 555-0142\n512.555.0143\n+15125550142\nnot a number\n');
    const imported = rlm(dir, ['optout', 'import', list, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 2, already: 0, repeated: 1, invalid: 1 });
    expect(JSON.parse(rlm(dir, ['optout', 'add', '--email', 'Ann@Example.com', '--reason', 'asked by phone', '--json']).stdout)).toMatchObject({ isNew: true, entry: { value: 'ann@example.com', reason: 'asked by phone' } });
    const leads = join(dir, 'leads.csv');
    writeFileSync(leads, 'Name,Phone,Email\nAnn,512-555-0199,ann@example.com\nBob,512 555 0143,\nCy,512-555-0150,\n');
    const result = rlm(dir, ['import', leads, '--company', 'Summit', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 3, imported: 3, optedOut: 2 });
    const removed = rlm(dir, ['optout', 'remove', '--phone', '(512) 555-0143', '--reason', 'customer called back', '--json']);
    expect(JSON.parse(removed.stdout)).toEqual({ removed: true });
    expect(rlm(dir, ['optout', 'remove', '--phone', '512-555-0143', '--json']).code).toBe(2);
    const page = JSON.parse(rlm(dir, ['optout', 'list', '--json']).stdout) as { total: number; items: Array<{ value: string }> };
    expect(page.items.map((entry) => entry.value).sort()).toEqual(['+15125550142', '+15125550199', 'ann@example.com']);
    // The list's times are on the schedules' 24-hour clock, with their zone (it printed "12/2/2026, 8:00:07 PM").
    expect(rlm(dir, ['optout', 'list']).stdout).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} [A-Z]{2,}/);

    // A company with leads is deleted only with --force, and the refusal says so.
    const refused = rlm(dir, ['company', 'remove', '--company', 'Summit']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('rlm company remove --company "Summit" --force');
    expect(rlm(dir, ['company', 'remove', '--company', 'Summit', '--force']).code).toBe(0);
  });
});
