// `npm run bench`: every benchmark in turn (each prints its own figures and baseline ratios).
import { execFileSync } from 'node:child_process';

for (const name of ['import', 'sync', 'dashboard']) {
  console.log(`\n=== bench:${name} ===`);
  execFileSync(process.execPath, ['--import', 'tsx', `scripts/bench/${name}.ts`], { stdio: 'inherit' });
}
