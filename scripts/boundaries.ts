import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const IMPORT_PATTERN = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
const NODE_BUILTINS = new Set(builtinModules);

export function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT_PATTERN)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (specifier) found.push(specifier);
  }
  return found;
}

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(full).isDirectory()) return walk(full);
    return /\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const isNodeBuiltin = (specifier: string) => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!);

/** Electron glue: only electron/main.ts and electron/preload.ts (and electron/main.*.ts / preload.*.ts beside them). */
const isElectronGlue = (rel: string) => /^electron\/(main|preload)(\.[\w-]+)?\.ts$/.test(rel);

/**
 * The process boundaries that keep the core testable under plain Node:
 * only the Electron glue imports `electron`; the renderer never reaches into main-process code
 * or Node; `shared/` (used by both sides) depends on zod alone.
 */
export function findBoundaryViolations(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const top of ['electron', 'renderer', 'shared', 'db', 'tests', 'scripts']) {
    for (const file of walk(join(root, top))) {
      const rel = relative(root, file).split(sep).join('/');
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const target = specifier.startsWith('.') ? relative(root, resolve(dirname(file), specifier)).split(sep).join('/') : null;
        if ((specifier === 'electron' || specifier.startsWith('electron/')) && !isElectronGlue(rel) && !rel.startsWith('tests/')) {
          violations.push({ file: rel, specifier, rule: 'only electron/main.ts and electron/preload.ts may import electron' });
        }
        if (rel.startsWith('renderer/')) {
          if (isNodeBuiltin(specifier)) violations.push({ file: rel, specifier, rule: 'the renderer may not import Node modules' });
          if (target && /^(electron|db)(\/|$)/.test(target)) violations.push({ file: rel, specifier, rule: 'the renderer may not import electron/ or db/' });
        }
        if (rel.startsWith('shared/')) {
          const isZod = specifier === 'zod' || specifier.startsWith('zod/');
          const isInsideShared = target !== null && target.startsWith('shared/');
          if (!isZod && !isInsideShared) violations.push({ file: rel, specifier, rule: 'shared/ may import only zod and other shared/ files' });
        }
      }
    }
  }
  return violations;
}
