/**
 * A sync run for one company (`rlm sync --company A`) holds the runner for every program, and sends A's leads only.
 * Another program on the same data folder (the app) read the holder as sending everything: company B's leads read
 * "Sending" on the dashboard, "Expected now" in their panel, and `rlm status` promised B a finish day. The lock now
 * records the companies its holder sends for, and every reader asks it of the company. Real worker thread, the
 * simulator on a real port, two backends on one database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { readStatus } from '../../../electron/cli/commands/sync';
import { sendingView } from '../../../renderer/src/pages/dashboard/sending-state';
import { useBackends, valueOf } from '../../helpers/backend';
import { addCompany, fastConfig, LOCATIONS, queueLeads, startSim, SYNC_CLOCK } from './world';

describe('a sync run for some companies only', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('leaves the other companies’ leads read as not sent: dashboard, lead panel, rlm status', async () => {
    sim = await startSim({}, 2);
    const dir = backends.tempDir();
    const sender = backends.open(dir, SYNC_CLOCK);
    const a = await addCompany(sender, sim, 0);
    const b = await addCompany(sender, sim, 1);
    // B's lead is due by the dashboard's clock (the real one) as by the sync's (SYNC_CLOCK, ahead of it).
    const [bea] = queueLeads(sender.ctx.db.$client, b, 1, { now: Date.now() });
    queueLeads(sender.ctx.db.$client, a, 3, { now: Date.now(), offset: 10 });
    sender.ctx.sync.start({ companyIds: [a], config: fastConfig });
    expect(await sender.ctx.sync.waitForIdle(30_000)).toBe('idle');

    // The app, beside it on the same data folder (the same keychain).
    const app = backends.open(dir, { ...SYNC_CLOCK, secrets: sender.ctx.secrets });
    expect(app.ctx.sync.runnerStatus().runner).toMatchObject({ state: 'stopped', heldBy: { pid: process.pid, isPaused: false }, companyIds: [a] });
    const overview = valueOf(await app.call('dashboard:overview', undefined));
    expect(overview.runner).toMatchObject({ companyIds: [a], hasWork: false, waitingElsewhere: 1 });
    expect(sendingView(overview, 'online')).toMatchObject({ label: 'Stopped', isSending: false, isHeld: true });
    expect(overview.companies.map((company) => [company.companyId, company.isServed])).toEqual(expect.arrayContaining([[a, true], [b, false]]));
    expect(valueOf(await app.call('leads:turn', { id: bea! })).text).toMatch(/^Not sending — the sync running now sends other companies only/);
    const { status } = await readStatus(app, undefined, SYNC_CLOCK.now());
    const planOf = (id: number) => status.companies.find((company) => company.companyId === id)!;
    expect(planOf(b).plan).toMatch(/nothing is sending it: .* \(pid \d+\) sends other companies only/);
    expect(planOf(b).finishEstimate).toBeNull();
    expect(planOf(a).plan).not.toMatch(/nothing is sending/);

    // Run for every company: B's lead is the runner's again, and goes.
    await sender.ctx.sync.stop();
    sender.ctx.sync.start({ config: fastConfig });
    expect(app.ctx.sync.runnerStatus().runner.companyIds).toBeNull();
    expect(await sender.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await sender.ctx.sync.stop();
    expect(sim.contacts(LOCATIONS[1].id)).toHaveLength(1);
  });
});
