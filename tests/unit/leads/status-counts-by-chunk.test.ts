/**
 * lead_status_counts for many-row inserts (issue #11): a chunk counts its own leads in one statement once they are in,
 * while the per-lead trigger passes them by (batch-insert.ts, migration 0070). The counts stay those of the table,
 * a failed chunk leaves nothing behind, and every other insert is counted by the trigger as before.
 */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import { useTempDirs } from '../../helpers/temp-dir';

const lead = (n: number, overrides: Partial<LeadDraft> = {}): LeadDraft => ({
  firstName: `L${n}`, lastName: null, phone: `+1512${String(3_000_000 + n)}`, phoneRaw: null, phoneExt: null, email: null, emailKey: null,
  address1: null, city: null, state: 'TX', postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null,
  doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [], ...overrides,
});

describe('lead counts of an import’s chunks', () => {
  const tempDir = useTempDirs();
  const opened: Database.Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  function open() {
    const db = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    opened.push(db);
    db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://127.0.0.1:1', 1, 1)`).run();
    const batch = (queueSync: boolean) =>
      Number(db.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (1, 'f.csv', 'completed', ?, 1)`).run(queueSync ? 1 : 0).lastInsertRowid);
    const counted = () => db.prepare(`SELECT status, n FROM lead_status_counts WHERE n <> 0 ORDER BY status`).all();
    const actual = () => db.prepare(`SELECT status, count(*) AS n FROM leads GROUP BY status ORDER BY status`).all();
    const flagRows = () => db.prepare('SELECT count(*) AS n FROM leads_counted_by_writer').get();
    return { db, batch, counted, actual, flagRows };
  }

  it('counts a chunk’s leads by status, duplicates and do-not-contact rows included, as the table has them', () => {
    const { batch, counted, actual, flagRows } = open();
    const writer = new LeadWriter(opened[0]!, { companyId: 1, batchId: batch(true), onDuplicate: 'skip', queueSync: true, tag: null });
    // 40 rows: every 5th do-not-contact, and the last 4 repeats of earlier rows (not inserted).
    const rows = Array.from({ length: 36 }, (_, i) => lead(i, { doNotContact: i % 5 === 0 }));
    writer.writeChunk([...rows, lead(1), lead(2), lead(3), lead(4)]);
    expect(actual()).toEqual([{ status: 'do-not-contact', n: 8 }, { status: 'queued', n: 28 }]);
    expect(counted()).toEqual(actual());
    // A held-back import beside it, and a lead typed in (counted by the trigger, one by one).
    new LeadWriter(opened[0]!, { companyId: 1, batchId: batch(false), onDuplicate: 'skip', queueSync: false, tag: null }).writeChunk([lead(100), lead(101)]);
    new LeadWriter(opened[0]!, { companyId: 1, batchId: null, onDuplicate: 'update', queueSync: true, tag: null }).writeChunk([lead(200)]);
    expect(actual()).toEqual([{ status: 'do-not-contact', n: 8 }, { status: 'new', n: 2 }, { status: 'queued', n: 29 }]);
    expect(counted()).toEqual(actual());
    expect(flagRows()).toEqual({ n: 0 });
  });

  it('a chunk that fails after its leads went in leaves no lead, no count and no mark; the next insert is counted', () => {
    const { db, batch, counted, actual, flagRows } = open();
    const writer = new LeadWriter(db, { companyId: 1, batchId: batch(true), onDuplicate: 'skip', queueSync: true, tag: null });
    expect(() =>
      writer.writeChunk([lead(1), lead(2)], () => {
        throw new Error('the disk is full');
      }),
    ).toThrow('the disk is full');
    expect(actual()).toEqual([]);
    expect(counted()).toEqual([]);
    expect(flagRows()).toEqual({ n: 0 });
    // An insert of one lead outside any chunk (the trigger's).
    db.prepare(`INSERT INTO leads (company_id, first_name, phone, status, created_at, updated_at) VALUES (1, 'T', '+15125550199', 'queued', 1, 1)`).run();
    writer.writeChunk([lead(3)]);
    expect(actual()).toEqual([{ status: 'queued', n: 2 }]);
    expect(counted()).toEqual(actual());
  });
});
