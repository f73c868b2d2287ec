import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBoundaryViolations } from './boundaries';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const violations = findBoundaryViolations(root);
for (const v of violations) console.error(`${v.file}: imports "${v.specifier}" — ${v.rule}`);
if (violations.length > 0) process.exit(1);
console.log('process boundaries: ok');
