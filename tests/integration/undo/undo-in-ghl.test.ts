/**
 * Undo with deletion in GoHighLevel: the plan read before anything happens, deletion of the contacts
 * the import CREATED (never of one that existed before), resuming after a lost answer or a dropped
 * connection without deleting twice, and the per-lead result file. Real SQLite, the real sync worker,
 * the simulator on a real port.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import type { InspectResult, UndoPlan, UndoResultWithReport } from '../../../shared/ipc/imports';
import { companyGhlClient, deleteCreatedContacts } from '../../../electron/core/imports/undo-in-ghl';
import type { UndoReportRow } from '../../../electron/core/imports/undo-report';
import { useBackends } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, startSim, SYNC_CLOCK, syncUntilIdle } from '../sync/world';

const CSV = `First Name,Last Name,Phone,Email
Ann,Able,(512) 555-0101,ann@roofmail.net
Ben,Baker,(512) 555-0102,ben@roofmail.net
Cal,Cole,(512) 555-0103,cal@roofmail.net
Dee,Dunn,(512) 555-0104,dee@roofmail.net
Eve,Existing,(512) 555-0105,eve@roofmail.net
Fay,Flight,(512) 555-0106,fay@roofmail.net
`;
const LOCATION = LOCATIONS[0].id;

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}

describe('undo with deletion in GHL', () => {
  const { open, tempDir } = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  /**
   * One batch with a lead in each state: Ann and Ben only in the app; Cal and Dee created in GHL by the
   * sync; Eve's contact was in GHL before the import (the upsert only updated it); Fay is being sent now.
   */
  async function world() {
    sim = await startSim({ latencyMs: 2 });
    const dir = tempDir();
    const backend = open(dir, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const eveBefore = sim.state.createContact(LOCATION, { firstName: 'Eve', email: 'eve@roofmail.net', phone: '+15125550105' });
    const file = join(dir, 'old-crm.csv');
    writeFileSync(file, CSV);
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path: file, companyId });
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: true };
    const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', { path: file, companyId, options, mapping: inspect.mapping, queueSync: false });
    await backend.ctx.imports.finished(batchId);
    const db = backend.ctx.db.$client;
    const idOf = (email: string) => (db.prepare('SELECT id FROM leads WHERE email = ?').get(email) as { id: number }).id;
    const jobs = new JobQueue(db);
    for (const email of ['cal@roofmail.net', 'dee@roofmail.net', 'eve@roofmail.net']) {
      db.prepare("UPDATE leads SET status = 'queued' WHERE id = ?").run(idOf(email));
      jobs.enqueue(companyId, idOf(email), Date.now());
    }
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(20_000)).toBe('idle');
    await backend.ctx.sync.stop();
    // Fay: the sync claimed her and her upsert is out (what GHL will answer is not known yet): the claim's own
    // writes, as the sync makes them (status syncing, the job running, the mark written right before the upsert).
    const fay = idOf('fay@roofmail.net');
    jobs.enqueue(companyId, fay, Date.now());
    db.prepare("UPDATE leads SET status = 'syncing' WHERE id = ?").run(fay);
    db.prepare("UPDATE sync_jobs SET state = 'running', lease_owner = 'sync#1', lease_expires_at = ?, upsert_sent_at = ? WHERE lead_id = ?").run(Date.now() + 60_000, Date.now(), fay);
    const contactOf = (email: string) => (db.prepare('SELECT ghl_contact_id AS id FROM leads WHERE email = ?').get(email) as { id: string }).id;
    return { backend, db, batchId, companyId, eveBefore, idOf, contactOf };
  }

  const deletesOf = (contactId: string) => sim!.requests().filter((r) => r.method === 'DELETE' && r.path.includes(contactId));
  const reportRows = (path: string) =>
    Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data.map((row) => ({
      name: row['First name'],
      what: row['What happened'],
    }));

  it('shows the plan first, refuses a wrong confirmation, deletes only the contacts the import created, and writes what happened per lead', async () => {
    const { backend, db, batchId, eveBefore, contactOf } = await world();
    const cal = contactOf('cal@roofmail.net');
    const dee = contactOf('dee@roofmail.net');
    expect(contactOf('eve@roofmail.net')).toBe(eveBefore.id);

    const plan = await call<UndoPlan>(backend, 'imports:undoPlan', { batchId });
    expect(plan).toEqual({ batchId, appOnly: 2, createdInGhl: 2, sharedInGhl: 0, optedOutInGhl: 0, existedInGhl: 1, sendingNow: 1, mayBeInGhl: 0, hasApiKey: true });

    // A wrong typed confirmation changes nothing, in the app or in GHL.
    await expect(call(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: '3' })).rejects.toMatchObject({ code: 'validation' });
    await expect(call(backend, 'imports:undo', { batchId, deleteInGhl: true })).rejects.toMatchObject({ code: 'validation' });
    expect(db.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 6 });
    expect(sim!.requests().filter((r) => r.method === 'DELETE')).toHaveLength(0);

    const result = await call<UndoResultWithReport>(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: '2' });
    expect(result).toMatchObject({ removedLeads: 4, ghl: { deleted: 2, alreadyGone: 0, failed: 0, stopped: null }, report: { rows: 6 } });
    expect(result.keptSyncedLeads.map((lead) => lead.firstName).sort()).toEqual(['Eve', 'Fay']);
    // In GHL: exactly the two created contacts are deleted (restorable); Eve's, which existed before, is untouched.
    expect(sim!.deletedContacts(LOCATION).map((c) => c.id).sort()).toEqual([cal, dee].sort());
    expect(sim!.contacts(LOCATION).map((c) => c.id)).toContain(eveBefore.id);
    expect(deletesOf(eveBefore.id)).toHaveLength(0);
    expect((db.prepare('SELECT first_name AS name FROM leads ORDER BY id').all() as Array<{ name: string }>).map((r) => r.name)).toEqual(['Eve', 'Fay']);
    // What a restore reads of the two (ghl-record-carry-over.ts): that they went, not a contact GHL no longer has.
    expect(db.prepare('SELECT ghl_contact_id AS contact, ghl_contact_phone AS contactPhone FROM removed_leads_in_ghl ORDER BY lead_id').all()).toEqual([
      { contact: null, contactPhone: null },
      { contact: null, contactPhone: null },
    ]);

    expect(result.report.path.startsWith(join(backend.ctx.dataDir, 'exports'))).toBe(true);
    expect(reportRows(result.report.path).sort((a, b) => a.name!.localeCompare(b.name!))).toEqual([
      { name: 'Ann', what: 'Removed from the app' },
      { name: 'Ben', what: 'Removed from the app' },
      { name: 'Cal', what: 'Deleted in GHL and removed from the app' },
      { name: 'Dee', what: 'Deleted in GHL and removed from the app' },
      { name: 'Eve', what: 'Kept: the contact existed in GHL before this import (only updated)' },
      // Her sending is stopped (the sync checks its claim before anything else goes), and GHL may have her contact.
      { name: 'Fay', what: 'Kept: sent to GHL with no answer (lost, or not back yet), so GHL may have it; held back (Send to GHL on the import sends it again)' },
    ]);
    expect(db.prepare('SELECT l.status, j.state FROM leads l JOIN sync_jobs j ON j.lead_id = l.id WHERE l.first_name = ?').get('Fay')).toEqual({ status: 'new', state: 'cancelled' });
    await expect(call(backend, 'imports:get', { batchId })).resolves.toMatchObject({ state: 'undone' });
  });

  // A review: undo deleted the contact of a customer who had opted out, and with it GHL's DND and her STOP
  // conversation; anything that made the contact again there (a GHL form, the company's own import) texted her.
  it('never deletes in GHL the contact of a customer who opted out: it keeps her do-not-disturb', async () => {
    const { backend, db, batchId, idOf, contactOf } = await world();
    const cal = contactOf('cal@roofmail.net');
    const dee = contactOf('dee@roofmail.net');
    await call(backend, 'leads:setDoNotContact', { id: idOf('dee@roofmail.net'), doNotContact: true });
    // Before her DND reached GHL, her contact was no DND there: deleting it still ends the workflow.
    await expect(call(backend, 'imports:undoPlan', { batchId })).resolves.toMatchObject({ createdInGhl: 2, optedOutInGhl: 0 });
    await syncUntilIdle(backend, 20_000);
    expect(sim!.contacts(LOCATION).find((contact) => contact.id === dee)).toMatchObject({ dnd: true });
    // Cal replied STOP in GHL: the sync learnt her DND there.
    db.prepare(`UPDATE leads SET status = 'dnd', do_not_contact = 1 WHERE id = ?`).run(idOf('cal@roofmail.net'));
    await expect(call(backend, 'imports:undoPlan', { batchId })).resolves.toMatchObject({ optedOutInGhl: 2 });
    const result = await call<UndoResultWithReport>(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: 'DELETE' });
    expect(deletesOf(cal)).toHaveLength(0);
    expect(deletesOf(dee)).toHaveLength(0);
    expect(sim!.contacts(LOCATION).map((contact) => contact.id)).toEqual(expect.arrayContaining([cal, dee]));
    expect(reportRows(result.report.path).find((row) => row.name === 'Dee')?.what).toBe('Kept: the customer opted out, and deleting the GHL contact would lose its do-not-disturb');
  });

  it('stops on a lost answer, keeps what was deleted, and a second undo finishes without deleting anything twice', async () => {
    const { backend, db, batchId, eveBefore, contactOf, idOf } = await world();
    const cal = contactOf('cal@roofmail.net');
    const dee = contactOf('dee@roofmail.net');
    // GHL deletes Dee, but the answer never arrives (the connection drops after the work).
    sim!.failNext(new RegExp(`^DELETE /contacts/${dee}`), 'lost-response', 1);

    const first = await call<UndoResultWithReport>(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: 'DELETE' });
    expect(first.ghl).toMatchObject({ deleted: 1, stopped: { code: 'offline', notDone: 1 } });
    expect(first.removedLeads).toBe(3); // Ann, Ben, Cal
    expect(reportRows(first.report.path).find((row) => row.name === 'Dee')?.what).toBe('Not done yet');
    // Dee's lead stays, and the batch stays open so undo can finish.
    expect(db.prepare('SELECT count(*) AS n FROM leads WHERE id = ?').get(idOf('dee@roofmail.net'))).toEqual({ n: 1 });
    await expect(call(backend, 'imports:get', { batchId })).resolves.toMatchObject({ state: 'completed' });
    // Fay's sending was stopped by the first undo: she is no longer being sent, and GHL may have her.
    await expect(call(backend, 'imports:undoPlan', { batchId })).resolves.toMatchObject({ appOnly: 0, createdInGhl: 1, existedInGhl: 1, sendingNow: 0, mayBeInGhl: 1 });

    const second = await call<UndoResultWithReport>(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: '1' });
    expect(second.ghl).toEqual({ deleted: 0, alreadyGone: 1, failed: 0, stopped: null });
    expect(reportRows(second.report.path).find((row) => row.name === 'Dee')?.what).toBe('Already gone in GHL; removed from the app');
    // Cal was asked once; Dee twice (the lost answer, then "not found"); each deleted once; Eve never.
    expect(deletesOf(cal)).toHaveLength(1);
    expect(deletesOf(dee)).toHaveLength(2);
    expect(deletesOf(eveBefore.id)).toHaveLength(0);
    expect(sim!.deletedContacts(LOCATION).map((c) => c.id).sort()).toEqual([cal, dee].sort());
    await expect(call(backend, 'imports:get', { batchId })).resolves.toMatchObject({ state: 'undone' });
  });

  it('offline or a refused key stops the deletion cleanly: what was deleted stays recorded, the rest is listed as not done', async () => {
    const { backend, batchId, contactOf } = await world();
    const cal = contactOf('cal@roofmail.net');
    const dee = contactOf('dee@roofmail.net');
    sim!.failNext(new RegExp(`^DELETE /contacts/${dee}`), 'reset', 1);
    const offline = await call<UndoResultWithReport>(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: 'DELETE' });
    expect(offline.ghl).toMatchObject({ deleted: 1, stopped: { code: 'offline', notDone: 1 } });
    expect(sim!.deletedContacts(LOCATION).map((c) => c.id)).toEqual([cal]);

    sim!.revokeToken(LOCATION);
    const refused = await call<UndoResultWithReport>(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: '1' });
    expect(refused.ghl).toMatchObject({ deleted: 0, stopped: { code: 'ghl-auth', notDone: 1 } });
    expect(deletesOf(cal)).toHaveLength(1);
    expect(sim!.deletedContacts(LOCATION).map((c) => c.id)).toEqual([cal]);
    expect(sim!.contacts(LOCATION).map((c) => c.id)).toContain(dee);
  });

  // GHL's 5xx may follow work it did: the report said "GoHighLevel is having trouble (503); it will be retried", and
  // nothing retries an undo by itself.
  it('a delete GHL answers with errors to the end is reported as maybe done, and a second undo finishes it', async () => {
    const { backend, batchId, contactOf } = await world();
    const dee = contactOf('dee@roofmail.net');
    sim!.failNext(new RegExp(`^DELETE /contacts/${dee}`), '5xx', 3, { status: 503 });
    const first = await call<UndoResultWithReport>(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: 'DELETE' });
    expect(first.ghl).toMatchObject({ deleted: 1, failed: 1, stopped: null });
    const rows = Papa.parse<Record<string, string>>(readFileSync(first.report.path, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.find((row) => row['First name'] === 'Dee')).toMatchObject({
      'What happened': 'Failed',
      Details: 'GoHighLevel answered with an error (503), so it may have deleted the contact all the same. Undo again to finish: a contact already gone counts as done.',
    });
    const second = await call<UndoResultWithReport>(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: '1' });
    expect(second.ghl).toMatchObject({ deleted: 1, failed: 0, stopped: null });
    expect(sim!.contacts(LOCATION).map((c) => c.id)).not.toContain(dee);
  });

  it('never deletes a contact that another lead of the app also uses', async () => {
    const { backend, db, batchId, companyId, contactOf } = await world();
    const cal = contactOf('cal@roofmail.net');
    const dee = contactOf('dee@roofmail.net');
    // A lead typed in by hand that GHL matched to Dee's contact (same phone, other email: GHL merges them).
    const other = await call<{ id: number }>(backend, 'leads:create', { companyId, firstName: 'Dana', lastName: 'Dunn', email: 'dana@roofmail.net' });
    db.prepare('UPDATE leads SET ghl_contact_id = ?, ghl_is_new = 0 WHERE id = ?').run(dee, other.id);
    await expect(call(backend, 'imports:undoPlan', { batchId })).resolves.toMatchObject({ createdInGhl: 1, sharedInGhl: 1 });

    const result = await call<UndoResultWithReport>(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: '1' });
    expect(result.ghl).toMatchObject({ deleted: 1, stopped: null });
    expect(sim!.deletedContacts(LOCATION).map((c) => c.id)).toEqual([cal]);
    expect(deletesOf(dee)).toHaveLength(0);
    expect(reportRows(result.report.path).find((row) => row.name === 'Dee')?.what).toBe('Kept: another lead in the app uses the same GHL contact, so it was not deleted');
  });

  it('a lead the sync starts sending while undo deletes is left alone: its DELETE never goes out', async () => {
    const { backend, db, batchId, companyId, contactOf, idOf } = await world();
    const dee = contactOf('dee@roofmail.net');
    const client = (await companyGhlClient(backend.ctx.companies, companyId))!;
    const rows: UndoReportRow[] = [];
    const deletion = await deleteCreatedContacts({
      jobs: new JobQueue(db).batches,
      client,
      batchId,
      total: 2,
      onRows: (more) => rows.push(...more),
      // Cal's contact is deleted; then an edit of Dee makes the sync claim her before her turn.
      onProgress: ({ done }) => {
        if (done === 1) db.prepare("UPDATE leads SET status = 'syncing' WHERE id = ?").run(idOf('dee@roofmail.net'));
      },
    });
    expect(deletion).toMatchObject({ deleted: 1, failed: 0, stopped: null });
    expect(deletesOf(dee)).toHaveLength(0);
    expect(rows.map((row) => [row.lead.firstName, row.outcome])).toEqual([
      ['Cal', 'deleted-in-ghl'],
      ['Dee', 'kept-sending-now'],
    ]);
  });

  it('without an API key, deleting in GHL is refused before anything changes', async () => {
    const { backend, db, batchId, companyId } = await world();
    await call(backend, 'companies:removeKey', { id: companyId });
    await expect(call(backend, 'imports:undoPlan', { batchId })).resolves.toMatchObject({ hasApiKey: false, createdInGhl: 2 });
    await expect(call(backend, 'imports:undo', { batchId, deleteInGhl: true, confirmation: 'DELETE' })).rejects.toMatchObject({ code: 'no-api-key' });
    expect(db.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 6 });
    // Undo without deletion still works and lists Cal and Dee as created in GHL and not deleted there.
    const result = await call<UndoResultWithReport>(backend, 'imports:undo', { batchId });
    expect(result).toMatchObject({ removedLeads: 2, ghl: null, report: { rows: 6 } });
    expect(reportRows(result.report.path).filter((row) => row.what === 'Kept: created in GHL by this import, not deleted there').map((r) => r.name)).toEqual(['Cal', 'Dee']);
  });
});
