import { statSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../db/open';
import { runImport } from '../../../electron/core/imports/run-import';
import { WriteTurn } from '../../../electron/core/write-turn';
import { suggestMapping } from '../../../electron/parsing/mapping';
import { tempDir } from './helpers';

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function csv(rows: number): string {
  const lines = ['First Name,Phone'];
  for (let i = 0; i < rows; i++) lines.push(`Lead ${i},(512) ${String(200 + Math.floor(i / 10_000))}-${String(i % 10_000).padStart(4, '0')}`);
  return `${lines.join('\n')}\n`;
}

/** A migrated database with one company and a running batch; `pragma` records where the writer's checkpoints run. */
function setup() {
  const dir = tempDir();
  dirs.push(dir);
  const databasePath = dir.file('leads.sqlite', '');
  const db = openDatabase(databasePath);
  const client = db.$client;
  const companyId = Number(client.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Acme', 'locAcme1', 'http://127.0.0.1:9', 0, 0)`).run().lastInsertRowid);
  const batchId = Number(client.prepare(`INSERT INTO import_batches (company_id, file_name, state, created_at) VALUES (?, 'f.csv', 'running', 0)`).run(companyId).lastInsertRowid);
  client.pragma('wal_checkpoint(TRUNCATE)');
  const turn = new WriteTurn();
  const inChunk = () => Atomics.load(new Int32Array(turn.buffer), 1) > 0;
  const checkpoints: Array<{ isInChunk: boolean; autoCheckpoint: number }> = [];
  const pragma = client.pragma.bind(client);
  vi.spyOn(client, 'pragma').mockImplementation((source, options) => {
    if (source.startsWith('wal_checkpoint')) checkpoints.push({ isInChunk: inChunk(), autoCheckpoint: pragma('wal_autocheckpoint', { simple: true }) as number });
    return pragma(source, options);
  });
  const run = (checkpoints: 'in-thread' | 'between-chunks', jobDatabasePath = databasePath) =>
    runImport(
      client,
      {
        kind: 'import', databasePath: jobDatabasePath, batchId, companyId, path: dir.file('leads.csv', csv(5_000)),
        options: { encoding: 'utf-8', delimiter: ',', hasHeader: true }, mapping: suggestMapping(['First Name', 'Phone']), fixes: [],
        tag: null, onDuplicate: 'skip', queueSync: true, rejectedFile: dir.file('rejected.csv', ''), chunkRows: 1_000, writeTurn: turn.buffer, checkpoints, setsInsertTriggersAside: false,
      },
      { signal: new AbortController().signal, onProgress: () => {} },
    );
  return { client, databasePath, checkpoints, pragma, run };
}

describe("the import writer's checkpoints", () => {
  // SQLite's automatic checkpoint runs inside the commit call, i.e. inside the chunk's turn, where the
  // app's saves wait for it (longest save during a 1M-row import: 91–96 ms with it, 59–71 ms without).
  it("run after each chunk, outside its turn, in the app; the automatic one is off meanwhile and back after", async () => {
    const { client, checkpoints, pragma, run } = setup();
    const autoCheckpoint = pragma('wal_autocheckpoint', { simple: true });
    expect(autoCheckpoint).toBeGreaterThan(0);
    expect(await run('between-chunks')).toMatchObject({ state: 'completed', imported: 5_000 });
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
    expect(checkpoints.every((c) => !c.isInChunk && c.autoCheckpoint === 0)).toBe(true);
    expect(pragma('wal_autocheckpoint', { simple: true })).toBe(autoCheckpoint);
    client.close();
  });

  // Copied on the writer's own thread after each chunk, the pages took ~0.4 s of a 2.5 s 100k-row import.
  it("are copied back by a thread of their own for the command line, never in the writer's; the automatic one is off meanwhile and back after", async () => {
    const { client, databasePath, checkpoints, pragma, run } = setup();
    const autoCheckpoint = pragma('wal_autocheckpoint', { simple: true });
    expect(autoCheckpoint).toBeGreaterThan(0);
    const fileBefore = statSync(databasePath).size;
    expect(await run('in-thread')).toMatchObject({ state: 'completed', imported: 5_000 });
    expect(checkpoints).toEqual([]);
    // Only a checkpoint writes the database file itself (a commit writes the WAL): the leads are in it.
    expect(statSync(databasePath).size - fileBefore).toBeGreaterThan(200_000);
    expect(pragma('wal_autocheckpoint', { simple: true })).toBe(autoCheckpoint);
    client.close();
  });

  it('are copied by the writer itself, after each chunk and outside its turn, when that thread cannot open the database', async () => {
    const { client, checkpoints, run } = setup();
    // A path the checkpoint thread cannot open as a database: it stops at once and the writer takes over.
    expect(await run('in-thread', '/nonexistent/leads.sqlite')).toMatchObject({ state: 'completed', imported: 5_000 });
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
    expect(checkpoints.every((c) => !c.isInChunk && c.autoCheckpoint === 0)).toBe(true);
    client.close();
  });
});
