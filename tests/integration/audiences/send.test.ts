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
    expect(preview).toEqual({ ok: true, value: { matched: 2, queued: 1, alreadyQueued: 0, alreadySent: 0, optedOut: 1 } });
    const statusOf = (email: string) => (backend.ctx.db.$client.prepare('SELECT status FROM leads WHERE email = ?').get(email) as { status: string }).status;
    expect(statusOf('eve@roofmail.net')).toBe('new');
    await backend.close();

    // The same through the command line, as an office manager after a hail storm would.
    const run = (extra: string[]) =>
      spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dir, 'send', '--company', 'Summit Roofing', '--status', 'lost estimate',
        '--created-after', '2019-01-01', '--created-before', '2022-12-31', '--near-zip', '78701', '--radius-miles', '15', '--json', ...extra], { encoding: 'utf8', cwd: root });
    const dry = run(['--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ matched: 2, queued: 1, alreadyQueued: 0, alreadySent: 0, optedOut: 1 });
    const sent = run([]);
    expect(sent.status, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout)).toEqual({ matched: 2, queued: 1, alreadyQueued: 0, alreadySent: 0, optedOut: 1 });
    expect(JSON.parse(run(['--dry-run']).stdout)).toEqual({ matched: 2, queued: 0, alreadyQueued: 1, alreadySent: 0, optedOut: 1 });

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
});
