import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LeadBrowser } from '../../../electron/core/dashboard/lead-browser';
import { useBackends } from '../../helpers/backend';
import { readAll } from '../../unit/import/helpers';

/** 2026-12-01 03:30 UTC: already December in London, still 30 November in Austin (UTC−6). */
const LATE_EVENING_IN_AUSTIN = Date.UTC(2026, 11, 1, 3, 30);

describe('the Leads export opens cleanly in Excel', () => {
  const { open } = useBackends();

  async function setup() {
    const backend = open();
    const created = await backend.call('companies:create', { name: 'Summit Roofing', ghlLocationId: 've9EPM428h8vShlRW1KT' });
    if (!created.ok) throw new Error(created.error.message);
    const companyId = created.value.id;
    const client = backend.ctx.db.$client;
    const insert = client.prepare(
      `INSERT INTO leads (company_id, first_name, last_name, phone, phone_ext, email, email_key, address1, city, state, postal_code, source, notes,
                          do_not_contact, status, tag, ghl_contact_id, created_at, updated_at, synced_at)
       VALUES (@companyId, @first, 'Muñoz', @phone, @ext, NULL, NULL, '12 Oak St', 'Austin', 'TX', '02134', 'Yard sign', @notes,
               @dnc, @status, 'storm-2026', @ghlId, @createdAt, @createdAt, @syncedAt)`,
    );
    insert.run({ companyId, first: 'Ann', phone: '+15125550142', ext: '12', notes: 'Gate code 4411\nprefers texts', dnc: 0, status: 'synced', ghlId: 'ghl-1', createdAt: Date.UTC(2026, 5, 1, 16, 5), syncedAt: LATE_EVENING_IN_AUSTIN });
    insert.run({ companyId, first: 'Bo', phone: '+15125550143', ext: null, notes: '=HYPERLINK("http://evil.example")', dnc: 1, status: 'do-not-contact', ghlId: null, createdAt: Date.UTC(2026, 5, 2, 2, 0), syncedAt: null });
    return { backend, companyId, client };
  }

  it('UTF-8 with BOM, local times, readable statuses, and a file named after the company and the local date', async () => {
    const { backend, companyId, client } = await setup();
    const browser = new LeadBrowser(client, backend.ctx.dataDir, { now: () => LATE_EVENING_IN_AUSTIN, timeZone: 'America/Chicago' });
    const exported = await browser.exportCsv({ companyId });
    expect(exported.fileName).toBe('leads-Summit-Roofing-2026-11-30.csv');
    expect(exported.path).toBe(join(backend.ctx.dataDir, 'exports', 'leads-Summit-Roofing-2026-11-30.csv'));
    expect(readFileSync(exported.path, 'utf8').startsWith('\uFEFFRoofing company,First name,')).toBe(true);

    const { headers, rows } = await readAll(exported.path);
    const byHeader = rows.map((row) => Object.fromEntries((headers ?? []).map((header, i) => [header, row.cells[i]])));
    expect(byHeader).toEqual([
      {
        'Roofing company': 'Summit Roofing', 'First name': 'Bo', 'Last name': 'Muñoz', Phone: '+15125550143', Email: '', Address: '12 Oak St',
        City: 'Austin', State: 'TX', ZIP: '02134', Country: 'US', 'Lead source': 'Yard sign', Notes: '=HYPERLINK("http://evil.example")',
        'Last service date': '', Consent: '', 'Do not contact': 'Yes', 'Campaign tag': 'storm-2026', 'GHL status': 'Do not contact', 'GHL error': '',
        'GHL contact id': '', 'Time zone': '', 'Original date': '', 'Company name': '', 'Old CRM status': '', 'Job type': '', 'Old tags': '', Created: '2026-06-01 21:00', 'Sent to GHL on': '',
        'Came from': 'Typed in on this computer on Jun 1, 2026', 'Enrolled at': '', 'Enrolled in time zone': '', 'Enrolled window': '',
      },
      {
        'Roofing company': 'Summit Roofing', 'First name': 'Ann', 'Last name': 'Muñoz', Phone: '+15125550142 ext. 12', Email: '', Address: '12 Oak St',
        City: 'Austin', State: 'TX', ZIP: '02134', Country: 'US', 'Lead source': 'Yard sign', Notes: 'Gate code 4411\nprefers texts',
        'Last service date': '', Consent: '', 'Do not contact': 'No', 'Campaign tag': 'storm-2026', 'GHL status': 'Sent to GHL', 'GHL error': '',
        'GHL contact id': 'ghl-1', 'Time zone': '', 'Original date': '', 'Company name': '', 'Old CRM status': '', 'Job type': '', 'Old tags': '', Created: '2026-06-01 11:05', 'Sent to GHL on': '2026-11-30 21:30',
        'Came from': 'Typed in on this computer on Jun 1, 2026', 'Enrolled at': '', 'Enrolled in time zone': '', 'Enrolled window': '',
      },
    ]);
    // As Excel sees the raw text: phones and the formula behind its text marker, in quotes.
    const raw = readFileSync(exported.path, 'utf8');
    expect(raw).toContain(`"'+15125550142 ext. 12"`);
    expect(raw).toContain(`"'=HYPERLINK(""http://evil.example"")"`);

    // A second export the same day does not overwrite the first; a status filter is named too.
    expect((await browser.exportCsv({ companyId })).fileName).toBe('leads-Summit-Roofing-2026-11-30.csv');
    expect((await browser.exportCsv({ companyId })).path).toMatch(/leads-Summit-Roofing-2026-11-30-3\.csv$/);
    expect((await browser.exportCsv({ status: 'synced' })).fileName).toBe('leads-All-companies-Sent-to-GHL-2026-11-30.csv');
  });
});
