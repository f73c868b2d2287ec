// Runs Electronegativity over the main-process code and fails on any HIGH or MEDIUM finding that
// is not waived (with a reason) in .ci/electronegativity-waivers.json. The tool itself exits 0
// whatever it finds, so its CSV report is what counts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'rlm-eneg-'));
const report = join(scratch, 'report.csv');
interface Waiver {
  check: string;
  file: string;
  reason: string;
}
const waivers = JSON.parse(readFileSync(join(root, '.ci/electronegativity-waivers.json'), 'utf8')) as Waiver[];
for (const waiver of waivers) if (!waiver.reason?.trim()) throw new Error(`Waiver for ${waiver.check} has no reason`);

try {
  execFileSync(join(root, 'node_modules/.bin/electronegativity'), ['-i', join(root, 'electron'), '-e', '45.0.0', '-o', report, '-v', 'false'], {
    cwd: root,
    stdio: 'pipe',
    timeout: 120_000,
  });
  const lines = readFileSync(report, 'utf8').trim().split('\n').slice(1);
  const findings = lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    return { check: cells[0]!, severity: cells[1]!, file: relative(root, cells[3]!), location: cells[4]! };
  });
  const blocking = findings.filter(
    (f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !waivers.some((w) => w.check === f.check && w.file === f.file),
  );
  for (const f of findings) console.log(`${blocking.includes(f) ? 'FAIL' : 'ok  '} ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location}`);
  if (blocking.length > 0) {
    console.error(`${blocking.length} HIGH/MEDIUM Electronegativity finding(s) not waived.`);
    process.exit(1);
  }
  console.log(`electronegativity: ${findings.length} finding(s), none blocking`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
