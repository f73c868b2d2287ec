import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/open';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import { suggestMapping } from '../../../electron/parsing/mapping';
import { createRowValidator, type LeadDraft } from '../../../electron/parsing/row-validator';
import { customFieldKey, customFieldTarget, matchCustomFields } from '../../../shared/custom-fields';
import { mappingTargetSchema } from '../../../shared/ipc/imports';
import { validateMapping } from '../../../shared/import-mapping';
import { useTempDirs } from '../../helpers/temp-dir';

const fields = [
  { id: 'fInsurer01', name: 'Insurance Company', dataType: 'TEXT' },
  { id: 'fClaim0002', name: 'Claim Number', dataType: 'TEXT' },
  { id: 'fJobType03', name: 'Job Type', dataType: 'TEXT' },
];

describe('custom field names and headers', () => {
  it('are one name whatever the case, spaces and punctuation', () => {
    for (const header of ['Insurance Company', 'insurance_company', 'Insurance company:', ' INSURANCE-COMPANY ', 'Insurance\u00a0Company']) {
      expect(customFieldKey(header)).toBe(customFieldKey('Insurance Company'));
    }
    expect(customFieldKey('Claim #')).toBe(customFieldKey('Claim Number'));
    expect(customFieldKey('Insurance')).not.toBe(customFieldKey('Insurance Company'));
  });

  it('auto mapping sends a column to the custom field it names, unless the header is a lead field by name', () => {
    const headers = ['Phone', 'insurance_company', 'Claim #', 'Job Type', 'Roof Color'];
    const columns = matchCustomFields(suggestMapping(headers).columns, fields);
    expect(columns.map((column) => column.field)).toEqual(['phone', customFieldTarget('fInsurer01'), customFieldTarget('fClaim0002'), 'jobType', 'ignore']);
  });

  it('one custom field takes one column (the first)', () => {
    const columns = matchCustomFields(suggestMapping(['Email', 'Insurance Company', 'Insurance company:']).columns, fields);
    expect(columns.map((column) => column.field)).toEqual(['email', customFieldTarget('fInsurer01'), 'ignore']);
  });

  it('the contract takes custom:<id> and refuses anything else after the prefix', () => {
    expect(mappingTargetSchema.safeParse('custom:fInsurer01').success).toBe(true);
    expect(mappingTargetSchema.safeParse('custom:').success).toBe(false);
    expect(mappingTargetSchema.safeParse('custom:a b').success).toBe(false);
    expect(mappingTargetSchema.safeParse('phone').success).toBe(true);
  });

  it('two columns on one custom field are refused by its name', () => {
    const validation = validateMapping(
      { columns: [{ index: 0, header: 'Phone', field: 'phone' }, { index: 1, header: 'A', field: 'custom:fInsurer01' }, { index: 2, header: 'B', field: 'custom:fInsurer01' }] },
      new Map([['fInsurer01', 'Insurance Company']]),
    );
    expect(validation).toEqual({ ok: false, errors: ['Columns "A" and "B" are both mapped to GHL custom field "Insurance Company": keep one and ignore the other'] });
  });

  it('the row validator keeps the non-empty values of custom field columns', () => {
    const validate = createRowValidator({
      mapping: { columns: [{ index: 0, header: 'Phone', field: 'phone', confidence: 1 }, { index: 1, header: 'Insurer', field: 'custom:fInsurer01', confidence: 1 }, { index: 2, header: 'Claim', field: 'custom:fClaim0002', confidence: 1 }] },
    });
    const row = validate(['512 555 0142', '  State   Farm ', '']);
    expect(row.ok && row.lead.customValues).toEqual([{ fieldId: 'fInsurer01', value: 'State Farm' }]);
    // A claim's details on several lines stay on several lines (GHL's large text fields hold them); they were
    // run together into one: "Claim #123 Adjuster: Bob Roof: hail 2021".
    const claim = validate(['512 555 0142', '', 'Claim #123\r\nAdjuster: Bob\r\n\r\nRoof: hail 2021']);
    expect(claim.ok && claim.lead.customValues).toEqual([{ fieldId: 'fClaim0002', value: 'Claim #123\nAdjuster: Bob\n\nRoof: hail 2021' }]);
  });
});

