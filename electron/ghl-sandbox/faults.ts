/**
 * What goes wrong with a request, decided before the simulator touches it: the ways a real network and a
 * real GHL lose answers. Three sources, in this order:
 *   1. scripted faults ("the next 2 calls to add-contact-to-workflow lose their answer"), deterministic;
 *   2. per-route rules with a probability (seeded);
 *   3. the global rates of `SimFaults` (seeded; the draw happens on every request so a seed replays the same
 *      sequence whatever the rules are).
 */
import { createRng } from './rng';

/**
 * - `reset`: the socket is destroyed before any work (the client sees a reset; nothing changed).
 * - `hang`: no work, no answer; the client times out.
 * - `hang-after-work`: the work is done, the answer is held (forever, or `holdMs`), so the client times out
 *   although GHL changed state.
 * - `lost-response`: the work is done, then the socket is destroyed without an answer.
 * - `slow-before-work`: the request is held `holdMs` before any work, then answered normally: a write still in
 *   flight, which a read meanwhile does not see yet (a note listed while its POST is on its way).
 * - `5xx` / `429`: an error answer after auth and the rate check, without the work.
 * - `5xx-after-work`: the work is done, then a 5xx answers (a gateway's 502/504 for a request GHL finished):
 *   a client that takes every 5xx for "nothing happened" sends it twice.
 * - `5xx-while-working`: a gateway times out first and answers a 5xx (504 unless `status`), and GHL does the work
 *   `holdMs` later: a client that takes the 5xx for "GHL is done with it" and looks straight away finds nothing.
 */
export type FaultKind = 'reset' | 'hang' | 'hang-after-work' | 'lost-response' | 'slow-before-work' | '5xx' | '5xx-after-work' | '5xx-while-working' | '429';
export const FAULT_KINDS: readonly FaultKind[] = ['reset', 'hang', 'hang-after-work', 'lost-response', 'slow-before-work', '5xx', '5xx-after-work', '5xx-while-working', '429'];

/** Global probabilities per request (the options the simulator always had, plus `rateHangAfterWork`). */
export interface SimFaults {
  rate5xx?: number;
  rateReset?: number;
  rateHang?: number;
  rateLostResponse?: number;
  rateHangAfterWork?: number;
}

/**
 * Which requests a rule applies to: a spec operationId (`upsert-contact`, `add-contact-to-workflow`,
 * `create-note`, …), `*` for all, or a RegExp tested against `"METHOD /path"` (e.g. /^POST \/contacts\/[^/]+\/notes$/).
 */
export type RouteMatch = string | RegExp;

export interface FaultOptions {
  /** For `hang-after-work`: answer after this many ms instead of never (a very slow GHL, answering too late); for `slow-before-work` and `5xx-while-working`: the hold before the work. */
  holdMs?: number;
  /** For 5xx: the status (default 500/502/503 at random); for 429: the Retry-After seconds to send. */
  status?: number;
  retryAfterSec?: number;
}

export interface FaultRule extends FaultOptions {
  route: RouteMatch;
  kind: FaultKind;
  /** 0..1, drawn per matching request. */
  probability: number;
  /**
   * Only requests whose raw body contains this text (a contact id): one contact GHL chokes on spoils every bulk
   * call that carries it, while the same call without it goes through.
   */
  bodyIncludes?: string;
}

export interface FaultDecision extends FaultOptions {
  kind: FaultKind;
  source: 'scripted' | 'rule' | 'global';
}

export interface RequestKey {
  /** null when no route matches (the request ends in 404). */
  operationId: string | null;
  method: string;
  path: string;
  /** The raw request body, for rules that look into it (`bodyIncludes`). */
  body?: string;
}

interface Scripted extends FaultOptions {
  route: RouteMatch;
  kind: FaultKind;
  remaining: number;
}

export function matchesRoute(match: RouteMatch, key: RequestKey): boolean {
  if (match instanceof RegExp) return match.test(`${key.method} ${key.path}`);
  return match === '*' || match === key.operationId;
}

export class FaultPlan {
  private global: SimFaults;
  private rules: FaultRule[] = [];
  private scripted: Scripted[] = [];
  private readonly globalRng: () => number;
  private readonly ruleRng: () => number;

  constructor(seed: number, initial: SimFaults = {}) {
    this.global = { ...initial };
    this.globalRng = createRng(seed ^ 0x5eed);
    this.ruleRng = createRng(seed ^ 0xfa17);
  }

  setGlobal(faults: SimFaults): void {
    this.global = { ...faults };
  }

  addRule(rule: FaultRule): void {
    if (!(rule.probability >= 0 && rule.probability <= 1)) throw new Error(`Fault probability must be within 0..1, got ${rule.probability}`);
    this.rules.push({ ...rule });
  }

  /** The next `count` requests matching `route` get `kind`, before any rule or global rate. */
  failNext(route: RouteMatch, kind: FaultKind, count = 1, options: FaultOptions = {}): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`failNext needs a positive count, got ${count}`);
    this.scripted.push({ route, kind, remaining: count, ...options });
  }

  /** Scripted faults not used yet (so a test can check its script was consumed). */
  pendingScripted(): number {
    return this.scripted.reduce((n, s) => n + s.remaining, 0);
  }

  clear(): void {
    this.global = {};
    this.rules = [];
    this.scripted = [];
  }

  decide(key: RequestKey): FaultDecision | null {
    // Always draw the global roll first so a seed gives the same global faults whatever else is configured.
    const roll = this.globalRng();
    const script = this.scripted.find((s) => s.remaining > 0 && matchesRoute(s.route, key));
    if (script) {
      script.remaining -= 1;
      this.scripted = this.scripted.filter((s) => s.remaining > 0);
      return { kind: script.kind, source: 'scripted', ...pickOptions(script) };
    }
    for (const rule of this.rules) {
      if (!matchesRoute(rule.route, key)) continue;
      if (rule.bodyIncludes !== undefined && !(key.body ?? '').includes(rule.bodyIncludes)) continue;
      if (this.ruleRng() < rule.probability) return { kind: rule.kind, source: 'rule', ...pickOptions(rule) };
    }
    return this.fromGlobal(roll);
  }

  /** A random 5xx status, from the global stream (as the simulator always did). */
  random5xx(): number {
    return [500, 502, 503][Math.floor(this.globalRng() * 3)] ?? 500;
  }

  private fromGlobal(roll: number): FaultDecision | null {
    const g = this.global;
    let edge = 0;
    const bands: Array<[FaultKind, number | undefined]> = [
      ['5xx', g.rate5xx],
      ['reset', g.rateReset],
      ['hang', g.rateHang],
      ['lost-response', g.rateLostResponse],
      ['hang-after-work', g.rateHangAfterWork],
    ];
    for (const [kind, rate] of bands) {
      edge += rate ?? 0;
      if (roll < edge) return { kind, source: 'global' };
    }
    return null;
  }
}

function pickOptions(o: FaultOptions): FaultOptions {
  const out: FaultOptions = {};
  if (o.holdMs !== undefined) out.holdMs = o.holdMs;
  if (o.status !== undefined) out.status = o.status;
  if (o.retryAfterSec !== undefined) out.retryAfterSec = o.retryAfterSec;
  return out;
}
