import { randomBytes } from 'node:crypto';
import type { Company, CompanyInput } from '../../shared/company';
import { weekdays } from '../../shared/schedule';
import { AppError } from '../core/errors';
import { learnLocationTimeZone } from '../core/companies/connection-test';
import type { AppContext } from './app-context';

export const SANDBOX_LOCATION_ID = 'sandboxLocation00000001';
export const SANDBOX_COMPANY_NAME = 'Demo Roofing (sandbox)';
/** 500 a day, every day 08:00–21:00 in each lead's own time: the widest the legal floor allows. */
export const DEMO_SCHEDULE = { dailyCap: 500, sendDays: [...weekdays], window: { start: '08:00', end: '21:00' } } satisfies NonNullable<CompanyInput['schedule']>;

export interface RunningSandbox {
  url: string;
  company: Company;
}

/** The simulator this app context runs, and its location's token (never sent to the renderer); one, however often it is asked for. */
const running = new WeakMap<AppContext, Promise<{ url: string; token: string }>>();

/**
 * "Try with a sandbox": a local GHL simulator (the one the tests use) and a demo company pointed
 * at it, with its key in the OS keychain, so a new user can walk the whole flow without a GHL
 * account. The simulator runs inside this process on a loopback port and stops with the app; the
 * demo company is reused (and re-pointed at the new port) on the next start.
 *
 * Pressed again while the sandbox runs, the demo company is set up again as it was: a user trying the app removes its
 * key, pastes a wrong one or deletes the company, and "Sandbox ready" left it refused and sending nothing (a review).
 */
export async function startSandbox(ctx: AppContext): Promise<RunningSandbox> {
  let starting = running.get(ctx);
  if (!starting) {
    starting = startSimulator(ctx);
    running.set(ctx, starting);
    // One that failed to start is started again on the next press.
    starting.catch(() => running.delete(ctx));
  }
  try {
    const sim = await starting;
    const current = (await ctx.companies.list()).find((c) => c.ghlLocationId === SANDBOX_LOCATION_ID);
    const company = current
      ? await ctx.companies.update(current.id, { ghlBaseUrl: sim.url })
      : await ctx.companies.create({
          name: SANDBOX_COMPANY_NAME,
          ghlLocationId: SANDBOX_LOCATION_ID,
          ghlBaseUrl: sim.url,
          ownerName: 'Pat Demo',
          ownerPhone: null,
          ownerEmail: null,
          enrolTag: null,
          workflowId: null,
          workflowName: null,
          // A generous schedule so a demo moves at any hour the law allows; the zone still comes from the
          // location (learned below), as a real company's does. A real GHL number starts nearer 100 a day.
          schedule: DEMO_SCHEDULE,
        });
    await ctx.companies.setApiKey(company.id, sim.token);
    // The simulator serves its location's zone, as GHL does: the demo company shows where it came from.
    await learnLocationTimeZone(ctx.companies, company.id);
    return { url: sim.url, company: await ctx.companies.get(company.id) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('internal', `The sandbox could not start: ${(error as Error).message}`);
  }
}

/**
 * At the app's start: the sandbox again when a demo company uses it. Left for the button, the demo company's leads read
 * "Offline: they go once the connection returns" with the internet fine, and nothing said to press it again (a review).
 * A failure to start it is logged: the app starts all the same, and the button says why.
 */
export async function resumeSandboxIfUsed(ctx: AppContext): Promise<void> {
  try {
    // One row of the database: the company list reads every company's key from the keychain, at every start of the app.
    const isUsed = ctx.db.$client.prepare<[string], number>('SELECT 1 FROM companies WHERE ghl_location_id = ?').pluck().get(SANDBOX_LOCATION_ID) !== undefined;
    if (isUsed) await startSandbox(ctx);
  } catch (error) {
    ctx.log.warn('The sandbox did not start again', error);
  }
}

/** The simulator, on a loopback port, until the app closes. */
async function startSimulator(ctx: AppContext): Promise<{ url: string; token: string }> {
  // Loaded on demand: the simulator (and its spec validator) is not needed by a real installation.
  const { startGhlSimulator } = await import('../ghl-sandbox/server');
  const token = `pit-sandbox-${randomBytes(12).toString('hex')}`;
  const sim = await startGhlSimulator({
    // Its own at each start: seeded alike, a sandbox started again handed out the last one's contact ids, and leads of
    // different customers were merged onto one contact, each "enrolled" with another's enrolment (a review).
    seed: randomBytes(4).readUInt32LE(0),
    locations: [{ id: SANDBOX_LOCATION_ID, name: 'Demo Roofing (GHL sandbox)', token, allowDuplicateContact: false }],
    latencyMs: 120,
  });
  ctx.onClose(() => sim.close());
  return { url: sim.url, token };
}
