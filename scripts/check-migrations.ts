// Fails when db/schema.ts has changes that no committed migration captures: drizzle-kit
// generates into a scratch copy of db/migrations and must find nothing to do.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'rlm-migrations-'));
try {
  cpSync(join(root, 'db/migrations'), scratch, { recursive: true });
  const before = readdirSync(scratch).filter((f) => f.endsWith('.sql')).length;
  execFileSync(join(root, 'node_modules/.bin/drizzle-kit'), ['generate', '--dialect', 'sqlite', '--schema', './db/schema.ts', '--out', scratch], {
    cwd: root,
    stdio: 'pipe',
  });
  const after = readdirSync(scratch).filter((f) => f.endsWith('.sql')).length;
  if (after !== before) {
    console.error('db/schema.ts differs from the committed migrations: run `npm run db:generate` and commit db/migrations.');
    process.exit(1);
  }
  console.log('schema and migrations: in step');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
