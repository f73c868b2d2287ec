/**
 * npm run bench:startup — how long `rlm --help` takes as a whole process (the bin started directly
 * with Node 22, no npm or npx), against a bare `node -e 0` on the same machine: median of several
 * runs each, interleaved so a busy moment hits both. Target: within 6× (issue #11).
 * Usage: npm run bench:startup [-- --runs 15]
 */
import { join } from 'node:path';
import { median, timeProcess } from './process-time';

const root = join(import.meta.dirname, '../..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const TARGET_RATIO = 6;

const bare: number[] = [];
const help: number[] = [];
const version: number[] = [];
await timeProcess([join(root, 'scripts/rlm.cjs'), '--help'], root); // warm the file cache once
for (let i = 0; i < runs; i++) {
  bare.push((await timeProcess(['-e', '0'], root)).seconds);
  help.push((await timeProcess([join(root, 'scripts/rlm.cjs'), '--help'], root)).seconds);
  version.push((await timeProcess([join(root, 'scripts/rlm.cjs'), '--version'], root)).seconds);
}
const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;
const ratio = median(help) / median(bare);
console.log(`CLI start-up (median of ${runs}, Node ${process.versions.node})`);
console.log(`  node -e 0:       ${ms(median(bare))}`);
console.log(`  rlm --help:      ${ms(median(help))}  (${ratio.toFixed(1)}× node -e 0; target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`);
console.log(`  rlm --version:   ${ms(median(version))}  (${(median(version) / median(bare)).toFixed(1)}×)`);
