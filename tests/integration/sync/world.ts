/** A sync test world: the GHL simulator, a real backend on a temp data dir, companies with keys, queued leads. */
import type Database from 'better-sqlite3';
import type { Backend } from '../../../electron/app/backend';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import type { SyncConfig } from '../../../electron/sync/config';
import { startGhlSimulator, type GhlSimulator, type GhlSimulatorOptions } from '../../../electron/ghl-sandbox/server';
import { setSchedule } from '../../helpers/schedule';

export const LOCATIONS = [
  { id: 'locAlphaAAAAAAAAAAAA', name: 'Alpha Roofing', token: 'pit-alpha-token-11111111' },
  { id: 'locBravoBBBBBBBBBBBB', name: 'Bravo Roofing', token: 'pit-bravo-token-22222222' },
] as const;

/** Short intervals so outages, retries and leases play out in seconds. */
export const fastConfig: Partial<SyncConfig> = {
  leaseMs: 5_000,
  leaseRenewMs: 1_000,
  retryBaseMs: 50,
  retryCapMs: 400,
  maxAttempts: 8,
  clientAttempts: 2,
  requestTimeoutMs: 1_000,
  probeBaseMs: 100,
  probeCapMs: 800,
  pollMs: 50,
  progressMs: 100,
  bulkTagMaxWaitMs: 300,
};

/**
 * The clock these tests sync by: the next Wednesday 19:00 UTC at least a day ahead (14:00 New York,
 * 13:00 Chicago, 11:00 Los Angeles, 19:00 London), running on from there. Every lead's window is open
 * whatever the hour the tests run at, and every job queued at the real time is already due.
 */
const SYNC_CLOCK_OFFSET = (() => {
  const day = new Date(Date.now() + 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((3 - day.getUTCDay() + 7) % 7));
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 19) - Date.now();
})();
export const syncClock = (): number => Date.now() + SYNC_CLOCK_OFFSET;
/** For `useBackends().open(dir, SYNC_CLOCK)`. */
export const SYNC_CLOCK = { now: syncClock };

export async function startSim(overrides: Partial<GhlSimulatorOptions> = {}, locationCount = 1): Promise<GhlSimulator> {
  return startGhlSimulator({
    locations: LOCATIONS.slice(0, locationCount).map((l) => ({ ...l, allowDuplicateContact: false })),
    rateLimit: { max: 100, intervalMs: 1_000 },
    seed: 7,
    ...overrides,
  });
}

export async function addCompany(
  backend: Backend,
  sim: GhlSimulator,
  index: 0 | 1,
  extra: { enrolMode?: 'tag' | 'workflow'; enrolTag?: string; workflowId?: string } = {},
  { isAlwaysOpen = true }: { isAlwaysOpen?: boolean } = {},
): Promise<number> {
  const loc = LOCATIONS[index];
  const created = await backend.dispatch('companies:create', { name: loc.name, ghlLocationId: loc.id, ghlBaseUrl: sim.url, enrolTag: 'roof-reactivation', ...extra });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: number }).id;
  const keyed = await backend.dispatch('companies:setKey', { id, apiKey: loc.token });
  if (!keyed.ok) throw new Error(keyed.error.message);
  // These tests are about sending, not pacing (tests/integration/sync/scheduler.test.ts is): no cap, every day.
  if (isAlwaysOpen) await setSchedule(backend, id, 'America/Chicago');
  return id;
}

/** Inserts `count` leads with their sync jobs, like the import does (same transaction). */
export function queueLeads(
  db: Database.Database,
  companyId: number,
  count: number,
  options: { batchId?: number; offset?: number; /** The test's clock: a job queued after the clock's now is not due yet. */ now?: number } = {},
): number[] {
  const now = options.now ?? Date.now();
  const insertLead = db.prepare(
    `INSERT INTO leads (company_id, batch_id, first_name, last_name, phone, email, email_key, country, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'US', 'queued', ?, ?)`,
  );
  const jobs = new JobQueue(db);
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const n = (options.offset ?? 0) + i;
      const email = `lead${n}-c${companyId}@example.com`;
      const leadId = Number(
        insertLead.run(companyId, options.batchId ?? null, `First${n}`, `Last${n}`, `+1512${String(2_000_000 + n)}`, email, email, now, now).lastInsertRowid,
      );
      jobs.enqueue(companyId, leadId, now);
      ids.push(leadId);
    }
  })();
  return ids;
}

export function leadStatusCounts(db: Database.Database, companyId?: number): Record<string, number> {
  const rows = db
    .prepare<[number, number], { status: string; n: number }>(`SELECT status, count(*) AS n FROM leads WHERE ? = 0 OR company_id = ? GROUP BY status`)
    .all(companyId ?? 0, companyId ?? 0);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Every lead is exactly one contact in the simulator and got the tag exactly once. */
export function assertOneContactAndOneTagPerLead(sim: GhlSimulator, locationId: string, expectedLeads: number, tag = 'roof-reactivation'): string[] {
  const problems: string[] = [];
  const contacts = sim.contacts(locationId);
  if (contacts.length !== expectedLeads) problems.push(`${contacts.length} contacts for ${expectedLeads} leads`);
  const emails = new Set(contacts.map((c) => c.email));
  if (emails.size !== contacts.length) problems.push('duplicate contacts');
  const tagEvents = new Map<string, number>();
  for (const e of sim.state.tagEvents) if (e.tag === tag) tagEvents.set(e.contactId, (tagEvents.get(e.contactId) ?? 0) + 1);
  for (const c of contacts) {
    if (!c.tags.includes(tag)) problems.push(`contact ${c.id} has no tag`);
    if ((tagEvents.get(c.id) ?? 0) !== 1) problems.push(`contact ${c.id} tag fired ${tagEvents.get(c.id) ?? 0} times`);
  }
  return problems.slice(0, 10);
}

export async function waitFor(check: () => boolean, timeoutMs: number, stepMs = 25): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** One run of the real sync worker until nothing is due, then stopped: stopped first, so a wait that fails leaves no thread behind. */
export async function syncUntilIdle(backend: Backend, timeoutMs = 30_000): Promise<void> {
  backend.ctx.sync.start({ config: fastConfig });
  const outcome = await backend.ctx.sync.waitForIdle(timeoutMs);
  await backend.ctx.sync.stop();
  if (outcome !== 'idle') throw new Error(`The sync was not idle within ${timeoutMs} ms: ${outcome}`);
}
