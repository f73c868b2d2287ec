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
 * Layers of the main-process code, lowest first: a file may import its own layer or lower ones,
 * never a higher one (the composition root wires the layers below it; nothing below knows it).
 * The first matching prefix decides a file's layer.
 */
export const LAYERS: ReadonlyArray<{ name: string; prefixes: string[] }> = [
  { name: 'shared', prefixes: ['shared/'] },
  { name: 'db', prefixes: ['db/'] },
  { name: 'lib', prefixes: ['electron/lib/'] },
  { name: 'parsing, pacing and GHL client', prefixes: ['electron/parsing/', 'electron/pacing/', 'electron/ghl/'] },
  { name: 'GHL sandbox', prefixes: ['electron/ghl-sandbox/'] },
  { name: 'core services', prefixes: ['electron/core/'] },
  { name: 'sync', prefixes: ['electron/sync/'] },
  { name: 'composition root', prefixes: ['electron/app/'] },
  { name: 'entry points', prefixes: ['electron/'] },
];

export function layerOf(rel: string): number {
  return LAYERS.findIndex((layer) => layer.prefixes.some((prefix) => rel.startsWith(prefix)));
}

const SOURCE_EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolveSource(root: string, rel: string): string | null {
  for (const ext of SOURCE_EXTENSIONS) {
    try {
      if (statSync(join(root, rel + ext)).isFile()) return rel + ext;
    } catch {
      // try the next extension
    }
  }
  return null;
}

/** Import cycles among the product's own files (electron/, shared/, renderer/, db/), each as the list of files around it. */
export function findImportCycles(root: string): string[][] {
  const graph = new Map<string, string[]>();
  for (const top of ['electron', 'shared', 'renderer', 'db']) {
    for (const file of walk(join(root, top))) {
      const rel = relative(root, file).split(sep).join('/');
      const targets = importsOf(readFileSync(file, 'utf8'))
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => resolveSource(root, relative(root, resolve(dirname(file), specifier)).split(sep).join('/')))
        .filter((target): target is string => target !== null && !target.endsWith('.json'));
      graph.set(rel, targets);
    }
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

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
        if (target && rel.startsWith('electron/') && target.startsWith('tests/')) {
          violations.push({ file: rel, specifier, rule: 'product code may not import test code (it would ship in the app)' });
        }
        const fromLayer = layerOf(rel);
        const toLayer = target ? layerOf(resolveSource(root, target) ?? target) : -1;
        // shared/ has its own, stricter rule below.
        if (fromLayer > 0 && toLayer > fromLayer) {
          violations.push({ file: rel, specifier, rule: `the ${LAYERS[fromLayer]!.name} layer may not import the higher ${LAYERS[toLayer]!.name} layer` });
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
