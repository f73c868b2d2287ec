import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBoundaryViolations, findImportCycles, importsOf } from '../../scripts/boundaries';
import { useTempDirs } from '../helpers/temp-dir';

describe('process boundary check', () => {
  const tempDir = useTempDirs();

  it('finds no violation in this repository', () => {
    expect(findBoundaryViolations(join(__dirname, '../..'))).toEqual([]);
    expect(findImportCycles(join(__dirname, '../..'))).toEqual([]);
  });

  it('catches an upward layer import, product code importing tests, and an import cycle', () => {
    const root = tempDir();
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('electron/app/root.ts', "import { lane } from '../sync/lane';");
    write('electron/sync/lane.ts', "import { root } from '../app/root';");
    write('electron/core/service.ts', "import { lane } from '../sync/lane';\nimport { sim } from '../../tests/sim';");
    write('electron/parsing/a.ts', "import { b } from './b';");
    write('electron/parsing/b.ts', "import { a } from './a';");
    write('tests/sim.ts', 'export const sim = 1;');
    const found = findBoundaryViolations(root).map((v) => `${v.file} ${v.specifier}`);
    expect(found.sort()).toEqual(['electron/core/service.ts ../../tests/sim', 'electron/core/service.ts ../sync/lane', 'electron/sync/lane.ts ../app/root'].sort());
    expect(findImportCycles(root)).toEqual([
      ['electron/app/root.ts', 'electron/sync/lane.ts', 'electron/app/root.ts'],
      ['electron/parsing/a.ts', 'electron/parsing/b.ts', 'electron/parsing/a.ts'],
    ]);
  });

  it('catches each kind of crossing in a synthetic tree', () => {
    const root = tempDir();
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('electron/main.ts', "import { app } from 'electron';");
    write('electron/core/sneaky.ts', "import { app } from 'electron';");
    write('renderer/src/bad.tsx', "import fs from 'node:fs';\nimport { x } from '../../db/schema';\nimport path from 'path';");
    write('shared/bad.ts', "import { z } from 'zod';\nimport Database from 'better-sqlite3';\nimport { y } from '../electron/core/errors';");
    const found = findBoundaryViolations(root).map((v) => `${v.file} ${v.specifier}`);
    expect(found.sort()).toEqual(
      ['electron/core/sneaky.ts electron', 'renderer/src/bad.tsx node:fs', 'renderer/src/bad.tsx ../../db/schema', 'renderer/src/bad.tsx path', 'shared/bad.ts better-sqlite3', 'shared/bad.ts ../electron/core/errors'].sort(),
    );
  });

  it('reads static, dynamic, re-export and require imports', () => {
    expect(importsOf("import a from 'a';\nexport { b } from \"b\";\nconst c = await import('c');\nrequire('d');\nimport 'e';")).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
