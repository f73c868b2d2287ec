/**
 * What leads' insert triggers keep, for many-row inserts (issue #11), both ways a chunk can write: with the triggers set
 * aside, doing their work itself in a few statements once its leads are in (the command line's: insert-triggers.ts), or
 * with the triggers, counting its leads' statuses itself while their trigger passes them by (the app's:
 * leadsCountedByWriter, migration 0070). The counts stay those of the table, the opt-out list gets the chunk's
 * do-not-contact leads, a failed chunk leaves nothing behind, the triggers are there after every chunk, and every other
 * insert is counted by them as before.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { INSERT_TRIGGERS_DONE_BY_BULK_INSERT } from '../../../electron/core/leads/insert-triggers';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import type { LeadWriterOptions } from '../../../electron/core/leads/new-lead';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import { useMigratedDatabases } from '../../helpers/databases';

const lead = (n: number, overrides: Partial<LeadDraft> = {}): LeadDraft => ({
  firstName: `L${n}`, lastName: null, phone: `+1512${String(3_000_000 + n)}`, phoneRaw: null, phoneExt: null, email: null, emailKey: null,
  address1: null, city: null, state: 'TX', postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null,
  doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [], ...overrides,
});

describe.each([
  { setsInsertTriggersAside: true, way: 'insert triggers set aside' },
  { setsInsertTriggersAside: false, way: 'insert triggers kept' },
])('lead counts of an import’s chunks, $way', ({ setsInsertTriggersAside }) => {
  const newDatabase = useMigratedDatabases();
  /** A LeadWriter writing chunks this describe's way. */
  const writerOf = (db: Database.Database, options: Omit<LeadWriterOptions, 'setsInsertTriggersAside'>) => new LeadWriter(db, { ...options, setsInsertTriggersAside });
  function open() {
    const db = newDatabase();
    db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://127.0.0.1:1', 1, 1)`).run();
    const batch = (queueSync: boolean) =>
      Number(db.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (1, 'f.csv', 'completed', ?, 1)`).run(queueSync ? 1 : 0).lastInsertRowid);
    const counted = () => db.prepare(`SELECT status, n FROM lead_status_counts WHERE n <> 0 ORDER BY status`).all();
    const actual = () => db.prepare(`SELECT status, count(*) AS n FROM leads GROUP BY status ORDER BY status`).all();
    // The insert triggers' text, as sqlite_master holds it: set aside during a chunk only, never changed.
    const insertTriggers = () => db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'leads' AND sql LIKE '%INSERT ON%' ORDER BY name`).all();
    const triggersBefore = insertTriggers();
    expect(triggersBefore).toHaveLength(INSERT_TRIGGERS_DONE_BY_BULK_INSERT.length);
    // The mark of the way with triggers: never committed.
    const flagRows = () => db.prepare('SELECT count(*) AS n FROM leads_counted_by_writer').get();
    const triggersKept = () => {
      expect(insertTriggers()).toEqual(triggersBefore);
      expect(flagRows()).toEqual({ n: 0 });
    };
    // The other counts the insert triggers keep, against the table.
    const heldBack = () => db.prepare(`SELECT company_id, batch_id, n FROM held_back_counts WHERE n <> 0 ORDER BY 1, 2`).all();
    const heldBackActual = () =>
      db.prepare(`SELECT company_id, coalesce(batch_id, 0) AS batch_id, count(*) AS n FROM leads WHERE status = 'new' AND do_not_contact = 0 GROUP BY 1, 2 ORDER BY 1, 2`).all();
    const outcomes = () => db.prepare(`SELECT batch_id, status, n FROM batch_outcome_counts WHERE n <> 0 ORDER BY 1, 2`).all();
    const outcomesActual = () =>
      db.prepare(`SELECT batch_id, status, count(*) AS n FROM leads WHERE batch_id IS NOT NULL AND status IN ('synced', 'failed', 'dnd', 'do-not-contact') GROUP BY 1, 2 ORDER BY 1, 2`).all();
    const optOuts = () => db.prepare(`SELECT kind, value, source, company_id AS companyId FROM opt_outs WHERE removed_at IS NULL ORDER BY value`).all();
    const allKept = () => {
      expect(counted()).toEqual(actual());
      expect(heldBack()).toEqual(heldBackActual());
      expect(outcomes()).toEqual(outcomesActual());
      triggersKept();
    };
    return { db, batch, counted, actual, allKept, optOuts, heldBack, outcomes, triggersKept };
  }

  it('counts a chunk’s leads by status, duplicates and do-not-contact rows included, as the table has them', () => {
    const { db, batch, counted, actual, allKept, optOuts, outcomes, heldBack } = open();
    const writer = writerOf(db, { companyId: 1, batchId: batch(true), onDuplicate: 'skip', queueSync: true, tag: null });
    // 40 rows: every 5th do-not-contact, and the last 4 repeats of earlier rows (not inserted).
    const rows = Array.from({ length: 36 }, (_, i) => lead(i, { doNotContact: i % 5 === 0, ...(i % 10 === 0 ? { email: `L${i}@example.com`, emailKey: `l${i}@example.com` } : {}) }));
    writer.writeChunk([...rows, lead(1), lead(2), lead(3), lead(4)]);
    expect(actual()).toEqual([{ status: 'do-not-contact', n: 8 }, { status: 'queued', n: 28 }]);
    expect(counted()).toEqual(actual());
    expect(outcomes()).toEqual([{ batch_id: 1, status: 'do-not-contact', n: 8 }]);
    // The do-not-contact rows' numbers and emails are on the opt-out list, as the lead's own (the trigger's source).
    expect(optOuts()).toEqual(
      [0, 5, 10, 15, 20, 25, 30, 35].flatMap((i) => [
        { kind: 'phone', value: lead(i).phone, source: 'lead-dnc', companyId: 1 },
        ...(i % 10 === 0 ? [{ kind: 'email', value: `l${i}@example.com`, source: 'lead-dnc', companyId: 1 }] : []),
      ]).sort((a, b) => a.value!.localeCompare(b.value!)),
    );
    allKept();
    // A held-back import beside it, and a lead typed in (counted by the trigger, one by one).
    writerOf(db, { companyId: 1, batchId: batch(false), onDuplicate: 'skip', queueSync: false, tag: null }).writeChunk([lead(100), lead(101)]);
    writerOf(db, { companyId: 1, batchId: null, onDuplicate: 'update', queueSync: true, tag: null }).writeChunk([lead(200)]);
    expect(actual()).toEqual([{ status: 'do-not-contact', n: 8 }, { status: 'new', n: 2 }, { status: 'queued', n: 29 }]);
    expect(heldBack()).toEqual([{ company_id: 1, batch_id: 2, n: 2 }]);
    allKept();
  });

  it('a chunk that fails after its leads went in leaves no lead and no count; the next insert is counted', () => {
    const { db, batch, counted, actual, allKept, optOuts } = open();
    const writer = writerOf(db, { companyId: 1, batchId: batch(true), onDuplicate: 'skip', queueSync: true, tag: null });
    expect(() =>
      writer.writeChunk([lead(1), lead(2)], () => {
        throw new Error('the disk is full');
      }),
    ).toThrow('the disk is full');
    expect(actual()).toEqual([]);
    expect(counted()).toEqual([]);
    expect(optOuts()).toEqual([]);
    allKept();
    // An insert of one lead outside any chunk (the trigger's).
    db.prepare(`INSERT INTO leads (company_id, first_name, phone, status, created_at, updated_at) VALUES (1, 'T', '+15125550199', 'queued', 1, 1)`).run();
    writer.writeChunk([lead(3)]);
    expect(actual()).toEqual([{ status: 'queued', n: 2 }]);
    allKept();
  });

  it('a chunk that fails inside its insert statements throws its own error, and leaves the triggers as they were', () => {
    const { db, batch, actual, allKept } = open();
    // No company 99: the first statement breaks its foreign key, while the triggers are set aside.
    const writer = writerOf(db, { companyId: 99, batchId: batch(true), onDuplicate: 'skip', queueSync: true, tag: null });
    expect(() => writer.writeChunk([lead(1), lead(2)])).toThrow(/FOREIGN KEY constraint failed/);
    expect(actual()).toEqual([]);
    allKept();
  });

  it('does for a chunk’s leads what the triggers do for the same leads inserted one by one', () => {
    // The same rows through the chunk's insert ('skip': triggers set aside) and one by one ('update': the triggers), into
    // two databases whose opt-out list holds, before: an active entry of another source for a do-not-contact row's
    // number (stays as it is), removed entries for another's number and email (listed again), and a removed entry for a
    // number of a row that is not do-not-contact (stays removed).
    const setUp = () => {
      const { db, batch } = open();
      db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('B', 'locB', 'http://127.0.0.1:1', 1, 1)`).run();
      const list = db.prepare(`INSERT INTO opt_outs (kind, value, source, reason, company_id, created_at, removed_at, removed_reason) VALUES (?, ?, ?, ?, ?, 5, ?, ?)`);
      list.run('phone', lead(0).phone, 'manual', 'asked on the phone', 2, null, null);
      list.run('phone', lead(5).phone, 'import', null, 2, 7, 'a mistake');
      list.run('email', 'l5@example.com', 'import', null, 2, 7, 'a mistake');
      list.run('phone', lead(1).phone, 'manual', null, null, 7, 'a mistake');
      return { db, batch };
    };
    const rows = [
      lead(0, { doNotContact: true }),
      lead(1),
      lead(5, { doNotContact: true, email: 'L5@example.com', emailKey: 'l5@example.com' }),
      lead(6, { doNotContact: true, phone: null, email: 'only@example.com', emailKey: 'only@example.com' }),
      lead(7),
      lead(7),
    ];
    const state = (db: Database.Database) => ({
      optOuts: db.prepare(`SELECT kind, value, source, reason, company_id, created_at, removed_at, removed_reason FROM opt_outs ORDER BY value`).all(),
      ...Object.fromEntries(
        ['lead_status_counts', 'held_back_counts', 'batch_outcome_counts', 'failed_reason_counts', 'synced_per_hour'].map((table) => [
          table,
          db.prepare(`SELECT * FROM ${table} WHERE n <> 0 ORDER BY 1, 2`).all(),
        ]),
      ),
    });
    for (const queueSync of [true, false]) {
      const results = (['skip', 'update'] as const).map((onDuplicate) => {
        const { db, batch } = setUp();
        writerOf(db, { companyId: 1, batchId: batch(queueSync), onDuplicate, queueSync, tag: null }).writeChunk(rows, () => {}, 1_000);
        return state(db);
      });
      expect(results[0], `queueSync ${queueSync}`).toEqual(results[1]);
      expect(results[0]!.optOuts).toHaveLength(5);
    }
  });

  it('an opted-out lead typed in after a chunk is listed by its trigger, which the chunk put back', () => {
    const { db, batch, allKept, optOuts } = open();
    writerOf(db, { companyId: 1, batchId: batch(true), onDuplicate: 'skip', queueSync: true, tag: null }).writeChunk([lead(1), lead(2)]);
    db.prepare(`INSERT INTO leads (company_id, first_name, phone, status, do_not_contact, created_at, updated_at) VALUES (1, 'T', '+15125550199', 'do-not-contact', 1, 1, 1)`).run();
    expect(optOuts()).toEqual([{ kind: 'phone', value: '+15125550199', source: 'lead-dnc', companyId: 1 }]);
    allKept();
  });

  it(
    setsInsertTriggersAside
      ? 'refuses to insert a chunk while leads has an insert trigger whose work the chunk does not do, and says so'
      : 'runs an insert trigger it does not know for each of the chunk’s leads',
    () => {
      const { db, batch, actual } = open();
      db.exec(`CREATE TABLE seen (lead_id INTEGER)`);
      db.exec(`CREATE TRIGGER leads_new_trigger AFTER INSERT ON leads BEGIN INSERT INTO seen (lead_id) VALUES (NEW.id); END`);
      const writer = writerOf(db, { companyId: 1, batchId: batch(true), onDuplicate: 'skip', queueSync: true, tag: null });
      if (setsInsertTriggersAside) {
        expect(() => writer.writeChunk([lead(1)])).toThrow(/leads_new_trigger is new.*Teach BatchLeadInserter/);
        expect(actual()).toEqual([]);
      } else {
        writer.writeChunk([lead(1), lead(2)]);
        expect(db.prepare('SELECT count(*) AS n FROM seen').get()).toEqual({ n: 2 });
      }
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name = 'leads_new_trigger'`).get()).toEqual({ n: 1 });
    },
  );
});
