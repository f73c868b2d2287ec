import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every transaction the app opens takes the write lock at BEGIN (better-sqlite3 `.immediate`,
 * drizzle `{ behavior: 'immediate' }`). A deferred transaction that reads before it writes fails
 * at once with SQLITE_BUSY when another connection (the sync or import worker) committed in
 * between — tests/integration/db/concurrent-writers.test.ts shows it happening. Read-only work
 * needs no transaction (each statement reads one consistent snapshot) unless several statements must
 * agree: then it says so with an explicit `.deferred`, which never takes the write lock.
 */
describe('write transactions', () => {
  it('every transaction in electron/ and db/ begins IMMEDIATE (or is an explicitly DEFERRED read)', () => {
    const deferred: string[] = [];
    for (const file of [...sourceFiles(join(root, 'electron')), ...sourceFiles(join(root, 'db'))]) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('.transaction(')) continue;
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'transaction') {
          const parent = node.parent;
          const betterSqliteImmediate = ts.isPropertyAccessExpression(parent) && (parent.name.text === 'immediate' || parent.name.text === 'deferred');
          const options = node.arguments[1];
          const drizzleImmediate =
            options !== undefined &&
            ts.isObjectLiteralExpression(options) &&
            options.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'behavior' && p.initializer.getText() === "'immediate'");
          if (!betterSqliteImmediate && !drizzleImmediate) {
            const { line } = source.getLineAndCharacterOfPosition(node.getStart());
            deferred.push(`${relative(root, file)}:${line + 1}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(deferred).toEqual([]);
  });
});
