import { randomBytes } from 'node:crypto';
import type { Company } from '../../shared/company';
import { AppError } from '../core/errors';
import { learnLocationTimeZone } from '../core/companies/connection-test';
import type { AppContext } from './app-context';

export const SANDBOX_LOCATION_ID = 'sandboxLocation00000001';
export const SANDBOX_COMPANY_NAME = 'Demo Roofing (sandbox)';

export interface RunningSandbox {
  url: string;
  company: Company;
}

const running = new WeakMap<AppContext, RunningSandbox>();

/**
 * "Try with a sandbox": a local GHL simulator (the one the tests use) and a demo company pointed
 * at it, with its key in the OS keychain, so a new user can walk the whole flow without a GHL
 * account. The simulator runs inside this process on a loopback port and stops with the app; the
 * demo company is reused (and re-pointed at the new port) on the next start.
 */
export async function startSandbox(ctx: AppContext): Promise<RunningSandbox> {
  const existing = running.get(ctx);
  if (existing) return existing;
  // Loaded on demand: the simulator (and its spec validator) is not needed by a real installation.
  const { startGhlSimulator } = await import('../ghl-sandbox/server');
  const token = `pit-sandbox-${randomBytes(12).toString('hex')}`;
  const sim = await startGhlSimulator({
    locations: [{ id: SANDBOX_LOCATION_ID, name: 'Demo Roofing (GHL sandbox)', token, allowDuplicateContact: false }],
    latencyMs: 120,
  });
  ctx.onClose(() => sim.close());
  try {
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
        });
    await ctx.companies.setApiKey(company.id, token);
    // The simulator serves its location's zone, as GHL does: the demo company shows where it came from.
    await learnLocationTimeZone(ctx.companies, company.id);
    const sandbox = { url: sim.url, company: await ctx.companies.get(company.id) };
    running.set(ctx, sandbox);
    return sandbox;
  } catch (error) {
    await sim.close();
    if (error instanceof AppError) throw error;
    throw new AppError('internal', `The sandbox could not start: ${(error as Error).message}`);
  }
}