describe('stored custom values', () => {
  const tempDir = useTempDirs();
  const opened: Db[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.$client.close();
  });

  const blank: LeadDraft = {
    firstName: null, lastName: null, phone: null, phoneRaw: null, phoneExt: null, email: null, emailKey: null, address1: null,
    city: null, state: null, postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null,
    doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [],
  };

  function setup(onDuplicate: 'skip' | 'update') {
    const db = openDatabase(join(tempDir(), 'leads.sqlite'));
    opened.push(db);
    const client = db.$client;
    const now = Date.now();
    const companyId = Number(
      client.prepare("INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA1', 'https://x', ?, ?)").run(now, now).lastInsertRowid,
    );
    const writer = new LeadWriter(client, { companyId, batchId: null, onDuplicate, queueSync: true, tag: 'reactivation' });
    const values = () => client.prepare('SELECT lead_id AS leadId, field_id AS fieldId, value FROM lead_custom_values ORDER BY lead_id, field_id').all();
    const version = (leadId: number) => (client.prepare('SELECT version FROM leads WHERE id = ?').get(leadId) as { version: number }).version;
    return { client, writer, values, version };
  }

  it("are written with each new lead (skip mode), never onto an existing lead's duplicate", () => {
    const { writer, values, client } = setup('skip');
    const counts = writer.writeChunk([
      { ...blank, phone: '+15125550101', customValues: [{ fieldId: 'fInsurer01', value: 'State Farm' }] },
      { ...blank, phone: '+15125550102' },
      { ...blank, phone: '+15125550101', customValues: [{ fieldId: 'fInsurer01', value: 'Allstate' }] },
    ]);
    expect(counts).toEqual({ imported: 2, updated: 0, duplicates: 1, importedWithoutPhone: 0, notesCut: 0 });
    const first = (client.prepare("SELECT id FROM leads WHERE phone = '+15125550101'").get() as { id: number }).id;
    expect(values()).toEqual([{ leadId: first, fieldId: 'fInsurer01', value: 'State Farm' }]);
  });

  it("'update' fills only the custom fields a lead has no value for, re-queues it, and the lead's version moves", () => {
    const { writer, values, version, client } = setup('update');
    writer.writeChunk([{ ...blank, phone: '+15125550101', customValues: [{ fieldId: 'fInsurer01', value: 'State Farm' }] }]);
    const leadId = (client.prepare('SELECT id FROM leads').get() as { id: number }).id;
    // A request for the lead in flight: the fill makes it stale (the values' triggers; a write that changes none of the
    // lead's own fields no longer moves the version by itself, migration 0054).
    client.prepare("UPDATE sync_jobs SET state = 'running', lease_owner = 'test#1' WHERE lead_id = ?").run(leadId);
    const before = version(leadId);
    const counts = writer.writeChunk([
      { ...blank, phone: '+15125550101', customValues: [{ fieldId: 'fInsurer01', value: 'Allstate' }, { fieldId: 'fClaim0002', value: 'CLM-9' }] },
    ]);
    expect(counts).toEqual({ imported: 0, updated: 1, duplicates: 0, importedWithoutPhone: 0, notesCut: 0 });
    expect(values()).toEqual([
      { leadId, fieldId: 'fClaim0002', value: 'CLM-9' },
      { leadId, fieldId: 'fInsurer01', value: 'State Farm' },
    ]);
    expect(version(leadId)).toBeGreaterThan(before);
  });

  it("a change of a lead's custom values bumps its version (so a request in flight is dropped and the re-send carries them)", () => {
    const { writer, version, client } = setup('skip');
    writer.writeChunk([{ ...blank, phone: '+15125550101' }]);
    const leadId = (client.prepare('SELECT id FROM leads').get() as { id: number }).id;
    let last = version(leadId);
    const moved = () => {
      const now = version(leadId);
      const didMove = now > last;
      last = now;
      return didMove;
    };
    // A value added while no request for the lead is in flight: nothing holds an older version (an import's new leads).
    client.prepare("INSERT INTO lead_custom_values (lead_id, field_id, value) VALUES (?, 'f0', 'z')").run(leadId);
    expect(moved()).toBe(false);
    // While its job runs, a new value makes the request in flight stale.
    client.prepare("UPDATE sync_jobs SET state = 'running', lease_owner = 'test#1' WHERE lead_id = ?").run(leadId);
    client.prepare("INSERT INTO lead_custom_values (lead_id, field_id, value) VALUES (?, 'f1', 'a')").run(leadId);
    expect(moved()).toBe(true);
    client.prepare("UPDATE lead_custom_values SET value = 'b' WHERE lead_id = ? AND field_id = 'f1'").run(leadId);
    expect(moved()).toBe(true);
    client.prepare("UPDATE lead_custom_values SET value = 'b' WHERE lead_id = ? AND field_id = 'f1'").run(leadId);
    expect(moved()).toBe(false);
    client.prepare('DELETE FROM lead_custom_values WHERE lead_id = ?').run(leadId);
    expect(moved()).toBe(true);
    // Deleting the lead takes its values with it.
    client.prepare("INSERT INTO lead_custom_values (lead_id, field_id, value) VALUES (?, 'f1', 'a')").run(leadId);
    client.prepare('DELETE FROM sync_jobs WHERE lead_id = ?').run(leadId);
    client.prepare('DELETE FROM leads WHERE id = ?').run(leadId);
    expect(client.prepare('SELECT count(*) AS n FROM lead_custom_values').get()).toEqual({ n: 0 });
  });
});
