// `npm run bench`: every benchmark in turn (each prints its own figures and baseline ratios).
// package.json builds out/node/ first: the CLI and the worker threads run from that build.
import { execFileSync } from 'node:child_process';

for (const name of ['startup', 'import', 'sync', 'dashboard', 'search', 'reads']) {
  console.log(`\n=== bench:${name} ===`);
  execFileSync(process.execPath, ['--import', 'tsx', `scripts/bench/${name}.ts`], { stdio: 'inherit' });
}
