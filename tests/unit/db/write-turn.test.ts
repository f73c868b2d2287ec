import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteTurn } from '../../../electron/core/write-turn';
import { useTempDirs } from '../../helpers/temp-dir';

describe('turns at the write lock (main thread before an import chunk)', () => {
  const tempDir = useTempDirs();
  const opened: Database.Database[] = [];
  afterEach(() => opened.splice(0).forEach((db) => db.close()));

  it('a worker goes on at once when nobody waits, and waits while a write of the main thread runs (bounded)', () => {
    const turn = new WriteTurn();
    let started = performance.now();
    turn.yieldToWaiting(200);
    expect(performance.now() - started).toBeLessThan(20);

    let waited = 0;
    turn.around(() => {
      // The same buffer, as the worker sees it: the main thread's write is under way.
      const worker = new WriteTurn(turn.buffer);
      started = performance.now();
      worker.yieldToWaiting(60);
      waited = performance.now() - started;
    });
    expect(waited).toBeGreaterThanOrEqual(55);
    started = performance.now();
    turn.yieldToWaiting(200);
    expect(performance.now() - started).toBeLessThan(20);
  });

  it("counts every transaction of the connection it takes turns on, drizzle's variants included, and keeps their results and errors", () => {
    const db = new Database(join(tempDir(), 'turns.sqlite'));
    opened.push(db);
    db.exec('CREATE TABLE t (n INTEGER)');
    const turn = new WriteTurn();
    turn.takeTurnsOn(db);
    const seen = new Int32Array(turn.buffer);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const write = db.transaction((n: number) => {
      insert.run(n);
      return Atomics.load(seen, 0);
    });
    expect([write(1), write.immediate(2), write.deferred(3), write.exclusive(4)]).toEqual([1, 1, 1, 1]);
    expect(Atomics.load(seen, 0)).toBe(0);
    const failing = db.transaction(() => {
      insert.run(5);
      throw new Error('no');
    });
    expect(() => failing.immediate()).toThrow('no');
    expect(Atomics.load(seen, 0)).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 4 });
  });
});
