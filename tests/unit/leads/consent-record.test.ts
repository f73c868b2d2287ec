import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import { consentRecordOf, type ConsentFacts } from '../../../electron/core/leads/consent-record';
import { prepareLeaseStatements } from '../../../electron/core/jobs/lease-statements';
import type { InspectResult } from '../../../shared/ipc/imports';
import type { Lead } from '../../../shared/lead';
import { useBackends } from '../../helpers/backend';

const facts = (overrides: Partial<ConsentFacts> = {}): ConsentFacts => ({
  status: 'queued', doNotContact: 0, createdAt: Date.UTC(2026, 10, 30, 15, 0), batchFileName: null, sourceRow: null,
  originalDate: null, consentNote: null, enrolledAt: null, enrolledTimeZone: null, enrolledWindow: null, enrolledRuleState: null, ...overrides,
});
/** Wed Dec 2, 2026 16:14 UTC = 10:14 in Chicago (CST, UTC−6). */
const DEC_2_1014_CHICAGO = Date.UTC(2026, 11, 2, 16, 14);
const office = { officeTimeZone: 'America/Chicago' };

describe('the consent record, in words', () => {
  it('says where the lead came from: the file and its row, or typed in on this computer (no user name is recorded)', () => {
    expect(consentRecordOf(facts({ batchFileName: 'leads-2019.csv', sourceRow: 812 }), office)).toMatchObject({
      source: { kind: 'import', fileName: 'leads-2019.csv', row: 812 },
      cameFrom: 'Imported from leads-2019.csv, row 812, on Nov 30, 2026',
    });
    expect(consentRecordOf(facts(), office)).toMatchObject({ source: { kind: 'typed' }, cameFrom: 'Typed in on this computer on Nov 30, 2026' });
    expect(consentRecordOf(facts({ sourceRow: 1_204 }), office).cameFrom).toBe('Imported from a file no longer in the import history, row 1,204, on Nov 30, 2026');
    // Imported before rows were recorded: the file alone.
    expect(consentRecordOf(facts({ batchFileName: 'old.csv' }), office).cameFrom).toBe('Imported from old.csv, on Nov 30, 2026');
  });

  it('says when, in which zone and window it was enrolled, and when that was outside the window', () => {
    const inside = consentRecordOf(facts({ status: 'synced', enrolledAt: DEC_2_1014_CHICAGO, enrolledTimeZone: 'America/Chicago', enrolledWindow: '10:00–19:00' }), office);
    expect(inside.enrolled).toBe('Enrolled Dec 2, 2026 at 10:14 Central Time (Chicago); window 10:00–19:00');
    expect(inside.enrolment).toEqual({ at: DEC_2_1014_CHICAGO, timeZone: 'America/Chicago', window: '10:00–19:00', isInsideWindow: true });

    // The same instant is 11:14 in New York; a 06:00–23:00 window is held to Florida's 08:00–20:00 there.
    const florida = consentRecordOf(facts({ enrolledAt: DEC_2_1014_CHICAGO, enrolledTimeZone: 'America/New_York', enrolledWindow: '06:00–23:00', enrolledRuleState: 'FL' }));
    expect(florida.enrolled).toBe('Enrolled Dec 2, 2026 at 11:14 Eastern Time (New York); window 08:00–20:00: your 06:00–23:00, held to Florida law');

    const late = consentRecordOf(facts({ enrolledAt: Date.UTC(2026, 11, 3, 4, 30), enrolledTimeZone: 'America/Chicago', enrolledWindow: '10:00–19:00' }));
    expect(late.enrolled).toBe('Enrolled Dec 2, 2026 at 22:30 Central Time (Chicago) — outside its window: 10:00–19:00');
    expect(late.enrolment?.isInsideWindow).toBe(false);

    // A lead nothing placed, enrolled on its company's clock under the old rule (three hours inside 08:00–21:00): the
    // record keeps that rule. Read by today's (12:00–17:00 on Chicago's clock) it said "outside its window" (a review).
    const oldUnknown = consentRecordOf(facts({ enrolledAt: DEC_2_1014_CHICAGO, enrolledTimeZone: 'America/New_York', enrolledWindow: '08:00–21:00', enrolledRuleState: '?' }));
    expect(oldUnknown.enrolment?.isInsideWindow).toBe(true);
    expect(oldUnknown.enrolled).toBe(
      'Enrolled Dec 2, 2026 at 11:14 Eastern Time (New York); window 11:00–18:00: nothing placed the lead: its company’s clock, three hours inside 08:00–21:00, the rule of the version that sent it',
    );
    // Today's: read on Chicago's clock, with the hours legal everywhere on the mainland.
    const unknown = consentRecordOf(facts({ enrolledAt: Date.UTC(2026, 11, 2, 18, 14), enrolledTimeZone: 'America/Chicago', enrolledWindow: '08:00–21:00', enrolledRuleState: '?' }));
    expect(unknown.enrolment?.isInsideWindow).toBe(true);
    expect(unknown.enrolled).toMatch(/^Enrolled Dec 2, 2026 at 12:14 Central Time \(Chicago\); window 12:00–17:00: nothing says where the lead lives/);

    // A legal holiday its state bans texts on (Thanksgiving, Nov 26, 2026, in Alabama) is outside its window whatever the
    // weekday's hours: the record said "window 08:00–20:00" (it read the weekday only).
    const thanksgiving = Date.UTC(2026, 10, 26, 16, 14); // 10:14 in Chicago
    const alabama = consentRecordOf(facts({ enrolledAt: thanksgiving, enrolledTimeZone: 'America/Chicago', enrolledWindow: '08:00–21:00', enrolledRuleState: 'AL' }));
    expect(alabama.enrolment?.isInsideWindow).toBe(false);
    expect(alabama.enrolled).toBe('Enrolled Nov 26, 2026 at 10:14 Central Time (Chicago) — outside its window: no sending on a legal holiday in Alabama (state law)');
    // Georgia has no such ban: the same instant is inside.
    expect(consentRecordOf(facts({ enrolledAt: thanksgiving, enrolledTimeZone: 'America/Chicago', enrolledWindow: '08:00–21:00', enrolledRuleState: 'GA' })).enrolment?.isInsideWindow).toBe(true);

    // Enrolled before the zone and window were recorded: only when, in the office's time.
    expect(consentRecordOf(facts({ enrolledAt: DEC_2_1014_CHICAGO }), office).enrolled).toBe(
      "Enrolled Dec 2, 2026 at 10:14 this office's time (the lead's time zone and window were not recorded then)",
    );
  });

  it('says why a lead is not enrolled yet', () => {
    expect(consentRecordOf(facts()).enrolled).toBe('Not enrolled yet — waiting to be sent');
    expect(consentRecordOf(facts({ status: 'new' })).enrolled).toBe('Not enrolled yet — held back, not queued to go out');
    expect(consentRecordOf(facts({ status: 'failed', doNotContact: 1 })).enrolled).toBe('Never enrolled — do not contact');
  });
});

