/**
 * `rlm sync --until-idle` tells the truth with its exit code and its JSON: 0 when everything that
 * could go went, 3 when leads are left that cannot go without the user (no key, key refused, daily
 * limit, paused by the user, the campaign's workflow gone from GHL), each with its reason, 5 when leads failed in the run. Real `rlm` processes, the real keychain and the
 * GHL simulator on a real port.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { rlm } from '../../helpers/rlm';
import { projectRoot } from '../../helpers/node-process';
import { useTempDirs } from '../../helpers/temp-dir';
import { useBackends } from '../../helpers/backend';
import { fastConfig, LOCATIONS, startSim } from '../sync/world';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';

async function companyWithLeads(dir: string, sim: GhlSimulator, options: { key?: string | null; leads?: number } = {}): Promise<void> {
  const loc = LOCATIONS[0];
  expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', sim.url, '--json'])).code).toBe(0);
  const key = options.key === undefined ? loc.token : options.key;
  // A key GHL refuses is saved all the same (the user may be offline, or fix the location ID), and says so: exit 3.
  if (key !== null) expect((await rlm(dir, ['company', 'set-key', '--company', loc.name, '--json'], `${key}\n`)).code).toBe(key === loc.token ? 0 : 3);
  for (let i = 0; i < (options.leads ?? 2); i++) {
    const added = await rlm(dir, ['lead', 'add', '--company', loc.name, '--first-name', `Lead${i}`, '--phone', `(512) 555-01${String(10 + i)}`, '--json']);
    expect(added.code, added.stdout + added.stderr).toBe(0);
  }
}

/**
 * Old leads with a value for the location's GHL custom field "Insurance Company" (mapped by its name), and the field
 * deleted in GHL afterwards: GHL refuses each of these contacts, a failure of the lead, not of the company.
 */
