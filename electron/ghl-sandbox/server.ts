/**
 * A GoHighLevel API v2 simulator on 127.0.0.1 (node:http): auth + Version checks, spec validation,
 * sliding-window rate limits with X-RateLimit-* headers, fault injection (5xx, 429, resets, hangs, answers
 * lost after the work), and a ledger that counts what GHL would count twice (enrolments, notes, tag adds,
 * writes). Tests drive it in-process; `/__sim/*` lets out-of-process tests inspect it.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultPlan } from './faults';
import { answer } from './gate';
import { contactRecord, inspection } from './inspection';
import { findRoute } from './routes';
import { createRng } from './rng';
import { specValidator } from './spec-validator';
import { SimState } from './state';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FaultKind, FaultOptions, FaultRule, RouteMatch, SimFaults } from './faults';
import type { GateContext } from './gate';
import type { SimContactRecord } from './inspection';
import type { SimDuplicate, SimEnrolment, SimNote, SimStats, SimWrite } from './ledger';
import type { SimRateLimit } from './rate-window';
import type { SimContact, SimCustomField, SimLocationInit, SimRequest } from './state';

export type { FaultKind, FaultRule, RouteMatch, SimFaults } from './faults';
export type { SimDuplicate, SimEnrolment, SimNote, SimStats } from './ledger';
export type { SimContactRecord } from './inspection';

export interface GhlSimulatorOptions {
  locations: Array<Omit<SimLocationInit, 'allowDuplicateContact'> & { allowDuplicateContact?: boolean }>;
  rateLimit?: Partial<SimRateLimit> & { sendRetryAfter?: boolean };
  latencyMs?: number;
  /** Global fault probabilities per request. */
  faults?: SimFaults;
  /** Per-route fault probabilities (see `FaultRule`). */
  faultRules?: FaultRule[];
  maxBulkTagBatch?: number;
  seed?: number;
  port?: number;
  /** The clock for the daily limit and timestamps; default the system clock. */
  now?: () => number;
}