describe('the consent record of a stored lead (leads:get)', () => {
  const { open, tempDir } = useBackends();

  async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
    const result = await backend.dispatch(channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  }

  async function importCsv(backend: Backend, companyId: number, name: string, text: string, onDuplicate: 'skip' | 'update') {
    const path = join(tempDir(), name);
    writeFileSync(path, text);
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path, companyId });
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', { path, companyId, options, mapping: inspect.mapping, onDuplicate, queueSync: true });
    await backend.ctx.imports.finished(batchId);
  }

  it('keeps the file row of each imported lead (as a spreadsheet numbers it), and the zone and window it was enrolled in', async () => {
    const backend = open();
    const { id: companyId } = await call<{ id: number }>(backend, 'companies:create', { name: 'Summit Roofing', ghlLocationId: 've9EPM428h8vShlRW1KT' });
    // Row 3 is blank: spreadsheet rows, not data rows. Both writers: many rows per statement (skip), row by row (update).
    await importCsv(backend, companyId, 'leads-2019.csv', 'Name,Phone,Consent,Date Created\nAnn Lee,(512) 555-0142,Web form 2019,2019-03-04\n,,,\nBo Diaz,(512) 555-0143,,\n', 'skip');
    await importCsv(backend, companyId, 'storm.csv', 'Name,Phone\nCy Ng,(512) 555-0144\n', 'update');
    const typed = await call<Lead>(backend, 'leads:create', { companyId, phone: '(512) 555-0145' });
    const client = backend.ctx.db.$client;
    const idOf = (phone: string) => (client.prepare('SELECT id FROM leads WHERE phone = ?').get(phone) as { id: number }).id;
    const get = (id: number) => call<Lead>(backend, 'leads:get', { id });

    const ann = await get(idOf('+15125550142'));
    expect(ann.consentRecord).toMatchObject({
      source: { kind: 'import', fileName: 'leads-2019.csv', row: 2 }, originalDate: '2019-03-04', consentNote: 'Web form 2019',
      cameFrom: expect.stringMatching(/^Imported from leads-2019\.csv, row 2, on /), enrolment: null, enrolled: 'Not enrolled yet — waiting to be sent',
    });
    expect((await get(idOf('+15125550143'))).consentRecord.source).toEqual({ kind: 'import', fileName: 'leads-2019.csv', row: 4 });
    expect((await get(idOf('+15125550144'))).consentRecord.source).toEqual({ kind: 'import', fileName: 'storm.csv', row: 2 });
    expect(typed.consentRecord).toMatchObject({ source: { kind: 'typed' }, cameFrom: expect.stringMatching(/^Typed in on this computer on /) });

    // Enrolled (as the sync worker records it) in Chicago under the company's window; then the lead moves
    // and the company changes its hours: the record keeps what applied when it was enrolled.
    client.prepare(`UPDATE leads SET time_zone = 'America/Chicago', rule_state = 'TX' WHERE id = ?`).run(ann.id);
    const statements = prepareLeaseStatements(client);
    statements.leadEnrolled.run(DEC_2_1014_CHICAGO, ann.id);
    client.prepare(`UPDATE leads SET time_zone = 'America/New_York', rule_state = 'FL' WHERE id = ?`).run(ann.id);
    await call(backend, 'companies:update', { id: companyId, patch: { schedule: { window: { start: '09:00', end: '17:00' }, timeZone: 'America/Denver' } } });
    statements.leadSynced.run(DEC_2_1014_CHICAGO + 60_000, DEC_2_1014_CHICAGO + 60_000, DEC_2_1014_CHICAGO + 60_000, ann.id);
    expect((await get(ann.id)).consentRecord).toMatchObject({
      enrolment: { at: DEC_2_1014_CHICAGO, timeZone: 'America/Chicago', window: '10:00–19:00', isInsideWindow: true },
      enrolled: 'Enrolled Dec 2, 2026 at 10:14 Central Time (Chicago); window 10:00–19:00',
    });

    // A lead without a zone of its own is enrolled in its company's.
    statements.leadSynced.run(DEC_2_1014_CHICAGO, DEC_2_1014_CHICAGO, DEC_2_1014_CHICAGO, typed.id);
    expect(client.prepare('SELECT enrolled_time_zone AS zone, enrolled_window AS window FROM leads WHERE id = ?').get(typed.id)).toEqual({ zone: 'America/Denver', window: '09:00–17:00' });
  });
});
