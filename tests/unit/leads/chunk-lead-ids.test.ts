/**
 * An import's chunk numbers its leads itself (BatchLeadInserter.insert, issue #11): the draft at index i becomes lead
 * idsAbove + i + 1, or nobody, and what the chunk counts is worked out from the values it bound instead of read back
 * from its new leads. These tests hold it to what reading them back gave: ids in the file's order, never an id in use,
 * and waiting counts per unsure state equal to those of the same rows written one at a time.
 */
import { describe, expect, it } from 'vitest';
import { unplacedStateOf, unplacedStateValue } from '../../../electron/core/jobs/lead-copy';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import { useMigratedDatabases } from '../../helpers/databases';

const lead = (n: number, overrides: Partial<LeadDraft> = {}): LeadDraft => ({
  firstName: `L${n}`, lastName: null, phone: `+1512${String(4_000_000 + n)}`, phoneRaw: null, phoneExt: null, email: null, emailKey: null,
  address1: null, city: null, state: null, postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null,
  doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [], ...overrides,
});

describe('the ids and counts of an import’s chunk', () => {
  const newDatabase = useMigratedDatabases();

  function open() {
    const db = newDatabase();
    const company = (name: string) =>
      Number(db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES (?, ?, 'http://127.0.0.1:1', 1, 1)`).run(name, `loc${name}`).lastInsertRowid);
    const batch = (companyId: number) =>
      Number(db.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (?, 'f.csv', 'completed', 1, 1)`).run(companyId).lastInsertRowid);
    return { db, company, batch };
  }

  it('works out the unsure state as the SQL the migrations’ triggers repeat does, case, blanks and other alphabets included', () => {
    const { db } = open();
    const sql = db.prepare<[string | null, string | null], string | null>(`SELECT ${unplacedStateValue('l')} FROM (SELECT ? AS state, ? AS country) l`).pluck();
    // "ıl": JavaScript's toUpperCase makes it "IL" (Illinois), SQLite's upper() leaves the dotless i.
    const states = [null, '', 'MS', 'ms', 'Ms', 'tx', 'XX', 'ON', 'ıl', ' TX', 'Texas', 'pr', 'PR'];
    const countries = [null, '', 'US', 'us', 'Us', 'CA', 'PR', 'pr', 'gu', 'MX', 'ÜS', 'uß'];
    for (const state of states) {
      for (const country of countries) expect([state, country, unplacedStateOf(state, country)]).toEqual([state, country, sql.get(state, country)]);
    }
  });

  it('counts its queued leads as waiting under the states their rows name, as the same rows written one at a time are', () => {
    const { db, company, batch } = open();
    const rows = ['MS', 'ms', 'TX', 'XX', null, 'ON', 'ıl', 'PR'].flatMap((state, i) => [
      lead(i * 10, { state }),
      lead(i * 10 + 1, { state, country: state === 'ON' ? 'CA' : state === 'PR' ? 'pr' : 'US' }),
      lead(i * 10 + 2, { state, country: null }),
      lead(i * 10 + 3, { state, doNotContact: true }),
    ]);
    const byChunk = company('Chunk');
    new LeadWriter(db, { companyId: byChunk, batchId: batch(byChunk), onDuplicate: 'skip', queueSync: true, tag: null }).writeChunk(rows);
    // 'update' writes row by row, each lead with its job, counted by the jobs' triggers from the lead's row in SQL.
    const oneByOne = company('OneByOne');
    new LeadWriter(db, { companyId: oneByOne, batchId: batch(oneByOne), onDuplicate: 'update', queueSync: true, tag: null }).writeChunk(rows);
    const waiting = db.prepare<[number], { zone: string; state: string; n: number }>(`SELECT zone, state, n FROM waiting_job_counts WHERE company_id = ? AND n <> 0 ORDER BY zone, state`);
    expect(waiting.all(byChunk)).toEqual(waiting.all(oneByOne));
    expect(waiting.all(byChunk).map((row) => row.state)).toEqual(['', 'MS~', 'PR~', 'TX~']);
  });

  it('numbers its leads in the file’s order; a duplicate leaves its id unused', () => {
    const { db, company, batch } = open();
    const companyId = company('A');
    const writer = new LeadWriter(db, { companyId, batchId: batch(companyId), onDuplicate: 'skip', queueSync: true, tag: null });
    const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => lead(from + i, { sourceRow: from + i }));
    // Rows 2 and 5 repeat row 1 (its phone), row 7 repeats row 3 (its email): 150 rows, so two statements.
    const chunk = rows(0, 150).map((row) =>
      row.sourceRow === 2 || row.sourceRow === 5 ? { ...row, phone: lead(1).phone } : row.sourceRow === 3 || row.sourceRow === 7 ? { ...row, email: 'same@example.com', emailKey: 'same@example.com' } : row,
    );
    expect(writer.writeChunk(chunk)).toMatchObject({ imported: 147, duplicates: 3 });
    const ids = db.prepare<[], { id: number; sourceRow: number }>('SELECT id, source_row AS sourceRow FROM leads ORDER BY id').all();
    expect(ids.map((row) => row.sourceRow)).toEqual(chunk.map((row) => row.sourceRow).filter((row) => row !== 2 && row !== 5 && row !== 7));
    expect(ids.map((row) => row.id - ids[0]!.id)).toEqual(ids.map((row) => row.sourceRow!));
    // The next chunk goes on above the last id given, not over it.
    writer.writeChunk(rows(150, 160));
    expect(db.prepare('SELECT min(id) - ? AS gap, count(*) AS n FROM leads WHERE source_row >= 150').get(ids.at(-1)!.id)).toEqual({ gap: 1, n: 10 });
  });

  it('never gives an id a lead has: above the highest one, whatever AUTOINCREMENT’s record says', () => {
    const { db, company, batch } = open();
    const companyId = company('A');
    // A lead numbered by hand, and the table's sequence record gone: numbered from the sequence, the chunk's rows would
    // have met its id, and ON CONFLICT DO NOTHING would have skipped them without a word.
    db.prepare(`INSERT INTO leads (id, company_id, first_name, phone, status, created_at, updated_at) VALUES (5, ?, 'Hand', '+15125550100', 'new', 1, 1)`).run(companyId);
    db.prepare(`DELETE FROM sqlite_sequence WHERE name = 'leads'`).run();
    const writer = new LeadWriter(db, { companyId, batchId: batch(companyId), onDuplicate: 'skip', queueSync: true, tag: null });
    expect(writer.writeChunk(Array.from({ length: 10 }, (_, i) => lead(i)))).toMatchObject({ imported: 10, duplicates: 0 });
    expect(db.prepare('SELECT min(id) AS low, count(*) AS n FROM leads WHERE first_name <> ?').get('Hand')).toEqual({ low: 6, n: 10 });
  });
});
