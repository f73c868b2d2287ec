/**
 * The stricter import baseline of `npm run bench:import`, run as a process of its own (bundled to
 * plain JavaScript first, like the CLI): papaparse streaming parse + one prepared INSERT OR IGNORE
 * into a plain table whose phone column is UNIQUE (no normalization, no triggers, no other index),
 * one transaction, on a connection set up like the app's (WAL, synchronous NORMAL).
 * Usage: node strict-baseline.cjs FILE.csv DB_FILE → prints {"rows","inserted"}
 */
import Database from 'better-sqlite3';
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

async function main(file: string, dbFile: string): Promise<void> {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE leads (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, phone TEXT UNIQUE, email TEXT, address TEXT, city TEXT, state TEXT, zip TEXT, notes TEXT)',
  );
  const insert = db.prepare('INSERT OR IGNORE INTO leads (first_name, last_name, phone, email, address, city, state, zip, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let rows = 0;
  let inserted = 0;
  db.exec('BEGIN');
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8' }), {
      skipEmptyLines: true,
      step: (result) => {
        rows++;
        if (rows === 1) return; // header
        const c = result.data;
        inserted += insert.run(c[0], c[1], c[2], c[3] || null, c[4], c[5], c[6], c[7], c[8] || null).changes;
      },
      complete: () => resolve(),
      error: reject,
    });
  });
  db.exec('COMMIT');
  db.close();
  process.stdout.write(`${JSON.stringify({ rows: rows - 1, inserted })}\n`);
}

const [file, dbFile] = process.argv.slice(2);
if (!file || !dbFile) throw new Error('usage: strict-baseline FILE.csv DB_FILE');
void main(file, dbFile);
