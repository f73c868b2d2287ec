/**
 * Whether GoHighLevel is reachable. One network failure is not an outage (resets and hangs happen):
 * only `offlineAfter` failures in a row with no success between put the runner offline. While offline
 * the runner stops claiming and probes with backoff; the first HTTP answer of any kind ends it.
 */
export type ConnectivityState = 'online' | 'offline' | 'unknown';

export interface ConnectivitySnapshot {
  state: ConnectivityState;
  lastSuccessAt: number | null;
}

export class Connectivity {
  private current: ConnectivityState = 'unknown';
  private failuresInARow = 0;
  private comebacks = 0;
  private lastSuccess: number | null;
  /** Online by answeredFirst, no call's outcome yet: the first success still announces itself. */
  private isOnlineByAnswerOnly = false;

  constructor(
    private readonly offlineAfter: number,
    private readonly onChange: (snapshot: ConnectivitySnapshot) => void,
    lastSuccessAt: number | null = null,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSuccess = lastSuccessAt;
  }

  get state(): ConnectivityState {
    return this.current;
  }

  get isOffline(): boolean {
    return this.current === 'offline';
  }

  snapshot(): ConnectivitySnapshot {
    return { state: this.current, lastSuccessAt: this.lastSuccess };
  }

  /** Any HTTP answer (even 4xx/5xx) proves the network works. */
  reachable(): void {
    this.failuresInARow = 0;
    this.set('online');
  }

  /**
   * GHL answered an attempt whose call has not ended yet (a 429 whose wait is two minutes): online, when nothing was
   * known yet ("Connection not checked yet" stood meanwhile). It counts nothing toward or against "offline": that is
   * the calls' own outcomes' (reachable, networkFailed), and a contact read answered just before a call that never is
   * must not hide that call's timeouts in a row (one-call-never-answered.test.ts).
   */
  answeredFirst(): void {
    if (this.current !== 'unknown') return;
    this.isOnlineByAnswerOnly = true;
    this.set('online');
  }

  /** How many times the connection came back after being offline (a count to compare between two moments). */
  comebacksSoFar(): number {
    return this.comebacks;
  }

  /** A 2xx: also the "last successful sync" time. */
  succeeded(): void {
    this.lastSuccess = this.now();
    // Online already by an answer alone (answeredFirst): the first success is news all the same, as it was when it
    // turned the state online itself ("GHL last answered: never" stood until a progress report carried it).
    const isFirstSuccessNews = this.isOnlineByAnswerOnly && this.current === 'online';
    this.isOnlineByAnswerOnly = false;
    this.reachable();
    if (isFirstSuccessNews) this.onChange(this.snapshot());
  }

  networkFailed(): void {
    this.failuresInARow += 1;
    if (this.failuresInARow >= this.offlineAfter) this.set('offline');
  }

  private set(state: ConnectivityState): void {
    if (state === this.current) return;
    if (this.current === 'offline' && state === 'online') this.comebacks += 1;
    this.current = state;
    this.onChange(this.snapshot());
  }
}
