/**
 * Says what the main thread was doing during its long stalls, for the stall benchmarks: a 5 ms timer
 * notices each gap over `thresholdMs`, and the spans recorded meanwhile are matched to it — garbage
 * collection (perf_hooks 'gc'), write transactions' bodies and checkpoints on the traced connection,
 * and the caller's own spans (a save waiting for the write lock). Bench code only: it patches the
 * connection's `transaction` and `pragma` in place.
 */
import type Database from 'better-sqlite3';
import { PerformanceObserver } from 'node:perf_hooks';
import { wrapTransactions } from '../../db/wrap-transactions';

interface Span {
  what: string;
  start: number;
  ms: number;
}

const GC_KINDS: Record<number, string> = { 1: 'minor GC', 2: 'major GC', 4: 'incremental marking', 8: 'weak callbacks' };

export class StallTracer {
  private readonly spans: Span[] = [];
  private readonly stalls: Span[] = [];
  private readonly gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail: unknown = 'detail' in entry ? entry.detail : undefined;
      const kind = typeof detail === 'object' && detail !== null && 'kind' in detail && typeof detail.kind === 'number' ? detail.kind : 0;
      if (entry.duration >= 5) this.spans.push({ what: GC_KINDS[kind] ?? 'GC', start: entry.startTime, ms: entry.duration });
    }
  });
  private ticker: NodeJS.Timeout | null = null;

  constructor(private readonly thresholdMs = 50) {}

  /** Records write transactions (whole, BEGIN to COMMIT, and their bodies) and checkpoints of `client` (a main-thread connection). */
  traceConnection(client: Database.Database): void {
    const pragma = client.pragma.bind(client);
    const record = this.record.bind(this);
    const timed =
      <A extends unknown[], R>(what: string, fn: (...args: A) => R) =>
      (...args: A): R => {
        const start = performance.now();
        try {
          return fn(...args);
        } finally {
          record(what, start);
        }
      };
    wrapTransactions(
      client,
      (tx) => timed('write transaction (waiting for the lock, body, commit)', tx),
      (fn) => timed('its body', fn),
    );
    client.pragma = ((source: string, options?: Database.PragmaOptions) => {
      const start = performance.now();
      try {
        return pragma(source, options);
      } finally {
        if (source.startsWith('wal_checkpoint')) record(`checkpoint (${source})`, start);
      }
    }) as typeof client.pragma;
  }

  record(what: string, start: number, end = performance.now()): void {
    if (end - start >= 5) this.spans.push({ what, start, ms: end - start });
  }

  start(): void {
    this.gc.observe({ entryTypes: ['gc'] });
    let last = performance.now();
    this.ticker = setInterval(() => {
      const now = performance.now();
      if (now - last > this.thresholdMs) this.stalls.push({ what: 'stall', start: last, ms: now - last });
      last = now;
    }, 5);
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.gc.disconnect();
  }

  /** The longest stalls seen since start(), each with the spans that overlapped it. */
  longest(count = 3): string[] {
    return [...this.stalls]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, count)
      .map((stall) => {
        const overlapping = this.spans
          .filter((span) => span.start < stall.start + stall.ms && span.start + span.ms > stall.start)
          .map((span) => `${span.what} ${span.ms.toFixed(0)} ms`);
        return `${stall.ms.toFixed(0)} ms: ${overlapping.length > 0 ? overlapping.join(', ') : 'nothing traced (another thread or process, or the OS)'}`;
      });
  }
}
