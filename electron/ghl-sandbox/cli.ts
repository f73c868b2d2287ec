/**
 * Runs the GoHighLevel simulator until killed (its options: USAGE below, also `--help`). Prints the base URL on
 * the first line of stdout; the ledger is at /__sim/stats and /__sim/duplicates.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FAULT_KINDS } from './faults';
import { startGhlSimulator } from './server';
import type { FaultKind, FaultRule } from './faults';

const USAGE = `usage: npm run ghl-sandbox -- --port 4010 --location loc1 --token tok1 [--location loc2 --token tok2]
    [--name "Acme Roofing"] [--timezone America/New_York] [--allow-duplicates] [--no-demo-fields]
    [--latency 50] [--max 100] [--interval 10000] [--daily 200000]
    [--rate5xx 0.05] [--reset 0] [--hang 0] [--lost 0] [--hang-after-work 0]
    [--fault ROUTE:KIND:PROBABILITY]… [--fail-next ROUTE:KIND:COUNT]… [--bulk-max 100] [--seed 1]
  Runs the GoHighLevel simulator until stopped (Ctrl-C) and prints its base URL first.
  --name and --timezone pair with the --location of the same position. ROUTE: a spec operationId
  (upsert-contact, add-contact-to-workflow, create-note, …) or *; KIND: ${FAULT_KINDS.join(', ')}.`;

function usage(message: string): never {
  console.error(`ghl-sandbox: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function number(name: string, raw: string, { min = 0, max = Number.POSITIVE_INFINITY } = {}): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) usage(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return n;
}

function faultSpec(flag: string, raw: string): { route: string; kind: FaultKind; amount: string } {
  const [route, kind, amount] = raw.split(':');
  const known = FAULT_KINDS.find((k) => k === kind);
  if (!route || !known || amount === undefined) usage(`--${flag} takes ROUTE:KIND:N with KIND one of ${FAULT_KINDS.join(', ')}, got "${raw}"`);
  return { route, kind: known, amount };
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

// An unknown option is a usage error with the usage, not a stack trace.
const { values } = parseOrUsage({
  options: {
    port: { type: 'string', default: '0' },
    location: { type: 'string', multiple: true },
    token: { type: 'string', multiple: true },
    name: { type: 'string', multiple: true },
    timezone: { type: 'string', multiple: true },
    'allow-duplicates': { type: 'boolean', default: false },
    'no-demo-fields': { type: 'boolean', default: false },
    latency: { type: 'string', default: '0' },
    max: { type: 'string', default: '100' },
    interval: { type: 'string', default: '10000' },
    daily: { type: 'string', default: '200000' },
    rate5xx: { type: 'string', default: '0' },
    reset: { type: 'string', default: '0' },
    hang: { type: 'string', default: '0' },
    lost: { type: 'string', default: '0' },
    'hang-after-work': { type: 'string', default: '0' },
    fault: { type: 'string', multiple: true },
    'fail-next': { type: 'string', multiple: true },
    'bulk-max': { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
  },
});

function parseOrUsage<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
}

const probability = (name: string, raw: string) => number(name, raw, { max: 1 });
const faultRules: FaultRule[] = (values.fault ?? []).map((raw) => {
  const { route, kind, amount } = faultSpec('fault', raw);
  return { route, kind, probability: probability('fault', amount) };
});
const scripted = (values['fail-next'] ?? []).map((raw) => {
  const { route, kind, amount } = faultSpec('fail-next', raw);
  return { route, kind, count: number('fail-next', amount, { min: 1 }) };
});

const ids = values.location ?? ['sim-location-1'];
const tokens = values.token ?? ['sim-token-1'];
const sim = await startGhlSimulator({
  port: number('port', values.port, { max: 65_535 }),
  locations: ids.map((id, i) => ({
    id,
    token: tokens[i] ?? `sim-token-${i + 1}`,
    name: values.name?.[i] ?? `Simulated Roofing ${i + 1}`,
    allowDuplicateContact: values['allow-duplicates'],
    ...(values.timezone?.[i] ? { timezone: values.timezone[i] } : {}),
    ...(values['no-demo-fields'] ? { customFields: [] } : {}),
  })),
  latencyMs: number('latency', values.latency),
  rateLimit: { max: number('max', values.max, { min: 1 }), intervalMs: number('interval', values.interval, { min: 1 }), daily: number('daily', values.daily) },
  faults: {
    rate5xx: probability('rate5xx', values.rate5xx),
    rateReset: probability('reset', values.reset),
    rateHang: probability('hang', values.hang),
    rateLostResponse: probability('lost', values.lost),
    rateHangAfterWork: probability('hang-after-work', values['hang-after-work']),
  },
  faultRules,
  maxBulkTagBatch: number('bulk-max', values['bulk-max'], { min: 1 }),
  seed: number('seed', values.seed),
});
for (const s of scripted) sim.failNext(s.route, s.kind, s.count);
// Before the URL is printed: a script that stops the simulator on reading it must find the handler there.
const shutdown = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
console.log(sim.url);
console.error(`GHL simulator: locations ${ids.join(', ')}; inspect ${sim.url}/__sim/contacts, ${sim.url}/__sim/requests, ${sim.url}/__sim/stats`);
