import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteTurn } from '../../../electron/core/write-turn';
import { useTempDirs } from '../../helpers/temp-dir';

describe('turns at the write lock (main thread before an import chunk)', () => {
  const tempDir = useTempDirs();
  const opened: Database.Database[] = [];
  afterEach(() => opened.splice(0).forEach((db) => db.close()));

  const elapsed = (run: () => void) => {
    const started = performance.now();
    run();
    return performance.now() - started;
  };

  it('a worker starts its chunk at once when nobody waits, and defers it while a main-thread write runs (bounded)', () => {
    const turn = new WriteTurn();
    expect(elapsed(() => turn.inChunk(() => {}, 200))).toBeLessThan(20);
    let deferred = 0;
    turn.around(() => {
      // The same buffer, as the worker sees it: the main thread's write is under way.
      const worker = new WriteTurn(turn.buffer);
      deferred = elapsed(() => worker.inChunk(() => {}, 60));
    });
    expect(deferred).toBeGreaterThanOrEqual(55);
    expect(elapsed(() => turn.inChunk(() => {}, 200))).toBeLessThan(20);
  });

  it('the main thread takes its turn in the event loop once the chunk under way ends, and workers wait for its release', async () => {
    const turn = new WriteTurn();
    const worker = new WriteTurn(turn.buffer);
    let taking: Promise<() => void> | null = null;
    let tookAt = 0;
    let chunkEndedAt = 0;
    worker.inChunk(() => {
      // Asked while a chunk runs: it cannot be granted before the chunk ends.
      taking = turn.take(1_000).then((release) => {
        tookAt = performance.now();
        return release;
      });
      chunkEndedAt = performance.now();
    });
    const release = await taking!;
    expect(tookAt).toBeGreaterThanOrEqual(chunkEndedAt);
    // Held: the next chunk waits (here up to its 60 ms bound).
    expect(elapsed(() => worker.inChunk(() => {}, 60))).toBeGreaterThanOrEqual(55);
    release();
    release(); // twice is once
    expect(elapsed(() => worker.inChunk(() => {}, 200))).toBeLessThan(20);
    // With no chunk under way the turn is granted at once.
    const started = performance.now();
    (await turn.take(1_000))();
    expect(performance.now() - started).toBeLessThan(20);
  });

  it('a count left by a crashed worker is forgotten, and a take never waits past its bound', async () => {
    const turn = new WriteTurn();
    const counts = new Int32Array(turn.buffer);
    Atomics.store(counts, 1, 1); // a worker died inside a chunk
    let started = performance.now();
    (await turn.take(60))();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    turn.forgetChunks();
    started = performance.now();
    (await turn.take(1_000))();
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