export interface GhlSimulator {
  url: string;
  port: number;
  state: SimState;
  close(): Promise<void>;
  contacts(locationId: string): SimContact[];
  /** One contact with its notes, enrolments, writes and tag adds; deleted contacts too; null if never seen. */
  record(contactId: string): SimContactRecord | null;
  requests(): SimRequest[];
  /** Every accepted enrolment call (repeats included), of one contact or all. */
  enrolments(contactId?: string): SimEnrolment[];
  notes(contactId: string): SimNote[];
  /** Every contact create/update, with the body received. */
  writes(contactId?: string): SimWrite[];
  stats(): SimStats;
  /** Contacts enrolled in the same workflow more than once, notes repeated on a contact, fields created twice. */
  duplicates(): SimDuplicate[];
  customFields(locationId: string): SimCustomField[];
  deletedContacts(locationId: string): SimContact[];
  restoreContact(contactId: string): SimContact;
  setTimezone(locationId: string, timezone: string): void;
  setOffline(offline: boolean): Promise<void>;
  /** The location's key stops working: every call with it gets 401 "Invalid JWT". */
  revokeToken(locationId: string): void;
  setToken(locationId: string, token: string): void;
  markDnd(emailOrPhone: string, locationId?: string): SimContact[];
  setRateLimit(limit: Partial<SimRateLimit>, locationId?: string): void;
  /** The next `count` API requests get 429 (with Retry-After seconds when given). */
  force429(count: number, options?: { retryAfterSec?: number; locationId?: string }): void;
  /** Replaces the global fault probabilities (rules and scripted faults stay). */
  setFaults(faults: SimFaults): void;
  addFaultRule(rule: FaultRule): void;
  /** The next `count` requests to `route` (an operationId, `*`, or a RegExp on "METHOD /path") get `kind`. */
  failNext(route: RouteMatch, kind: FaultKind, count?: number, options?: FaultOptions): void;
  /** Scripted faults not consumed yet. */
  pendingFaults(): number;
  /** Removes global rates, rules and scripted faults. */
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Use up the daily budget (or set it) for a location. */
  setDailyUsed(locationId: string, used: number): void;
  /** Sets what X-RateLimit-Daily-Remaining will say; 0 makes every call a 429 until the next (UTC) day. */
  setDailyRemaining(locationId: string, remaining: number): void;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function loggedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k] = k === 'authorization' ? '[present]' : Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export async function startGhlSimulator(options: GhlSimulatorOptions): Promise<GhlSimulator> {
  const seed = options.seed ?? 1;
  const now = options.now ?? Date.now;
  const rng = createRng(seed);
  const defaults: SimRateLimit = {
    max: options.rateLimit?.max ?? 100,
    intervalMs: options.rateLimit?.intervalMs ?? 10_000,
    daily: options.rateLimit?.daily ?? 200_000,
  };
  const sendRetryAfter = options.rateLimit?.sendRetryAfter ?? false;
  const state = new SimState(rng, defaults, now);
  for (const loc of options.locations) state.addLocation({ ...loc, allowDuplicateContact: loc.allowDuplicateContact ?? false });
  const validator = specValidator();
  const faults = new FaultPlan(seed, options.faults);
  for (const rule of options.faultRules ?? []) faults.addRule(rule);
  let latencyMs = options.latencyMs ?? 0;
  const maxBulkTagBatch = options.maxBulkTagBatch ?? 100;
  const sockets = new Set<Socket>();
  const gate: GateContext = { state, validator, faults, defaults, sendRetryAfter, maxBulkTagBatch };

  function send(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string>): void {
    const traceId = randomUUID();
    const payload = JSON.stringify({ ...body, traceId });
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload), ...headers });
    res.end(payload);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Addressed to this machine by name, as the app and the tests do. A web page that rebinds its own
    // name to 127.0.0.1 sends its name: refused, or it would read the sandbox's leads (/__sim/contacts).
    if (req.headers.host !== `127.0.0.1:${port}` && req.headers.host !== `localhost:${port}`) {
      return send(res, 421, { statusCode: 421, message: 'Misdirected request' }, {});
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (url.pathname.startsWith('/__sim/')) {
      const seen = inspection(state, url);
      return send(res, seen.status, seen.body, {});
    }

    const method = req.method ?? 'GET';
    const operationId = findRoute(method, url.pathname)?.route.operationId ?? null;
    let body: unknown = undefined;
    let parseError: string | null = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch (e) {
        parseError = e instanceof Error ? e.message : 'Invalid JSON';
      }
    }
    const log: SimRequest = {
      method,
      path: url.pathname,
      operationId,
      query: Object.fromEntries(url.searchParams),
      headers: loggedHeaders(req),
      body: body ?? (raw || null),
      status: null,
      locationId: null,
      fault: null,
      at: now(),
    };
    state.requests.push(log);

    // Decided before anything else, like a flaky load balancer would.
    const fault = faults.decide({ operationId, method, path: url.pathname, body: raw });
    if (fault?.kind === 'reset') {
      log.fault = 'reset';
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      log.fault = 'hang';
      return; // never answers; the socket closes when the client gives up or the simulator closes
    }

    if (fault?.kind === '5xx-while-working') {
      // The gateway answers now; GHL finishes the request after the hold all the same.
      log.fault = '5xx-while-working';
      const status = fault.status ?? 504;
      log.status = status;
      send(res, status, { statusCode: status, message: 'Gateway Timeout' }, {});
      await sleep(fault.holdMs ?? 1_000);
      answer(gate, { method, url, headers: req.headers, body, parseError }, log, fault);
      log.status = status;
      return;
    }
    if (fault?.kind === 'slow-before-work') {
      // Done after the hold even if the client gave up meanwhile: GHL does not know it did.
      log.fault = 'slow-before-work';
      await sleep(fault.holdMs ?? 1_000);
    }
    const out = answer(gate, { method, url, headers: req.headers, body, parseError }, log, fault);
    if (latencyMs > 0) await sleep(latencyMs);
    if (fault?.kind === 'lost-response') {
      // The work is done, but the answer never reaches the client.
      log.fault = 'lost-response';
      req.socket.destroy();
      return;
    }
    if (fault?.kind === '5xx-after-work') {
      // The work is done; a gateway answers for it with an error.
      log.fault = '5xx-after-work';
      const status = fault.status ?? 502;
      log.status = status;
      send(res, status, { statusCode: status, message: 'Bad Gateway' }, out.headers);
      return;
    }
    if (fault?.kind === 'hang-after-work') {
      // The work is done; the answer comes too late for the client (or never).
      log.fault = 'hang-after-work';
      if (fault.holdMs === undefined) return;
      await sleep(fault.holdMs);
      if (req.socket.destroyed) return;
    }
    log.status = out.status;
    send(res, out.status, out.body, out.headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, 500, { statusCode: 500, message: e instanceof Error ? e.message : 'error' }, {});
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });

  const port = await listen(options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const locationOrThrow = (id: string) => {
    const loc = state.locations.get(id);
    if (!loc) throw new Error(`Unknown simulator location ${id}`);
    return loc;
  };

  return {
    url,
    port,
    state,
    close: stop,
    contacts: (locationId) => state.contactsOf(locationId),
    record: (contactId) => contactRecord(state, contactId),
    requests: () => state.requests,
    enrolments: (contactId) => (contactId === undefined ? [...state.ledger.enrolments] : state.ledger.enrolmentsOf(contactId)),
    notes: (contactId) => state.ledger.notesOf(contactId),
    writes: (contactId) => (contactId === undefined ? [...state.ledger.writes] : state.ledger.writesOf(contactId)),
    stats: () => state.ledger.stats(state.requests),
    duplicates: () => state.ledger.duplicates(state.customFields),
    customFields: (locationId) => state.fieldsOf(locationOrThrow(locationId).id),
    deletedContacts: (locationId) => [...state.deleted.values()].filter((c) => c.locationId === locationId),
    restoreContact: (contactId) => state.restoreContact(contactId),
    setTimezone: (locationId, timezone) => {
      locationOrThrow(locationId).timezone = timezone;
    },
    // Offline = nothing listens on the port (connections refused), then listen on the SAME port again.
    setOffline: async (offline) => {
      if (offline) await stop();
      else if (!server.listening) await listen(port);
    },
    revokeToken: (locationId) => {
      locationOrThrow(locationId).token = `revoked-${randomUUID()}`;
    },
    setToken: (locationId, token) => {
      locationOrThrow(locationId).token = token;
    },
    markDnd: (emailOrPhone, locationId) => state.markDnd(emailOrPhone, locationId),
    setRateLimit: (limit, locationId) => {
      for (const loc of state.locations.values()) {
        if (!locationId || loc.id === locationId) loc.rate.limit = { ...loc.rate.limit, ...limit };
      }
    },
    force429: (count, opts = {}) => {
      for (const loc of state.locations.values()) {
        if (!opts.locationId || loc.id === opts.locationId) loc.rate.force(count, opts.retryAfterSec ?? null);
      }
    },
    setFaults: (next) => faults.setGlobal(next),
    addFaultRule: (rule) => faults.addRule(rule),
    failNext: (route, kind, count, opts) => faults.failNext(route, kind, count, opts),
    pendingFaults: () => faults.pendingScripted(),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setDailyUsed: (locationId, used) => locationOrThrow(locationId).rate.setDailyUsed(used, now()),
    setDailyRemaining: (locationId, remaining) => {
      const loc = locationOrThrow(locationId);
      loc.rate.setDailyUsed(Math.max(0, loc.rate.limit.daily - remaining), now());
    },
  };
}
