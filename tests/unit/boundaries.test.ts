import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBoundaryViolations, importsOf } from '../../scripts/boundaries';
import { useTempDirs } from '../helpers/temp-dir';

describe('process boundary check', () => {
  const tempDir = useTempDirs();

  it('finds no violation in this repository', () => {
    expect(findBoundaryViolations(join(__dirname, '../..'))).toEqual([]);
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
