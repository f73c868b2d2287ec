/**
 * Tuning of the sync runner. The defaults are for real GoHighLevel; tests and benchmarks shrink
 * the intervals so they stay fast. Everything is plain data so it can cross into the worker thread.
 */
export interface SyncConfig {
  /** How long a claimed job stays ours without renewal; a dead runner's jobs return after this. */
  leaseMs: number;
  /** Leases are renewed this often while the runner holds jobs. */
  leaseRenewMs: number;
  /** Jobs claimed per statement (one UPDATE … RETURNING). */
  claimBatch: number;
  /** Requests in flight per company: ~2–3 cover 10 req/s at 150 ms latency. */
  concurrencyPerCompany: number;
  /** Contacts per bulk tag call: one call per this many leads instead of one each. */
  bulkTagBatch: number;
  /** A partly filled bulk tag batch is sent after waiting this long for more contacts. */
  bulkTagMaxWaitMs: number;
  /** Transient failures a job may use before it is marked failed. */
  maxAttempts: number;
  /** Backoff between transient retries: full jitter in [0, min(cap, base·2^(n-1))]. */
  retryBaseMs: number;
  retryCapMs: number;
  /** Retries inside the GHL client for a quick blip before the queue reschedules. */
  clientAttempts: number;
  requestTimeoutMs: number;
  /** Network failures in a row (no success between) that put the runner offline. */
  offlineAfterFailures: number;
  /** Probe backoff while offline. */
  probeBaseMs: number;
  probeCapMs: number;
  /** How often an idle runner looks for due jobs, companies and pause changes. */
  pollMs: number;
  /** How often progress is reported to the main thread. */
  progressMs: number;
  /** How often a company's lane looks for shared customers' contacts to ask GHL about DND (shared-customer-watch.ts). */
  dndWatchMs: number;
  /** A shared customer's contact is asked about DND again after this long (a STOP must hold within 10 business days). */
  dndRecheckMs: number;
  /** How long a write of the sync thread waits for another program's lock before it fails (SQLite's busy_timeout). */
  busyTimeoutMs: number;
  /**
   * How long sending may fail to save (a full disk, a lock held past busyTimeoutMs) before `rlm sync --until-idle`
   * gives up with the cause: a lock another program holds a while may pass; a full disk does not.
   */
  storageGiveUpMs: number;
}

export const defaultSyncConfig: SyncConfig = {
  leaseMs: 60_000,
  leaseRenewMs: 15_000,
  claimBatch: 100,
  concurrencyPerCompany: 3,
  bulkTagBatch: 50,
  bulkTagMaxWaitMs: 3_000,
  // 10 attempts with a 30 s base and 2 h cap spread over roughly 4–8 hours.
  maxAttempts: 10,
  retryBaseMs: 30_000,
  retryCapMs: 2 * 60 * 60_000,
  clientAttempts: 2,
  requestTimeoutMs: 20_000,
  offlineAfterFailures: 3,
  probeBaseMs: 1_000,
  probeCapMs: 60_000,
  pollMs: 1_000,
  progressMs: 500,
  dndWatchMs: 10 * 60_000,
  dndRecheckMs: 24 * 60 * 60_000,
  busyTimeoutMs: 10_000,
  storageGiveUpMs: 15_000,
};

export function resolveSyncConfig(overrides: Partial<SyncConfig> = {}): SyncConfig {
  const merged = { ...defaultSyncConfig, ...overrides };
  return { ...merged, leaseRenewMs: Math.min(merged.leaseRenewMs, Math.floor(merged.leaseMs / 3)) };
}

/**
 * Test and benchmark overrides from RLM_SYNC_TUNING (JSON), so a child `rlm sync` can run with short
 * intervals. Unknown keys and non-numbers are ignored: a typo must not break a real sync.
 */
export function tuningFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<SyncConfig> {
  const raw = env.RLM_SYNC_TUNING;
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const out: Partial<Record<keyof SyncConfig, number>> = {};
    for (const key of Object.keys(defaultSyncConfig) as Array<keyof SyncConfig>) {
      const value: unknown = (parsed as Record<string, unknown>)[key];
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) out[key] = value;
    }
    return out;
  } catch {
    return {};
  }
}

/**
 * How long a company whose GHL could not be asked about a shared customer's DND is not asked again, and her lead at
 * another company waits before its next try (CompanyLane.isClearElsewhere, SyncRunner.askElsewhere): the company's
 * own look comes as often, and the retry cap bounds it as it bounds every wait for GHL.
 */
export const askElsewhereAgainMs = (config: Pick<SyncConfig, 'dndWatchMs' | 'retryCapMs'>): number => Math.min(config.dndWatchMs, config.retryCapMs);
