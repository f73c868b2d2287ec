/**
 * A GoHighLevel API v2 simulator on 127.0.0.1 (node:http): auth + Version checks, spec validation,
 * sliding-window rate limits with X-RateLimit-* headers, and fault injection (5xx, resets, hangs,
 * lost responses). Tests drive it in-process; `/__sim/*` lets out-of-process tests inspect it.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { dispatch } from './routes';
import { createRng } from './rng';
import { specValidator } from './spec-validator';
import { SimState } from './state';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { SimRateLimit } from './rate-window';
import type { SimContact, SimLocationInit, SimRequest } from './state';

export interface SimFaults {
  rate5xx?: number;
  rateReset?: number;
  rateHang?: number;
  rateLostResponse?: number;
}

export interface GhlSimulatorOptions {
  locations: Array<Omit<SimLocationInit, 'allowDuplicateContact'> & { allowDuplicateContact?: boolean }>;
  rateLimit?: Partial<SimRateLimit> & { sendRetryAfter?: boolean };
  latencyMs?: number;
  faults?: SimFaults;
  maxBulkTagBatch?: number;
  seed?: number;
  port?: number;
}

export interface GhlSimulator {
  url: string;
  port: number;
  state: SimState;
  close(): Promise<void>;
  contacts(locationId: string): SimContact[];
  requests(): SimRequest[];
  setOffline(offline: boolean): Promise<void>;
  revokeToken(locationId: string): void;
  setToken(locationId: string, token: string): void;
  markDnd(emailOrPhone: string, locationId?: string): SimContact[];
  setRateLimit(limit: Partial<SimRateLimit>, locationId?: string): void;
  /** The next `count` API requests get 429 (with Retry-After seconds when given). */
  force429(count: number, options?: { retryAfterSec?: number; locationId?: string }): void;
  setFaults(faults: SimFaults): void;
  setLatency(ms: number): void;
  /** Use up the daily budget (or set it) for a location. */
  setDailyUsed(locationId: string, used: number): void;
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
  const rng = createRng(options.seed ?? 1);
  const faultRng = createRng((options.seed ?? 1) ^ 0x5eed);
  const defaults: SimRateLimit = {
    max: options.rateLimit?.max ?? 100,
    intervalMs: options.rateLimit?.intervalMs ?? 10_000,
    daily: options.rateLimit?.daily ?? 200_000,
  };
  const sendRetryAfter = options.rateLimit?.sendRetryAfter ?? false;
  const state = new SimState(rng, defaults);
  for (const loc of options.locations) state.addLocation({ ...loc, allowDuplicateContact: loc.allowDuplicateContact ?? false });
  const validator = specValidator();
  let faults: SimFaults = { ...options.faults };
  let latencyMs = options.latencyMs ?? 0;
  const maxBulkTagBatch = options.maxBulkTagBatch ?? 100;
  const sockets = new Set<Socket>();

  function send(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string>): void {
    const traceId = randomUUID();
    const payload = JSON.stringify({ ...body, traceId });
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload), ...headers });
    res.end(payload);
  }

  function inspect(url: URL, res: ServerResponse): void {
    if (url.pathname === '/__sim/contacts') {
      const id = url.searchParams.get('locationId');
      const list = id ? state.contactsOf(id) : [...state.contacts.values()];
      return send(res, 200, { contacts: list }, {});
    }
    if (url.pathname === '/__sim/requests') return send(res, 200, { requests: state.requests }, {});
    if (url.pathname === '/__sim/tag-events') return send(res, 200, { tagEvents: state.tagEvents, enrolments: state.enrolments }, {});
    send(res, 404, { statusCode: 404, message: 'unknown sim endpoint' }, {});
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (url.pathname.startsWith('/__sim/')) return inspect(url, res);

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
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: loggedHeaders(req),
      body: body ?? (raw || null),
      status: null,
      locationId: null,
      fault: null,
      at: Date.now(),
    };
    state.requests.push(log);

    // Fault injection happens before anything else, like a flaky load balancer would.
    const roll = faultRng();
    const f5xx = faults.rate5xx ?? 0;
    const fReset = f5xx + (faults.rateReset ?? 0);
    const fHang = fReset + (faults.rateHang ?? 0);
    const fLost = fHang + (faults.rateLostResponse ?? 0);
    if (roll < fReset && roll >= f5xx) {
      log.fault = 'reset';
      req.socket.destroy();
      return;
    }
    if (roll < fHang && roll >= fReset) {
      log.fault = 'hang';
      return; // never answers; the socket closes when the client gives up or the simulator closes
    }
    const isLost = roll < fLost && roll >= fHang;

    const reply = async (status: number, payload: Record<string, unknown>, headers: Record<string, string>): Promise<void> => {
      if (latencyMs > 0) await sleep(latencyMs);
      if (isLost) {
        // The work is done, but the answer never reaches the client.
        log.fault = 'lost-response';
        req.socket.destroy();
        return;
      }
      log.status = status;
      send(res, status, payload, headers);
    };

    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    const caller = token ? state.locationByToken(token) : null;
    const now = Date.now();
    const defaultHeaders = {
      'X-RateLimit-Max': String(defaults.max),
      'X-RateLimit-Remaining': String(defaults.max),
      'X-RateLimit-Interval-Milliseconds': String(defaults.intervalMs),
      'X-RateLimit-Limit-Daily': String(defaults.daily),
      'X-RateLimit-Daily-Remaining': String(defaults.daily),
    };
    if (!caller) return reply(401, { statusCode: 401, message: 'Invalid JWT', error: 'Unauthorized' }, defaultHeaders);
    log.locationId = caller.id;
    const version = req.headers.version;
    if (version === undefined) {
      return reply(401, { statusCode: 401, message: 'version header was not found.', error: 'Unauthorized' }, caller.rate.headers(now));
    }
    if (version !== '2021-07-28') {
      return reply(401, { statusCode: 401, message: 'version header is invalid', error: 'Unauthorized' }, caller.rate.headers(now));
    }

    const forced = caller.rate.takeForced();
    if (forced) {
      const headers = caller.rate.headers(now);
      if (forced.retryAfterSec !== null) headers['Retry-After'] = String(forced.retryAfterSec);
      return reply(429, { statusCode: 429, message: 'Too Many Requests' }, headers);
    }
    const decision = caller.rate.admit(now);
    if (!decision.ok) {
      const headers = caller.rate.headers(now);
      if (sendRetryAfter) headers['Retry-After'] = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
      const message = decision.reason === 'daily' ? 'Daily rate limit exceeded for this location' : 'Too Many Requests';
      return reply(429, { statusCode: 429, message }, headers);
    }
    const headers = caller.rate.headers(now);

    if (roll < f5xx) {
      log.fault = '5xx';
      const status = [500, 502, 503][Math.floor(faultRng() * 3)] ?? 500;
      return reply(status, { statusCode: status, message: 'Internal Server Error' }, headers);
    }
    if (parseError) return reply(400, { statusCode: 400, message: parseError }, headers);

    const result = dispatch(req.method ?? 'GET', url.pathname, {
      state,
      validator,
      caller,
      query: Object.fromEntries(url.searchParams),
      body,
      maxBulkTagBatch,
    });
    return reply(result.status, result.body, headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { statusCode: 500, message: e instanceof Error ? e.message : 'error' }, {});
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
    requests: () => state.requests,
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
    setFaults: (next) => {
      faults = { ...next };
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setDailyUsed: (locationId, used) => locationOrThrow(locationId).rate.setDailyUsed(used),
  };
}
