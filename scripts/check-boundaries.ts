import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBoundaryViolations, findImportCycles } from './boundaries';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const violations = findBoundaryViolations(root);
for (const v of violations) console.error(`${v.file}: imports "${v.specifier}" — ${v.rule}`);
const cycles = findImportCycles(root);
for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')}`);
if (violations.length > 0 || cycles.length > 0) process.exit(1);
console.log('process boundaries, layers and import cycles: ok');
