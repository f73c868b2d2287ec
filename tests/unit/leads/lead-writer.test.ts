import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../../db/open';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import type { LeadWriterOptions } from '../../../electron/core/leads/new-lead';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import { syncAllQueued } from '../../helpers/jobs';
import { useTempDirs } from '../../helpers/temp-dir';

const blank: LeadDraft = {
  firstName: null, lastName: null, phone: null, phoneRaw: null, phoneExt: null, email: null, emailKey: null, address1: null,
  city: null, state: null, postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null,
  doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [],
};
const draft = (values: Partial<LeadDraft>): LeadDraft => ({ ...blank, ...values });
const withEmail = (email: string, values: Partial<LeadDraft> = {}) => draft({ email, emailKey: email.toLowerCase(), ...values });

describe('LeadWriter', () => {
  const tempDir = useTempDirs();
  const opened: Db[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.$client.close();
  });

  function setup(options: Partial<LeadWriterOptions> = {}) {
    const db = openDatabase(join(tempDir(), 'leads.sqlite'));
    opened.push(db);
    const client = db.$client;
    const now = Date.now();
    const companyId = Number(
      client.prepare("INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA1', 'https://x', ?, ?)").run(now, now)
        .lastInsertRowid,
    );
    const writer = new LeadWriter(client, { companyId, batchId: null, onDuplicate: 'skip', queueSync: true, tag: 'reactivation-2026-01', ...options });
    const leads = () => client.prepare('SELECT id, first_name AS firstName, phone, email_key AS emailKey, city, notes, status, do_not_contact AS dnc FROM leads ORDER BY id').all() as Array<Record<string, unknown>>;
    const jobs = () => client.prepare('SELECT lead_id AS leadId, state, idempotency_key AS key FROM sync_jobs ORDER BY id').all() as Array<Record<string, unknown>>;
    return { client, companyId, writer, leads, jobs };
  }

  it('dedupes on phone or email within the file and against existing leads (skip)', () => {
    const { writer, leads, jobs, companyId } = setup();
    writer.writeChunk([draft({ firstName: 'Old', phone: '+15125550100' })]);
    const counts = writer.writeChunk([
      draft({ firstName: 'Ann', phone: '+15125550142' }),
      withEmail('Bob@Example.com', { firstName: 'Bob' }),
      draft({ firstName: 'Ann again', phone: '+15125550142', city: 'Austin' }), // in file, by phone
      withEmail('bob@example.com', { firstName: 'Bob again' }), // in file, by email (case-insensitive key): no phone, not a new lead without one
      draft({ firstName: 'Old again', phone: '+15125550100' }), // existing
    ]);
    expect(counts).toEqual({ imported: 2, updated: 0, duplicates: 3, importedWithoutPhone: 1, notesCut: 0 });
    expect(leads().map((l) => l.firstName)).toEqual(['Old', 'Ann', 'Bob']);
    expect(leads().find((l) => l.firstName === 'Ann')).toMatchObject({ city: null, status: 'queued' });
    expect(jobs()).toHaveLength(3);
    expect(jobs()[1]).toMatchObject({ state: 'queued', key: `${companyId}:${leads()[1]!.id}:sync` });
  });

  // "Skip duplicates" kept none of a skipped row's details, its own number neither (matched by email, with another
  // phone): the customer's STOP sent to that lead did not list the number, which stayed sendable at every other
  // company. Update mode kept it. Now both do; a row that adds no number stores nothing.
  it("'skip' keeps a skipped row's own number for the customer's opt-out when it matched her lead by email", () => {
    const { writer, client } = setup();
    writer.writeChunk([withEmail('ann@example.com', { firstName: 'Ann', phone: '+15125550142' }), withEmail('cy@example.com', { firstName: 'Cy', phone: '+15125550150' })]);
    const otherKeys = () => client.prepare('SELECT l.first_name AS firstName, k.kind, k.value FROM lead_other_keys k JOIN leads l ON l.id = k.lead_id ORDER BY k.value').all();
    const counts = writer.writeChunk([
      withEmail('ANN@example.com', { firstName: 'Ann', phone: '+15125550199' }), // her second number: kept
      withEmail('ann@example.com', { firstName: 'Ann', phone: '+15125550142' }), // the same as her lead's: nothing
      withEmail('cy@example.com', { firstName: 'Cy', phone: '+15125550150', city: 'Austin' }), // the same: nothing
      draft({ firstName: 'Dee', phone: '+15125550160' }), // new
    ]);
    expect(counts).toEqual({ imported: 1, updated: 0, duplicates: 3, importedWithoutPhone: 0, notesCut: 0 });
    expect(otherKeys()).toEqual([{ firstName: 'Ann', kind: 'phone', value: '+15125550199' }]);
    // Within one file too: the second row of the same email, under another number.
    writer.writeChunk([withEmail('eve@example.com', { firstName: 'Eve', phone: '+15125550170' }), withEmail('eve@example.com', { firstName: 'Eve', phone: '+15125550171' })]);
    expect(otherKeys()).toContainEqual({ firstName: 'Eve', kind: 'phone', value: '+15125550171' });
  });

  // A skipped row's other email was kept when its number's lead came from an earlier chunk, and lost when that lead was
  // new in the same chunk (the writer then did not look the row up): where a file's chunks happened to end decided.
  it("'skip' keeps a skipped row's other email whether its number's lead is new in the same chunk or came before", () => {
    const { writer, client } = setup();
    const otherKeys = () => client.prepare('SELECT l.first_name AS firstName, k.kind, k.value FROM lead_other_keys k JOIN leads l ON l.id = k.lead_id ORDER BY k.value').all();
    writer.writeChunk([withEmail('ann@example.com', { firstName: 'Ann', phone: '+15125550142' })]);
    writer.writeChunk([withEmail('ann.work@example.com', { firstName: 'Ann', phone: '+15125550142' })]);
    writer.writeChunk([
      withEmail('bob@example.com', { firstName: 'Bob', phone: '+15125550150' }),
      withEmail('bob.work@example.com', { firstName: 'Bob', phone: '+15125550150' }),
    ]);
    expect(otherKeys()).toEqual([
      { firstName: 'Ann', kind: 'email', value: 'ann.work@example.com' },
      { firstName: 'Bob', kind: 'email', value: 'bob.work@example.com' },
    ]);
  });

  it("'update' fills only the existing lead's empty fields and re-queues its sync, never overwrites", () => {
    const { writer, leads, jobs, client } = setup({ onDuplicate: 'update' });
    writer.writeChunk([draft({ firstName: 'Ann', phone: '+15125550142', notes: 'keep me' })]);
    syncAllQueued(client);
    const counts = writer.writeChunk([
      draft({ firstName: 'Annie', phone: '+15125550142', city: 'Austin', notes: 'new note' }),
      draft({ firstName: 'Ann', phone: '+15125550142' }), // adds nothing: a plain duplicate
    ]);
    expect(counts).toEqual({ imported: 0, updated: 1, duplicates: 1, importedWithoutPhone: 0, notesCut: 0 });
    // Notes are a record, not a field: the second file's note is added below, not dropped.
    // In the campaign already: it stays sent while its update waits (lead-edit-queue.test.ts).
    expect(leads()).toEqual([expect.objectContaining({ firstName: 'Ann', city: 'Austin', notes: 'keep me\n\nnew note', status: 'synced' })]);
    // One job row per lead, reset from succeeded to queued.
    expect(jobs()).toEqual([expect.objectContaining({ state: 'queued' })]);
  });

  // Tags are a list, not a field: a lead tagged "storm" by one CRM never got a second file's "VIP" (filled only when empty).
  it("'update' adds the file's old CRM tags to the lead's, once each; the same tags again change nothing", () => {
    const { writer, client } = setup({ onDuplicate: 'update' });
    writer.writeChunk([draft({ firstName: 'Ann', phone: '+15125550142', crmTags: 'storm; hail-2019' })]);
    syncAllQueued(client);
    expect(writer.writeChunk([draft({ firstName: 'Ann', phone: '+15125550142', crmTags: 'VIP; Storm' })])).toMatchObject({ updated: 1 });
    expect(client.prepare('SELECT crm_tags FROM leads').pluck().get()).toBe('storm; hail-2019; VIP');
    expect(writer.writeChunk([draft({ firstName: 'Ann', phone: '+15125550142', crmTags: 'vip' })])).toMatchObject({ updated: 0, duplicates: 1 });
    // Past the list's length, the file's other tags go to the notes, not nowhere (a review).
    const many = Array.from({ length: 50 }, (_, i) => `Insurance Claim Approved ${i}`);
    writer.writeChunk([draft({ firstName: 'Ann', phone: '+15125550142', crmTags: many.join('; ') })]);
    const row = client.prepare('SELECT crm_tags AS tags, notes FROM leads').get() as { tags: string; notes: string };
    const kept = row.tags.split('; ');
    expect(kept.slice(0, 3)).toEqual(['storm', 'hail-2019', 'VIP']);
    expect(row.notes).toContain(`Tags (more than fit): ${many.slice(kept.length - 3).join('; ')}`);
  });

  // The office removed a wrong number from a lead that went to GHL; importing the old file again with 'update' gave it
  // back (the lead's phone was empty), and the campaign texted the neighbour again (a review).
  it("'update' does not give back a phone the office removed, nor keep it as an other phone", () => {
    const { writer, client } = setup({ onDuplicate: 'update' });
    writer.writeChunk([withEmail('ann@example.com', { firstName: 'Ann', phone: '+15125550142' })]);
    syncAllQueued(client);
    client.prepare(`UPDATE leads SET ghl_contact_id = 'c1'`).run();
    client.prepare(`UPDATE leads SET phone = NULL`).run();
    writer.writeChunk([withEmail('ann@example.com', { firstName: 'Ann', phone: '+15125550142', city: 'Austin' })]);
    const row = client.prepare('SELECT phone, city, notes FROM leads').get() as { phone: string | null; city: string; notes: string | null };
    expect(row).toMatchObject({ phone: null, city: 'Austin' });
    expect(row.notes ?? '').not.toContain('5550142');
    // Nor as one of her other numbers, which her opt-out would put on the office-wide list (a review).
    expect(client.prepare('SELECT count(*) FROM lead_other_keys').pluck().get()).toBe(0);
    writer.writeChunk([withEmail('ann@example.com', { firstName: 'Ann', phone: '+15125550142' })]);
    expect(client.prepare('SELECT count(*) FROM lead_other_keys').pluck().get()).toBe(0);
  });

  // A second CRM's export of the same customer (found by email) has another number and its own job history:
  // both were dropped because the lead's phone and notes were not empty. Importing the file again adds nothing.
  // The notes' limit took the end of the text, so the other number added below a long call log was lost.
  it("'update' keeps the other number whole below long notes: the second file's notes give way first, then the lead's own", () => {
    const { writer, leads } = setup({ onDuplicate: 'update' });
    const own = 'JobNimbus call log. '.repeat(400); // 8,000 characters
    writer.writeChunk([withEmail('ann@example.com', { firstName: 'Ann', phone: '+15125550142', notes: own })]);
    const theirs = 'AccuLynx call log. '.repeat(300); // 5,700 characters
    writer.writeChunk([withEmail('ann@example.com', { phone: '+15125550199', phoneRaw: '512-555-0199', notes: theirs })]);
    const notes = String(leads()[0]?.notes);
    expect(notes).toHaveLength(10_000);
    expect(notes.startsWith(own)).toBe(true);
    expect(notes.endsWith('\n\nOther phone: +15125550199')).toBe(true);
    expect(notes).toContain('AccuLynx call log.');
  });

  // The cut was silent: the office never learnt that part of a customer's job history stayed behind in the old file.
  it("'update' says where it cut notes that did not fit, counts it, and the same row again changes nothing", () => {
    const { writer, leads } = setup({ onDuplicate: 'update' });
    const own = 'JobNimbus call log. '.repeat(400); // 8,000 characters
    writer.writeChunk([withEmail('ann@example.com', { firstName: 'Ann', phone: '+15125550142', notes: own })]);
    const theirs = [withEmail('ann@example.com', { notes: 'AccuLynx call log. '.repeat(300), sourceRow: 7 })]; // 5,700 characters
    expect(writer.writeChunk(theirs)).toMatchObject({ updated: 1, notesCut: 1 });
    const notes = String(leads()[0]?.notes);
    expect(notes).toHaveLength(10_000);
    expect(notes.endsWith('\n\n[Notes cut here: more than 10,000 characters. What did not fit is in row 7 of the file.]')).toBe(true);
    expect(writer.writeChunk(theirs)).toMatchObject({ updated: 0, duplicates: 1, notesCut: 0 });
    expect(leads()[0]?.notes).toBe(notes);
    // Notes that fit are no cut.
    expect(writer.writeChunk([withEmail('bo@example.com', { notes: 'Roof 2019' }), withEmail('bo@example.com', { notes: 'Gutters 2021' })])).toMatchObject({ imported: 1, updated: 1, notesCut: 0 });
  });

  // An office manager's review: "Kim Lee" at Ann Lee's number (her daughter) filled Ann's empty email with Kim's, which
  // went to Ann's GHL contact.
  it("'update' keeps another person at the lead's number in its notes, and fills nothing of the lead with hers", () => {
    const { writer, leads } = setup({ onDuplicate: 'update' });
    writer.writeChunk([draft({ firstName: 'Ann', lastName: 'Lee', phone: '+15125550143' })]);
    const kim = [withEmail('kim.lee@example.com', { firstName: 'Kim', lastName: 'Lee', phone: '+15125550143', city: 'Austin', notes: "Ann's daughter" })];
    expect(writer.writeChunk(kim)).toMatchObject({ updated: 1 });
    expect(leads()[0]).toMatchObject({ firstName: 'Ann', emailKey: null, city: null, notes: "Also at this number: Kim Lee · kim.lee@example.com · Austin\nAnn's daughter" });
    expect(writer.writeChunk(kim)).toMatchObject({ updated: 0, duplicates: 1 });
    // Her do-not-contact is the number's.
    expect(writer.writeChunk([{ ...kim[0]!, doNotContact: true }])).toMatchObject({ updated: 1 });
    expect(leads()[0]).toMatchObject({ dnc: 1, status: 'do-not-contact' });
    // The same person by an initial, or by a name hers begins with: filled as before. Another first name is another person.
    writer.writeChunk([draft({ firstName: 'Ann', lastName: 'Day', phone: '+15125550144' })]);
    writer.writeChunk([withEmail('ann.day@example.com', { firstName: 'A.', lastName: 'Day', phone: '+15125550144' })]);
    writer.writeChunk([draft({ firstName: 'Annie', lastName: 'Day', phone: '+15125550144', city: 'Waco' })]);
    writer.writeChunk([draft({ firstName: 'Robert', lastName: 'Day', phone: '+15125550144', address1: '1 Elm St' })]);
    expect(leads()[1]).toMatchObject({ firstName: 'Ann', emailKey: 'ann.day@example.com', city: 'Waco', notes: 'Also at this number: Robert Day · 1 Elm St' });
  });

  it("'update' keeps the file's other number and its notes in the lead's notes, once", () => {
    const { writer, leads } = setup({ onDuplicate: 'update' });
    writer.writeChunk([withEmail('ann@example.com', { firstName: 'Ann', phone: '+15125550142', notes: 'JobNimbus: roof 2019' })]);
    const second = [withEmail('ann@example.com', { phone: '+15125550199', phoneRaw: '512-555-0199', notes: 'AccuLynx: gutters 2021', email: 'ANN@example.com' })];
    expect(writer.writeChunk(second)).toEqual({ imported: 0, updated: 1, duplicates: 0, importedWithoutPhone: 0, notesCut: 0 });
    const notes = String(leads()[0]?.notes);
    expect(notes).toContain('JobNimbus: roof 2019');
    expect(notes).toContain('AccuLynx: gutters 2021');
    expect(notes).toContain('Other phone: +15125550199');
    expect(leads()[0]).toMatchObject({ phone: '+15125550142' });
    expect(writer.writeChunk(second)).toEqual({ imported: 0, updated: 0, duplicates: 1, importedWithoutPhone: 0, notesCut: 0 });
    expect(String(leads()[0]?.notes)).toBe(notes);
  });

  it('does not fill an email that belongs to another lead of the company', () => {
    const { writer, leads } = setup({ onDuplicate: 'update' });
    writer.writeChunk([draft({ firstName: 'A', phone: '+15125550142' }), withEmail('b@example.com', { firstName: 'B' })]);
    const counts = writer.writeChunk([withEmail('b@example.com', { phone: '+15125550142' })]);
    expect(counts).toEqual({ imported: 0, updated: 0, duplicates: 1, importedWithoutPhone: 0, notesCut: 0 });
    expect(leads()[0]).toMatchObject({ emailKey: null });
  });

  it('stores do-not-contact leads as such and never queues them; queueSync=false stores new leads without jobs', () => {
    const { writer, leads, jobs } = setup();
    writer.writeChunk([draft({ phone: '+15125550142', doNotContact: true })]);
    expect(leads()[0]).toMatchObject({ status: 'do-not-contact', dnc: 1 });
    expect(jobs()).toEqual([]);

    const quiet = setup({ queueSync: false });
    quiet.writer.writeChunk([draft({ phone: '+15125550143' })]);
    expect(quiet.leads()[0]).toMatchObject({ status: 'new' });
    expect(quiet.jobs()).toEqual([]);
  });

  it('a DNC row in an update import turns the existing lead do-not-contact and cancels its unsent job', () => {
    const { writer, leads, jobs } = setup({ onDuplicate: 'update' });
    writer.writeChunk([draft({ phone: '+15125550142' })]);
    expect(writer.writeChunk([draft({ phone: '+15125550142', doNotContact: true })])).toMatchObject({ updated: 1 });
    expect(leads()[0]).toMatchObject({ status: 'do-not-contact', dnc: 1 });
    expect(jobs()[0]).toMatchObject({ state: 'cancelled' });
  });

  it('a chunk whose transaction throws midway leaves neither its leads nor its jobs', () => {
    const { writer, leads, jobs } = setup();
    writer.writeChunk([draft({ phone: '+15125550100' })]);
    expect(() =>
      writer.writeChunk([draft({ phone: '+15125550142' }), draft({ phone: '+15125550143' })], () => {
        throw new Error('power cut');
      }),
    ).toThrow('power cut');
    expect(leads()).toHaveLength(1);
    expect(jobs()).toHaveLength(1);
  });

  it('chunks of every size prepare a few insert statements, not one per remainder, and keep every row in file order', () => {
    const { client, writer, leads, jobs } = setup();
    const prepare = vi.spyOn(client, 'prepare');
    let phone = 5550000;
    // 40 chunks of 101 … 140 rows: 40 different remainders after the 100-row statements.
    for (let rows = 101; rows <= 140; rows++) {
      const counts = writer.writeChunk(Array.from({ length: rows }, () => draft({ firstName: `n${phone}`, phone: `+1512${phone++}` })));
      expect(counts.imported).toBe(rows);
    }
    const inserts = prepare.mock.calls.filter(([sql]) => String(sql).startsWith('INSERT INTO leads'));
    // 100 rows, then 64, 32, 16, 8, 4, 2, 1: at most 8 sizes, each prepared once.
    expect(inserts.length).toBeLessThanOrEqual(8);
    const written = leads();
    expect(written).toHaveLength(40 * 101 + (39 * 40) / 2);
    expect(written.map((lead) => lead.firstName)).toEqual(Array.from({ length: written.length }, (_, i) => `n${5550000 + i}`));
    expect(jobs()).toHaveLength(written.length);
  });

  // A full statement binds a column once when all its rows hold the same value (batch-insert.ts sharedColumns): every
  // row must still get its own values, whichever columns happen to be shared, and a value that differs only in the
  // last row, or is shared in one statement and not the next, must not leak into other rows.
  it('rows that share values with the rest of their statement keep their own, whichever columns are shared', () => {
    const { client, writer } = setup();
    const fieldId = 'cf_roof_age';
    client.prepare("INSERT INTO ghl_custom_fields (company_id, id, name, data_type, seen_at) VALUES (1, ?, 'Roof age', 'TEXT', 0)").run(fieldId);
    const drafts = Array.from({ length: 250 }, (_, i) =>
      draft({
        firstName: `F${i}`,
        lastName: i < 100 ? 'Same' : `L${i}`, // shared in the first statement only
        phone: `+1512555${String(1000 + i)}`,
        phoneRaw: `512-555-${1000 + i}`,
        city: i === 99 ? 'Dallas' : 'Austin', // differs only in the last row of the first statement
        state: 'TX',
        country: i >= 100 && i < 200 ? 'CA' : 'US', // shared in each statement, a different value in the second
        notes: i >= 100 && i < 200 ? 'Same note' : null,
        doNotContact: i >= 100 && i < 200, // a whole statement of do-not-contact rows
        crmTags: i % 7 === 0 ? 'storm' : null,
        sourceRow: i + 2,
        customValues: i === 150 ? [{ fieldId, value: '12' }] : [], // the second statement returns its ids
      }),
    );
    expect(writer.writeChunk(drafts).imported).toBe(250);
    const stored = client
      .prepare(
        `SELECT first_name AS firstName, last_name AS lastName, phone, phone_raw AS phoneRaw, city, state, country, notes,
                do_not_contact AS dnc, status, crm_tags AS crmTags, source_row AS sourceRow, tag FROM leads ORDER BY id`,
      )
      .all();
    expect(stored).toEqual(
      drafts.map((d) => ({
        firstName: d.firstName, lastName: d.lastName, phone: d.phone, phoneRaw: d.phoneRaw, city: d.city, state: d.state, country: d.country,
        notes: d.notes, dnc: d.doNotContact ? 1 : 0, status: d.doNotContact ? 'do-not-contact' : 'queued', crmTags: d.crmTags, sourceRow: d.sourceRow,
        tag: 'reactivation-2026-01',
      })),
    );
    expect(client.prepare('SELECT l.first_name AS firstName, v.value FROM lead_custom_values v JOIN leads l ON l.id = v.lead_id').all()).toEqual([{ firstName: 'F150', value: '12' }]);
  });

  // Columns only sometimes filled make a different set of shared columns in nearly every statement: each set prepared
  // a 100-row statement of its own (~0.24 MB), 239 of them in a review's 200k rows. Past a few, a statement binds per
  // row what the prepared sets do not share.
  it('prepares full statements for a few sets of shared columns only, and rows past them keep their own values', () => {
    const { client, writer } = setup();
    const prepare = vi.spyOn(client, 'prepare');
    // 40 statements of 100 rows; in statement s, the columns of s's bits (5 of them) differ in its last row.
    const drafts = Array.from({ length: 4_000 }, (_, i) => {
      const statement = Math.floor(i / 100);
      const varies = (bit: number) => (statement & (1 << bit)) !== 0 && i % 100 === 99;
      return draft({
        firstName: `F${i}`, phone: `+1512556${String(i).padStart(4, '0')}`,
        city: varies(0) ? 'Dallas' : 'Austin', state: varies(1) ? 'OK' : 'TX', notes: varies(2) ? 'called' : null,
        jobType: varies(3) ? 'gutters' : null, crmStatus: varies(4) ? 'won' : 'lost',
      });
    });
    expect(writer.writeChunk(drafts).imported).toBe(4_000);
    const fullInserts = prepare.mock.calls.filter(([sql]) => String(sql).startsWith('INSERT INTO leads') && String(sql).split('),(').length === 100);
    expect(fullInserts.length).toBeLessThanOrEqual(9); // 8 sets, and none shared
    const stored = client.prepare('SELECT first_name AS firstName, city, state, notes, job_type AS jobType, crm_status AS crmStatus FROM leads ORDER BY id').all();
    expect(stored).toEqual(drafts.map((d) => ({ firstName: d.firstName, city: d.city, state: d.state, notes: d.notes, jobType: d.jobType, crmStatus: d.crmStatus })));
  });
});
