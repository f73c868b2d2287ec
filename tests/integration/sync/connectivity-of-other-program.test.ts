/**
 * While another program sends (`rlm sync` in a terminal), the app says what that program found of GHL, not what
 * its own sync thread last found before it ended. The app kept its own last word: after its sync went offline and
 * stopped, the dashboard said "Offline — N leads waiting" while `rlm sync` was sending, and a stale "online"
 * would hide a real outage as well. Found in review.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { addCompany, fastConfig, queueLeads, startSim, SYNC_CLOCK, waitFor } from './world';

describe('connectivity while another program sends', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('is what that program found, not what this one found before its sync stopped', async () => {
    sim = await startSim();
    const app = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(app, sim, 0);
    queueLeads(app.ctx.db.$client, companyId, 20);
    const connectivityOf = async (backend: typeof app) => valueOf(await backend.dispatch('sync:connectivity', undefined)) as { state: string };

    // The app's sync finds GHL unreachable, and stops.
    sim.failNext('*', 'reset', 1_000);
    app.ctx.sync.start({ config: fastConfig });
    await waitFor(() => app.ctx.sync.runnerStatus().connectivity.state === 'offline', 15_000);
    await app.ctx.sync.stop();

    // GHL answers again, and another program (here: a second backend on the same folder) sends.
    sim.clearFaults();
    const other = backends.open(app.ctx.dataDir, { ...SYNC_CLOCK, secrets: app.ctx.secrets });
    other.ctx.sync.start({ config: fastConfig });
    await waitFor(() => other.ctx.sync.runnerStatus().connectivity.state === 'online', 15_000);
    await waitFor(() => app.ctx.sync.runnerStatus().runner.heldBy !== null, 5_000);

    expect((await connectivityOf(app)).state).toBe('online');
    const overview = valueOf(await app.dispatch('dashboard:overview', {})) as { connectivity: { state: string } };
    expect(overview.connectivity.state).toBe('online');
    await other.ctx.sync.stop();

    // Once no program sends, nothing checks: not "online" (a killed `rlm sync` left that for `rlm status` to repeat),
    // but what the last sync found, as such.
    expect(app.ctx.sync.runnerStatus().connectivity).toMatchObject({ state: 'unknown', lastState: 'online', lastSuccessAt: expect.any(Number) });
  }, 60_000);
});