async function leadsGhlRefuses(dir: string, sim: GhlSimulator, count: 2 | 3): Promise<void> {
  await companyWithLeads(dir, sim, { leads: 0 });
  const file = join(dir, 'old-crm.csv');
  const rows = ['Ann One,(512) 555-0110,State Farm', 'Bob Two,(512) 555-0111,Allstate', 'Cy Three,(512) 555-0112,USAA'].slice(0, count);
  writeFileSync(file, ['Name,Mobile,Insurance Company', ...rows].join('\n'));
  const imported = await rlm(dir, ['import', file, '--company', LOCATIONS[0].name, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  expect(JSON.parse(imported.stdout)).toMatchObject({ imported: count });
  const fields = sim.state.customFields;
  fields.splice(fields.findIndex((field) => field.locationId === LOCATIONS[0].id && field.name === 'Insurance Company'), 1);
}

/** A company whose GHL address answers nothing (a closed port), with its key and one lead. */
async function unreachableCompanyWithLead(dir: string): Promise<void> {
  const loc = LOCATIONS[0];
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', 'http://127.0.0.1:9', '--json'])).code).toBe(0);
    expect((await rlm(dir, ['company', 'set-key', '--company', loc.name, '--json'], `${loc.token}\n`)).code).toBe(0);
    expect((await rlm(dir, ['lead', 'add', '--company', loc.name, '--first-name', 'Ann', '--phone', '(512) 555-0110', '--json'])).code).toBe(0);
}

describe('rlm sync --until-idle exit codes', { timeout: 120_000 }, () => {
  const tempDir = useTempDirs();
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('exits 0 when everything went, with an empty blocked list', async () => {
    sim = await startSim();
    const dir = tempDir();
    await companyWithLeads(dir, sim);
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ synced: 2, syncedThisRun: 2, pending: 0, blocked: [], heldBack: 0 });
    // A run with nothing new says it sent nothing: "Everything went: 2 synced" read as this run's (a review).
    const nothingNew = await rlm(dir, ['sync', '--until-idle', '--timeout', '60']);
    expect(nothingNew.code).toBe(0);
    expect(nothingNew.stdout).toMatch(/^Everything went: 0 sent to GHL in this run \(\d+ s\); in all 2 synced, 0 failed/);

    // Leads imported without queuing are held back: "Everything went" would hide them.
    const file = `${dir}/held.csv`;
    writeFileSync(file, 'Name,Mobile\nHeld One,(512) 555-0180\n');
    expect((await rlm(dir, ['import', file, '--company', LOCATIONS[0].name, '--no-queue'])).code).toBe(0);
    const again = await rlm(dir, ['sync', '--until-idle', '--timeout', '60']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/Everything went/);
    expect(again.stdout).toMatch(/1 lead\(s\) held back.*rlm send/);
  });

  it('exits 5 when leads failed in this run, never "Everything went", with the reasons; the next run with nothing new exits 0', async () => {
    sim = await startSim();
    const dir = tempDir();
    await leadsGhlRefuses(dir, sim, 3);
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(run.code, run.stderr).toBe(5);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ synced: 0, failed: 3, pending: 0, failedThisRun: 3, blocked: [], failureReasons: [{ leads: 3 }] });
    expect(result.failureReasons[0].message).toMatch(/custom field 'Insurance Company'/);
    const human = await rlm(dir, ['sync', '--until-idle', '--timeout', '60']);
    expect(human.stdout).not.toMatch(/Everything went/);
    expect(human.code).toBe(0); // nothing failed in this second run: the old failures are in the totals, not news
    expect(human.stdout).toMatch(/3 failed/);
  });

  // A review: a run killed after leads failed (or GHL left enrolments unconfirmed) never reported them, and the next run
  // counted its own failures only: exit 0, and a script watching exit codes never heard of them.
  it('a run killed before its report leaves its failures to the next run: exit 5, then 0', async () => {
    sim = await startSim();
    const dir = tempDir();
    await leadsGhlRefuses(dir, sim, 2);
    // `rlm sync` without --until-idle runs until stopped: killed, the whole process group, once both leads failed.
    const running = spawn(process.execPath, [join(projectRoot, 'scripts/rlm.cjs'), '--data-dir', dir, 'sync'], {
      cwd: projectRoot,
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, RLM_SYNC_TUNING: JSON.stringify(fastConfig) },
    });
    const exited = new Promise((resolve) => running.once('exit', resolve));
    const db = new Database(join(dir, 'leads.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const failed = db.prepare(`SELECT count(*) FROM sync_jobs WHERE state = 'failed'`).pluck();
      const until = Date.now() + 60_000;
      while (failed.get() !== 2 && Date.now() < until) await delay(100);
      expect(failed.get()).toBe(2);
    } finally {
      db.close();
      process.kill(-running.pid!, 'SIGKILL');
      await exited;
    }
    const next = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(next.code, next.stderr).toBe(5);
    expect(JSON.parse(next.stdout)).toMatchObject({ failed: 2, failedThisRun: 2 });
    // Reported once: the run after it has nothing new.
    expect((await rlm(dir, ['sync', '--until-idle', '--timeout', '60'])).code).toBe(0);
  });

  it('says when GoHighLevel cannot be reached, instead of "scheduled: next now" (exit 4 at the timeout)', async () => {
    const dir = tempDir();
    await unreachableCompanyWithLead(dir);
    // A second company without a key: its leads wait for the key (said on their own line), not for the connection.
    const other = LOCATIONS[1];
    expect((await rlm(dir, ['company', 'add', '--name', other.name, '--location-id', other.id, '--ghl-url', 'http://127.0.0.1:9', '--json'])).code).toBe(0);
    for (const phone of ['(512) 555-0111', '(512) 555-0112']) expect((await rlm(dir, ['lead', 'add', '--company', other.name, '--first-name', 'Bo', '--phone', phone, '--json'])).code).toBe(0);
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '4', '--json']);
    expect(run.code, run.stderr).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({ pending: 3, connectivity: 'offline', blocked: [{ company: other.name, reason: 'no-key' }] });
    const human = await rlm(dir, ['sync', '--until-idle', '--timeout', '4']);
    expect(human.stdout).toMatch(/^Stopped at the timeout while GoHighLevel could not be reached/);
    expect(human.stdout).toContain('1 lead(s) wait for the connection');
    expect(human.stdout).not.toMatch(/next now/);
  });

  // GHL's tag endpoint hangs for every contact while it answers the rest (an incident at GHL): no lead fails (a call
  // never answered uses none of its tries), so the run waits to its timeout, and said only "Stopped at the timeout",
  // while `rlm status` and the dashboard named the calls that fail.
  it('names a kind of GHL call that keeps failing when it stops at the timeout (exit 4)', async () => {
    sim = await startSim();
    const dir = tempDir();
    await companyWithLeads(dir, sim, { leads: 4 });
    sim.addFaultRule({ route: 'create-association', kind: 'hang', probability: 1 });
    sim.addFaultRule({ route: 'add-tags', kind: 'hang', probability: 1 });
    // Only the tag calls go once the contacts are in: their timeouts in a row may call the connection down for a moment
    // (at most once an attempt: one-call-never-answered.test.ts), and a run that ended in that moment said "offline"
    // (1 fresh-clone CI in 6). What is tested here is the naming of the call that fails: the connection stays up.
    const steady = { RLM_SYNC_TUNING: JSON.stringify({ ...fastConfig, offlineAfterFailures: 1_000 }) };
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '10', '--json'], undefined, steady);
    expect(run.code, run.stderr).toBe(4);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ synced: 0, failed: 0, pending: 4, connectivity: 'online', callTroubles: [{ company: LOCATIONS[0].name, call: 'tag', othersAnswer: true }] });
    const human = await rlm(dir, ['sync', '--until-idle', '--timeout', '10'], undefined, steady);
    expect(human.code).toBe(4);
    expect(human.stdout).toMatch(/^Stopped at the timeout while GoHighLevel’s tag calls kept failing/);
    expect(human.stdout).toMatch(/your internet is fine/);
  });

  // When another program took the runner lock, the run stopped short and exited 0 as if it had finished.
  it('exits 1, never 0, when sending stops by itself before it is done (another program took over)', async () => {
    const dir = tempDir();
    // GHL unreachable: --until-idle keeps the run going (waiting for the connection) until the takeover.
    await unreachableCompanyWithLead(dir);
    const running = rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(`${dir}/leads.sqlite`);
    try {
      const lock = db.prepare<[], { value: string }>(`SELECT value FROM app_meta WHERE key = 'sync.runner-lock'`);
      const until = Date.now() + 20_000;
      while (!lock.get() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lock.get(), 'rlm sync took the runner lock').toBeTruthy();
      // The desktop app (this test's own, live pid) takes the lock over, as it does from a runner that looked dead.
      db.prepare(`UPDATE app_meta SET value = ? WHERE key = 'sync.runner-lock'`).run(
        JSON.stringify({ owner: 'desktop-app', pid: process.pid, host: hostname(), process: 'the desktop app', heartbeatAt: Date.now(), isPaused: false }),
      );
    } finally {
      db.close();
    }
    const run = await running;
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('locked');
    expect(error.message).toMatch(/The desktop app on this computer took over sending.*1 lead\(s\) still wait/);
  });

  // After a killed sync, rlm status listed leads "syncing" and the plan "sending now" with no sync running.
  it('rlm status says when leads were left mid-send by a sync that stopped', async () => {
    sim = await startSim();
    const dir = tempDir();
    await companyWithLeads(dir, sim, { leads: 1 });
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(`${dir}/leads.sqlite`);
    db.prepare(`UPDATE sync_jobs SET state = 'running', lease_owner = 'dead-runner', lease_expires_at = ?`).run(Date.now() + 60_000);
    db.close();
    const status = await rlm(dir, ['status']);
    expect(status.stdout).toMatch(/1 lead\(s\) were being sent by a sync that stopped/);
  });

  // With no app and no rlm sync running, rlm status said "sending now" for leads nothing was sending.
  it('rlm status says leads are due, not being sent, when nothing is sending', async () => {
    sim = await startSim();
    const dir = tempDir();
    await companyWithLeads(dir, sim, { leads: 2 });
    const status = await rlm(dir, ['status']);
    expect(status.stdout).not.toMatch(/sending now/);
    expect(status.stdout).toMatch(/due now, but nothing is sending: start the app or rlm sync/);
  });

  // With the desktop app running and its sending paused, rlm status said "sending now": the pause lived in the app's memory.
  it('rlm status says sending is paused in the app that holds the runner', async () => {
    sim = await startSim({ latencyMs: 3_000 });
    const dir = tempDir();
    await companyWithLeads(dir, sim, { leads: 6 });
    const app = backends.open(dir);
    expect((await app.dispatch('sync:start', undefined)).ok).toBe(true);
    expect((await app.dispatch('sync:pause', undefined)).ok).toBe(true);
    const status = await rlm(dir, ['status']);
    expect(status.stdout).toMatch(/Sync runner: paused in process \d+/);
    expect(status.stdout).toMatch(/due now, but sending is paused in .*: resume it there/);
    expect(status.stdout).not.toMatch(/sending now/);
    // Nothing goes until the app resumes: no next send and no finish day (they were the plan's, as if sending).
    const json = JSON.parse((await rlm(dir, ['status', '--json'])).stdout) as { companies: Array<{ nextSendAt: string | null; finishEstimate: string | null }> };
    expect(json.companies[0]).toMatchObject({ nextSendAt: null, finishEstimate: null });
    expect((await app.dispatch('sync:resume', undefined)).ok).toBe(true);
    expect((await rlm(dir, ['status'])).stdout).toMatch(/Sync runner: running in process \d+/);
    await app.ctx.sync.stop();
  });

  // With the app sending and GHL out of reach, rlm status said "sending now" under "Connectivity: offline".
  it('rlm status says leads wait for the connection while the program that sends cannot reach GHL', async () => {
    const dir = tempDir();
    await unreachableCompanyWithLead(dir);
    // The app reads the key `rlm company set-key` saved (the keychain's own service, not a test's).
    const app = backends.open(dir, { secrets: new OsKeychain() });
    app.ctx.sync.start({ config: fastConfig });
    const until = Date.now() + 30_000;
    while (app.ctx.sync.status().connectivity.state !== 'offline' && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    const status = await rlm(dir, ['status']);
    expect(status.stdout).toMatch(/Connectivity: offline/);
    expect(status.stdout).toMatch(/Waiting for the connection — nothing goes while GoHighLevel cannot be reached/);
    expect(status.stdout).not.toMatch(/sending now/);
    await app.ctx.sync.stop();
  });

  // A company on a GHL address that answers (the demo's sandbox company, on this computer) beside one whose GHL cannot
  // be reached (the office's internet is down): the connection's check went through the first company's address, found
  // it answering, and took the connection for back; the other's failures then counted as its own, and its lead failed
  // after its attempts ("while it answered other requests"), where it must wait for the connection.
  it('a company that answers does not make another company’s outage look like its calls failing', async () => {
    sim = await startSim();
    const dir = tempDir();
    await companyWithLeads(dir, sim, { leads: 0 });
    const loc = LOCATIONS[1];
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', 'http://127.0.0.1:9', '--json'])).code).toBe(0);
    expect((await rlm(dir, ['company', 'set-key', '--company', loc.name, '--json'], `${loc.token}\n`)).code).toBe(0);
    expect((await rlm(dir, ['lead', 'add', '--company', loc.name, '--first-name', 'Ann', '--phone', '(512) 555-0110', '--json'])).code).toBe(0);
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '8', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({ failed: 0, pending: 1, connectivity: 'offline' });
  });

  it('exits 3 for a company without an API key, naming the reason', async () => {
    sim = await startSim();
    const dir = tempDir();
    await companyWithLeads(dir, sim, { key: null });
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(run.code, run.stderr).toBe(3);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ synced: 0, pending: 2, blocked: [{ company: LOCATIONS[0].name, reason: 'no-key', waiting: 2, since: null, until: null }] });
    expect(result.blocked[0].message).toMatch(/no GHL API key/);
    // Nothing can go without a key: no send time, no "next now" under "no GHL API key is saved".
    expect(result.nextSendAt).toBeNull();
    const human = await rlm(dir, ['sync', '--until-idle', '--timeout', '60']);
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/Stuck/);
    expect(human.stdout).toMatch(/rlm company set-key/);
    expect(human.stdout).not.toMatch(/scheduled, next/);
    const status = await rlm(dir, ['status']);
    expect(status.stdout).toMatch(/no API key/);
    const statusJson = JSON.parse((await rlm(dir, ['status', '--json'])).stdout);
    expect(statusJson.companies[0]).toMatchObject({ nextSendAt: null, finishEstimate: null });
  });

  /** Alpha and Bravo, each with its key, and Ann: Alpha's lead, in Alpha's GHL. */
  async function annSentAtAlpha() {
    const started = await startSim({}, 2);
    sim = started;
    const dir = tempDir();
    const [alpha, bravo] = [LOCATIONS[0], LOCATIONS[1]];
    for (const loc of [alpha, bravo]) {
      expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', started.url, '--json'])).code).toBe(0);
      expect((await rlm(dir, ['company', 'set-key', '--company', loc.name, '--json'], `${loc.token}\n`)).code).toBe(0);
    }
    expect((await rlm(dir, ['lead', 'add', '--company', alpha.name, '--first-name', 'Ann', '--phone', '(512) 555-0110', '--json'])).code).toBe(0);
    expect((await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json'])).code).toBe(0);
    return { ghl: started, dir, alpha, bravo };
  }

  // A customer who is Alpha's lead too, and Alpha's GHL (its key refused now) cannot be asked whether she replied STOP
  // there: Bravo's lead waits. The first cut of that hold kept `--until-idle` running to its timeout and said nothing.
  it('exits 3 at once when a shared customer waits for another company’s GHL, naming that company', async () => {
    const { ghl, dir, alpha, bravo } = await annSentAtAlpha();
    expect((await rlm(dir, ['company', 'set-key', '--company', alpha.name, '--json'], 'pit-refused-by-ghl\n')).code).toBe(3);
    expect((await rlm(dir, ['lead', 'add', '--company', bravo.name, '--first-name', 'Ann', '--phone', '512-555-0110', '--json'])).code).toBe(0);
    const startedAt = Date.now();
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(Date.now() - startedAt).toBeLessThan(30_000);
    const result = JSON.parse(run.stdout);
    // Alpha's key refused by GHL: Bravo's line says why (Alpha, with nothing waiting, has no line of its own).
    expect(result.blocked).toEqual([expect.objectContaining({ company: bravo.name, reason: 'shared-customers-unasked', waiting: 1, heldFor: [alpha.name], heldBecause: 'key-refused' })]);
    expect(result.blocked[0].message).toContain(`this customer is ${alpha.name}'s lead too, and GHL refused ${alpha.name}'s API key, so its GoHighLevel cannot be asked`);
    expect(ghl.contacts(bravo.id)).toEqual([]);
    const human = await rlm(dir, ['sync', '--until-idle', '--timeout', '60']);
    expect(human.code, human.stdout + human.stderr).toBe(3);
    expect(human.stdout).toMatch(/^Stuck: leads are waiting that cannot go without you/);
    expect(human.stdout).toContain(`Save a new key for ${alpha.name} (rlm company set-key); the lead goes by itself then.`);
    // Alpha's key saved again: her lead is asked about at once (it waited ten minutes more, and the run said "check its key").
    expect((await rlm(dir, ['company', 'set-key', '--company', alpha.name, '--json'], `${alpha.token}\n`)).code).toBe(0);
    const fixed = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ blocked: [], syncedThisRun: 1 });
    expect(ghl.contacts(bravo.id)).toMatchObject([{ phone: '+15125550110' }]);
  });

  // Alpha's GHL merely not answering (a 503 at every ask about the shared customer) passes by itself: the run said
  // "Stuck: leads are waiting that cannot go without you" over a line that said the lead goes by itself once GHL answers.
  it('says "Waiting for GHL", not "Stuck", when a shared customer waits only for another company’s GHL to answer', async () => {
    const { ghl, dir, alpha, bravo } = await annSentAtAlpha();
    expect((await rlm(dir, ['lead', 'add', '--company', bravo.name, '--first-name', 'Ann', '--phone', '512-555-0110', '--json'])).code).toBe(0);
    ghl.failNext('get-contact', '5xx', 1_000);
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60']);
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stdout).toMatch(/^Waiting for GHL: /);
    expect(run.stdout).not.toMatch(/Stuck|without you/);
    expect(run.stdout).toContain(`${alpha.name}'s GoHighLevel did not answer whether the customer opted out there`);
    expect(ghl.contacts(bravo.id)).toEqual([]);
  });

  // A cron job outside the desktop session: the key is saved, but no keychain answers. It said "no GHL API key
  // is saved, add one", which sent the office to save a key the keychain would refuse too.
  it('exits 3 when the keychain does not answer, saying so rather than "no API key"', async () => {
    sim = await startSim();
    const dir = tempDir();
    await companyWithLeads(dir, sim);
    const noSession = { DBUS_SESSION_BUS_ADDRESS: '', XDG_RUNTIME_DIR: join(dir, 'no-runtime-dir') };
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json'], undefined, noSession);
    expect(run.code, run.stderr).toBe(3);
    const result = JSON.parse(run.stdout);
    expect(result.blocked).toMatchObject([{ reason: 'keychain-unavailable', waiting: 2 }]);
    expect(result.blocked[0].message).toMatch(/keychain did not answer/);
    const status = await rlm(dir, ['status'], undefined, noSession);
    expect(status.stdout).toMatch(/keychain did not answer/);
    expect(status.stdout).not.toMatch(/no API key/);
    // The company list said "key not set" (hasApiKey false alone): staff re-pasted keys that were saved all along.
    const listed = await rlm(dir, ['company', 'list'], undefined, noSession);
    expect(listed.stdout).toMatch(/keychain did not answer/);
    expect(listed.stdout).not.toMatch(/not set/);
    expect(JSON.parse((await rlm(dir, ['company', 'list', '--json'], undefined, noSession)).stdout)).toMatchObject([{ hasApiKey: false, isKeyUnreadable: true }]);
    // `rlm import` said the company "has no GHL API key" and sent the office to save it again.
    const file = join(dir, 'more.csv');
    writeFileSync(file, 'Name,Mobile\nMore One,(512) 555-0190\n');
    const imported = await rlm(dir, ['import', file, '--company', LOCATIONS[0].name], undefined, noSession);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout + imported.stderr).toMatch(/keychain is locked or not answering/);
    expect(imported.stdout + imported.stderr).not.toMatch(/has no GHL API key/);
  });

  it('exits 3 when GHL refuses the key, with since', async () => {
    sim = await startSim();
    const dir = tempDir();
    await companyWithLeads(dir, sim, { key: 'pit-not-the-right-token-000' });
    // Saving it said "API key saved" and exited 0 while GHL answered 401.
    const saved = await rlm(dir, ['company', 'set-key', '--company', LOCATIONS[0].name], 'pit-not-the-right-token-000\n');
    expect(saved.code).toBe(3);
    expect(saved.stdout).toMatch(/^API key saved in the OS keychain, but GHL refused it: /);
    // GHL's words end their sentence before ours: "…token Nothing is sent…" ran them together.
    expect(saved.stdout).not.toMatch(/[a-z] Nothing is sent/);
    // The list says it as the Companies page does: it read "key: set" for a key nothing could be sent with.
    expect((await rlm(dir, ['company', 'list'])).stdout).toMatch(/refused: needs a new key/);
    // Blocked from then on, before any sync: status said "next: tomorrow 10:00" with nothing blocked.
    const before = JSON.parse((await rlm(dir, ['status', '--json'])).stdout);
    expect(before.blocked).toMatchObject([{ reason: 'key-refused' }]);
    expect(before.companies[0]).toMatchObject({ nextSendAt: null, finishEstimate: null });
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(run.code, run.stderr).toBe(3);
    const [block] = JSON.parse(run.stdout).blocked;
    expect(block).toMatchObject({ reason: 'key-refused', waiting: 2, until: null });
    expect(Date.parse(block.since)).toBeGreaterThan(Date.now() - 120_000);
    const status = JSON.parse((await rlm(dir, ['status', '--json'])).stdout);
    expect(status.companies[0]).toMatchObject({ pausedReason: 'auth' });
    expect(status.blocked).toMatchObject([{ reason: 'key-refused' }]);
  });

  it('exits 3 at the daily limit, saying until when', async () => {
    sim = await startSim();
    sim.setDailyUsed(LOCATIONS[0].id, 200_000);
    const dir = tempDir();
    await companyWithLeads(dir, sim);
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(run.code, run.stderr).toBe(3);
    const [block] = JSON.parse(run.stdout).blocked;
    expect(block).toMatchObject({ reason: 'daily-limit', waiting: 2 });
    expect(Date.parse(block.until)).toBeGreaterThan(Date.now());
    // It lifts by itself: nobody is told the leads cannot go without them.
    const human = await rlm(dir, ['sync', '--until-idle', '--timeout', '60']);
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/^Waiting for GHL: its request limit was reached, and sending resumes by itself/);
    expect(human.stdout).not.toMatch(/without you/);
    // Once that time has passed, nothing blocks the leads any more, even before a runner clears the pause.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'leads.sqlite'));
    db.prepare('UPDATE companies SET sync_paused_until = ?').run(Date.now() - 1_000);
    db.close();
    const status = await rlm(dir, ['status', '--json']);
    expect(JSON.parse(status.stdout).blocked).toEqual([]);
  });

  it('exits 3 when the user paused the company', async () => {
    sim = await startSim();
    const dir = tempDir();
    await companyWithLeads(dir, sim);
    const paused = await rlm(dir, ['sync', 'pause', '--company', LOCATIONS[0].name, '--json']);
    expect(paused.code, paused.stdout + paused.stderr).toBe(0);
    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(run.code, run.stderr).toBe(3);
    // Its leads go at no time until it is resumed: not "scheduled" (leads that go by themselves).
    expect(JSON.parse(run.stdout)).toMatchObject({ blocked: [{ reason: 'paused-by-user', waiting: 2 }], scheduled: 0 });
    expect((await rlm(dir, ['sync', 'resume', '--company', LOCATIONS[0].name, '--json'])).code).toBe(0);
    expect((await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json'])).code).toBe(0);
  });
});
