/**
 * Runs the GoHighLevel simulator until killed:
 *   npm run ghl-sandbox -- --port 4010 --location loc1 --token tok1 [--location loc2 --token tok2]
 *     [--name "Acme Roofing"] [--allow-duplicates] [--latency 50] [--max 100] [--interval 10000]
 *     [--daily 200000] [--rate5xx 0.05] [--reset 0] [--hang 0] [--lost 0] [--bulk-max 100] [--seed 1]
 * Prints the base URL on the first line of stdout.
 */
import { parseArgs } from 'node:util';
import { startGhlSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    location: { type: 'string', multiple: true },
    token: { type: 'string', multiple: true },
    name: { type: 'string', multiple: true },
    'allow-duplicates': { type: 'boolean', default: false },
    latency: { type: 'string', default: '0' },
    max: { type: 'string', default: '100' },
    interval: { type: 'string', default: '10000' },
    daily: { type: 'string', default: '200000' },
    rate5xx: { type: 'string', default: '0' },
    reset: { type: 'string', default: '0' },
    hang: { type: 'string', default: '0' },
    lost: { type: 'string', default: '0' },
    'bulk-max': { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
  },
});

const ids = values.location ?? ['sim-location-1'];
const tokens = values.token ?? ['sim-token-1'];
const sim = await startGhlSimulator({
  port: Number(values.port),
  locations: ids.map((id, i) => ({
    id,
    token: tokens[i] ?? `sim-token-${i + 1}`,
    name: values.name?.[i] ?? `Simulated Roofing ${i + 1}`,
    allowDuplicateContact: values['allow-duplicates'],
  })),
  latencyMs: Number(values.latency),
  rateLimit: { max: Number(values.max), intervalMs: Number(values.interval), daily: Number(values.daily) },
  faults: {
    rate5xx: Number(values.rate5xx),
    rateReset: Number(values.reset),
    rateHang: Number(values.hang),
    rateLostResponse: Number(values.lost),
  },
  maxBulkTagBatch: Number(values['bulk-max']),
  seed: Number(values.seed),
});
console.log(sim.url);
console.error(`GHL simulator: locations ${ids.join(', ')}; inspect ${sim.url}/__sim/contacts and ${sim.url}/__sim/requests`);

const shutdown = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
