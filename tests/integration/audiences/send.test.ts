/**
 * Audiences: "lost estimates from 2019–2022 within 15 miles of 78701" — the held-back leads that match
 * are queued, the rest stay where they were; opted-out leads are counted, never queued. Real import,
 * real SQLite, and the real `rlm send` process.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InspectResult } from '../../../shared/ipc/imports';
import { useBackends } from '../../helpers/backend';

const root = join(__dirname, '../../..');

const CSV = `Display Name,Mobile Phone,Email,Zip,Status Name,Job Type,Date Created,Tags,DNC
Eve Adams,(512) 555-0101,eve@roofmail.net,78701,Lost Estimate,Roof replacement,03/14/2019,storm; VIP,no
Gina Cruz,(512) 555-0103,gina@roofmail.net,78664,Lost Estimate,Roof replacement,2020-05-01,storm,no
Hank Diaz,(512) 555-0104,hank@roofmail.net,78701,Lost Estimate,Repair,2023-02-01,,no
Ivy Evans,(214) 555-0105,ivy@roofmail.net,75201,Lost Estimate,Repair,2021-07-07,storm,no
Jack Ford,(512) 555-0106,jack@roofmail.net,78702,lost estimate,Repair,2020-01-15,,yes
Kim Gray,(512) 555-0107,kim@roofmail.net,78701,Closed Won,Roof replacement,2020-03-03,storm,no
`;

describe('audiences', () => {
  const { open, tempDir } = useBackends();

  it('queues only the held-back leads that match status, dates and distance; counts the opted-out', async () => {
    const dir = tempDir();
    const backend = open(dir);
    const company = await backend.call('companies:create', { name: 'Summit Roofing', ghlLocationId: 'locSummit1' });
    if (!company.ok) throw new Error(company.error.message);
    const companyId = company.value.id;
    const file = join(dir, 'old-crm.csv');
    writeFileSync(file, CSV);
    const inspected = await backend.dispatch('imports:inspect', { path: file, companyId });
    if (!inspected.ok) throw new Error(inspected.error.message);
    const inspect = inspected.value as InspectResult;
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const started = await backend.dispatch('imports:start', { path: file, companyId, options, mapping: inspect.mapping, tag: inspect.defaultTag, queueSync: false });
    if (!started.ok) throw new Error(started.error.message);
    await backend.ctx.imports.finished((started.value as { batchId: number }).batchId);

    const lostEstimates = { companyId, status: 'Lost Estimate', createdAfter: '2019-01-01', createdBefore: '2022-12-31', nearZip: '78701', radiusMiles: 15 };
    const preview = await backend.call('audiences:preview', lostEstimates);
    // Eve (78701) and Jack (78702, do-not-contact) match; Gina is ~17 miles out, Hank is from 2023,
    // Ivy is in Dallas, Kim was won.
    expect(preview).toEqual({ ok: true, value: { matched: 2, queued: 1, alreadyQueued: 0, failed: 0, alreadySent: 0, optedOut: 1 } });
    const statusOf = (email: string) => (backend.ctx.db.$client.prepare('SELECT status FROM leads WHERE email = ?').get(email) as { status: string }).status;
    expect(statusOf('eve@roofmail.net')).toBe('new');
    await backend.close();

    // The same through the command line, as an office manager after a hail storm would.
    const run = (extra: string[]) =>
      spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dir, 'send', '--company', 'Summit Roofing', '--status', 'lost estimate',
        '--created-after', '2019-01-01', '--created-before', '2022-12-31', '--near-zip', '78701', '--radius-miles', '15', '--json', ...extra], { encoding: 'utf8', cwd: root });
    const dry = run(['--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    // The company has no GHL key: "Queued 1" alone read as if the lead were on its way. Said as `rlm import` says it.
    const noKey = 'Summit Roofing has no GHL API key: nothing will be sent to GHL until one is saved (Companies page, or rlm company set-key --company "Summit Roofing" < key.txt).';
    expect(JSON.parse(dry.stdout)).toEqual({ matched: 2, queued: 1, alreadyQueued: 0, failed: 0, alreadySent: 0, optedOut: 1, notice: noKey, sending: null });
    const sent = run([]);
    expect(sent.status, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout)).toEqual({
      matched: 2,
      queued: 1,
      alreadyQueued: 0,
      failed: 0,
      alreadySent: 0,
      optedOut: 1,
      notice: noKey,
      // No program sends here (no app, no rlm sync); a company without a key is not told to start one (the key is the news).
      sending: { queued: 1, nextSendAt: null, finishEstimate: null, message: expect.stringMatching(/^1 lead queued: .*no GHL API key[^]*\.$/), isSendingRunning: false },
    });
    expect(JSON.parse(sent.stdout).sending.message).not.toMatch(/Nothing is sending/);
    expect(JSON.parse(run(['--dry-run']).stdout)).toEqual({ matched: 2, queued: 0, alreadyQueued: 1, failed: 0, alreadySent: 0, optedOut: 1, notice: null, sending: null });
    const asText = spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dir, 'send', '--company', 'Summit Roofing', '--status', 'Closed Won', '--dry-run'], { encoding: 'utf8', cwd: root });
    expect(asText.stdout).toContain(`Note: ${noKey}`);
    // A day that does not exist is a bad argument named by its option: compared as text, 2020-99-01 matched leads.
    const impossible = spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dir, 'send', '--company', 'Summit Roofing', '--created-after', '2020-99-01', '--json'], { encoding: 'utf8', cwd: root });
    expect(impossible.status).toBe(2);
    expect(JSON.parse(impossible.stdout)).toMatchObject({ error: { code: 'validation', message: expect.stringMatching(/^--created-after: Enter a date as YYYY-MM-DD/) } });
    const badZip = spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dir, 'send', '--company', 'Summit Roofing', '--zip', 'abc', '--json'], { encoding: 'utf8', cwd: root });
    expect(JSON.parse(badZip.stdout)).toMatchObject({ error: { message: expect.stringMatching(/^--zip: /) } });

    const reopened = open(dir);
    const rows = reopened.ctx.db.$client
      .prepare(`SELECT l.email, l.status, j.state FROM leads l LEFT JOIN sync_jobs j ON j.lead_id = l.id ORDER BY l.id`)
      .all() as Array<{ email: string; status: string; state: string | null }>;
    expect(rows.filter((r) => r.state !== null).map((r) => r.email)).toEqual(['eve@roofmail.net']);
    expect(rows.find((r) => r.email === 'eve@roofmail.net')).toMatchObject({ status: 'queued', state: 'queued' });
    expect(rows.find((r) => r.email === 'jack@roofmail.net')).toMatchObject({ status: 'do-not-contact', state: null });

    // By tag and job type, and a ZIP list.
    await expect(reopened.call('audiences:preview', { companyId, tag: 'storm', jobType: 'roof replacement' })).resolves.toMatchObject({ ok: true, value: { matched: 3 } });
    await expect(reopened.call('audiences:preview', { companyId, zips: ['78664', '75201'] })).resolves.toMatchObject({ ok: true, value: { matched: 2 } });
    await expect(reopened.call('audiences:preview', { companyId, nearZip: '00000', radiusMiles: 5 })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('the Leads list filtered by an audience lists exactly the leads its count counts, criterion by criterion', async () => {
    const dir = tempDir();
    const backend = open(dir);
    const company = await backend.call('companies:create', { name: 'Summit Roofing', ghlLocationId: 'locSummit1' });
    if (!company.ok) throw new Error(company.error.message);
    const companyId = company.value.id;
    // Another company's lead with the same old record must never show in this company's audience.
    const other = await backend.call('companies:create', { name: 'Other Roofing', ghlLocationId: 'locOther01' });
    if (!other.ok) throw new Error(other.error.message);
    for (const id of [companyId, other.value.id]) {
      const file = join(dir, `old-crm-${id}.csv`);
      writeFileSync(file, id === companyId ? CSV : CSV.split('\n').slice(0, 2).join('\n'));
      const inspect = (await backend.call('imports:inspect', { path: file, companyId: id })) as { ok: true; value: InspectResult };
      const options = { encoding: inspect.value.encoding, delimiter: inspect.value.delimiter, hasHeader: inspect.value.hasHeader };
      const started = await backend.call('imports:start', { path: file, companyId: id, options, mapping: inspect.value.mapping, queueSync: false });
      if (!started.ok) throw new Error(started.error.message);
      await backend.ctx.imports.finished(started.value.batchId);
    }
    const emails = async (audience: Record<string, unknown>, search?: string) => {
      const page = await backend.call('leads:page', { filters: { companyId, audience, ...(search && { search }) }, limit: 500 });
      if (!page.ok) throw new Error(page.error.message);
      return page.value.rows.map((row) => row.email).sort();
    };
    const criteria: Array<[string, Record<string, unknown>, string[]]> = [
      ['old status (any case)', { status: 'LOST ESTIMATE' }, ['eve', 'gina', 'hank', 'ivy', 'jack']],
      ['job type', { jobType: 'repair' }, ['hank', 'ivy', 'jack']],
      ['old tag (a whole tag)', { tag: 'storm' }, ['eve', 'gina', 'ivy', 'kim']],
      ['lead date from', { createdAfter: '2021-01-01' }, ['hank', 'ivy']],
      ['lead date to', { createdBefore: '2020-01-15' }, ['eve', 'jack']],
      ['a ZIP list', { zips: ['78701', '75201'] }, ['eve', 'hank', 'ivy', 'kim']],
      ['a distance', { nearZip: '78701', radiusMiles: 15 }, ['eve', 'hank', 'jack', 'kim']],
      ['all at once', { status: 'Lost Estimate', createdAfter: '2019-01-01', createdBefore: '2022-12-31', nearZip: '78701', radiusMiles: 15 }, ['eve', 'jack']],
    ];
    for (const [name, audience, expected] of criteria) {
      const listed = await emails(audience);
      const counted = await backend.call('audiences:preview', { companyId, ...audience });
      if (!counted.ok) throw new Error(counted.error.message);
      expect({ name, listed }).toEqual({ name, listed: expected.map((who) => `${who}@roofmail.net`) });
      expect({ name, matched: counted.value.matched }).toEqual({ name, matched: listed.length });
    }
    // The list's own filters still hold beside the audience (the page sends only the audience's while it shows one).
    expect(await emails({ tag: 'storm' }, 'gina')).toEqual(['gina@roofmail.net']);
    // An audience is one company's: without the company it is refused, not widened to every company.
    await expect(backend.call('leads:page', { filters: { audience: { tag: 'storm' } } })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    // The export of an audience's list holds the same leads.
    const exported = await backend.call('leads:export', { filters: { companyId, audience: { jobType: 'repair' } } });
    expect(exported).toMatchObject({ ok: true, value: { rows: 3 } });
  });
});
