// Adds up the static checks, vitest's and Playwright's JSON reports into the closing line
// "N passed, N failed" that CI reads; exits non-zero when anything failed or a report is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [staticPassed = '0', staticFailed = '0', ...failedSteps] = process.argv.slice(2);
const dir = process.env.RESULTS_DIR ?? '.';
let passed = Number(staticPassed);
let failed = Number(staticFailed);
let skipped = 0;
const problems = failedSteps.map((s) => `check failed: ${s}`);

const vitestFile = join(dir, 'vitest.json');
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: Array<{ name: string; status: string; message?: string; assertionResults: unknown[] }>;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A test file that fails to load reports no tests: count it as a failure, not as nothing.
  for (const file of report.testResults) {
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      failed += 1;
      problems.push(`test file failed to run: ${file.name}`);
    }
  }
} else {
  failed += 1;
  problems.push('vitest produced no report');
}

const playwrightFile = join(dir, 'playwright.json');
if (existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    errors?: unknown[];
  };
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
  if (report.errors?.length) {
    failed += report.errors.length;
    problems.push(`playwright reported ${report.errors.length} global error(s)`);
  }
} else {
  failed += 1;
  problems.push('playwright produced no report');
}

for (const problem of problems) console.log(`- ${problem}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
