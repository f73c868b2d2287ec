/** Leads finished in the last minute, for the progress bar's "leads per minute". */
export class Throughput {
  private stamps: number[] = [];

  constructor(
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  add(count = 1): void {
    const at = this.now();
    for (let i = 0; i < count; i++) this.stamps.push(at);
  }

  perMinute(): number {
    const now = this.now();
    const from = now - this.windowMs;
    let drop = 0;
    while (drop < this.stamps.length && (this.stamps[drop] ?? 0) < from) drop++;
    if (drop > 0) this.stamps = this.stamps.slice(drop);
    const first = this.stamps[0];
    if (first === undefined) return 0;
    // Early in a run the window is not full yet: scale by the time actually covered (≥ 5 s to avoid spikes).
    const covered = Math.max(5_000, Math.min(this.windowMs, now - first));
    return Math.round((this.stamps.length * 60_000) / covered);
  }
}
