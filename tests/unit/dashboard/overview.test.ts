import type Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadStatuses } from '../../../shared/lead';
import type { DashboardOverview } from '../../../shared/ipc/dashboard';
import type { Backend } from '../../../electron/app/backend';
import { useBackends } from '../../helpers/backend';
import { readStatus } from '../../../electron/cli/commands/sync';

async function value<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const overview = (backend: Backend, companyId?: number): Promise<DashboardOverview> =>
  value(backend.call('dashboard:overview', companyId === undefined ? undefined : { companyId }));

/** An import with "Queue now" off, as the import worker leaves it: a batch row and `new` leads without jobs. */
function heldBackImport(client: Database.Database, companyId: number, fileName: string, count: number, firstPhone: number): number {
  const now = Date.now();
  const batchId = Number(
    client
      .prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, imported, created_at, finished_at) VALUES (?, ?, 'completed', 0, ?, ?, ?)`)
      .run(companyId, fileName, count, now, now).lastInsertRowid,
  );
  const insert = client.prepare(`INSERT INTO leads (company_id, batch_id, first_name, phone, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'new', ?, ?)`);
  for (let i = 0; i < count; i++) insert.run(companyId, batchId, `Held${i}`, `+1303555${String(firstPhone + i).padStart(4, '0')}`, now, now);
  return batchId;
}

describe('dashboard:overview — one read for every number on the dashboard', () => {
  const { open } = useBackends();

  async function twoCompanies() {
    const backend = open();
    const withKey = await value(backend.call('companies:create', { name: 'Alpine Roofing', ghlLocationId: 'locAlpine1' }));
    const noKey = await value(backend.call('companies:create', { name: 'Birch Roofs', ghlLocationId: 'locBirch01' }));
    await value(backend.call('companies:setKey', { id: withKey.id, apiKey: 'pit-0123456789abcdef0123456789abcdef' }));
    for (let i = 0; i < 3; i++) await value(backend.call('leads:create', { companyId: withKey.id, firstName: `A${i}`, phone: `(303) 201-000${i}` }));
    for (let i = 0; i < 2; i++) await value(backend.call('leads:create', { companyId: noKey.id, firstName: `B${i}`, phone: `(720) 301-000${i}` }));
    return { backend, withKey: withKey.id, noKey: noKey.id };
  }

  it('a first start has no company and nothing to send', async () => {
    const backend = open();
    const result = await overview(backend);
    expect(result.companyCount).toBe(0);
    expect(result.companies).toEqual([]);
    expect(result.isAllSent).toBe(true);
    expect(result.runner.hasWork).toBe(false);
  });

  it('blocks the company without a key, with a sentence that says what to do; the other is not blocked', async () => {
    const { backend, withKey, noKey } = await twoCompanies();
    const result = await overview(backend);
    expect(result.blocked).toHaveLength(1);
    expect(result.blocked[0]).toMatchObject({ companyId: noKey, company: 'Birch Roofs', reason: 'no-key', waiting: 2 });
    expect(result.blocked[0]!.message).toContain('Companies page');
    // The screen's sentence never asks office staff to type a command.
    expect(result.blocked[0]!.message).not.toContain('rlm ');
    expect(result.companies.find((c) => c.companyId === noKey)!.blocked?.reason).toBe('no-key');
    expect(result.companies.find((c) => c.companyId === withKey)!.blocked).toBeNull();
    expect(result.isAllSent).toBe(false);
    // Only Alpine's three can go now: Birch's two wait for a key.
    expect(result.queue).toEqual({ due: 5, scheduled: 0, sending: 0, optOuts: 0 });
    expect(result.waiting).toBe(5);
    expect(result.runner.hasWork).toBe(true);
  });

  // The "Sending is paused" alert names these whatever waits: their opt-outs cannot reach GHL either.
  it('says of every company whether GHL can be called for it at all, from its key and its pause, waiting leads or not', async () => {
    const { backend, withKey, noKey } = await twoCompanies();
    const idle = await value(backend.call('companies:create', { name: 'Cedar Roofs', ghlLocationId: 'locCedar01' }));
    await value(backend.call('companies:setKey', { id: idle.id, apiKey: 'pit-0123456789abcdef0123456789abcdee' }));
    const cannotCall = async () => Object.fromEntries((await overview(backend)).companies.map((company) => [company.name, company.cannotCallGhl]));
    expect(await cannotCall()).toEqual({ 'Alpine Roofing': null, 'Birch Roofs': 'no-key', 'Cedar Roofs': null });
    const pause = backend.ctx.db.$client.prepare('UPDATE companies SET sync_paused_reason = ?, sync_paused_until = ? WHERE id = ?');
    pause.run('auth', null, idle.id); // nothing of Cedar's waits
    pause.run('daily-limit', Date.now() + 3_600_000, withKey);
    expect(await cannotCall()).toEqual({ 'Alpine Roofing': 'daily-limit', 'Birch Roofs': 'no-key', 'Cedar Roofs': 'key-refused' });
    // A limit whose reset has passed holds nothing; the office's pause holds leads, not opt-outs.
    pause.run('daily-limit', Date.now() - 1_000, withKey);
    pause.run('user', null, idle.id);
    expect(await cannotCall()).toEqual({ 'Alpine Roofing': null, 'Birch Roofs': 'no-key', 'Cedar Roofs': null });
    void noKey;
  });

  it('a company with no key that is also paused says both: adding the key alone does not start sending', async () => {
    const { backend, noKey } = await twoCompanies();
    await value(backend.call('sync:pause', { companyId: noKey }));
    let block = (await overview(backend)).blocked[0]!;
    expect(block).toMatchObject({ companyId: noKey, reason: 'no-key', alsoPaused: 'paused-by-user' });
    expect(block.message).toContain('Add the key');
    expect(block.message).not.toContain('starts by itself');
    expect(block.message).toContain('Resume');

    // The same for a campaign workflow GHL no longer has: the key alone does not lift that either.
    await value(backend.call('sync:resume', { companyId: noKey }));
    backend.ctx.db.$client.prepare(`UPDATE companies SET sync_paused_reason = 'workflow-missing', sync_paused_at = ? WHERE id = ?`).run(Date.now(), noKey);
    block = (await overview(backend)).blocked[0]!;
    expect(block).toMatchObject({ reason: 'no-key', alsoPaused: 'workflow-missing' });
    expect(block.message).not.toContain('starts by itself');
    expect(block.message).toContain('workflow');

    // Not paused: the key is all it takes.
    backend.ctx.db.$client.prepare(`UPDATE companies SET sync_paused_reason = NULL, sync_paused_at = NULL WHERE id = ?`).run(noKey);
    block = (await overview(backend)).blocked[0]!;
    expect(block).toMatchObject({ reason: 'no-key', alsoPaused: null });
    expect(block.message).toContain('starts by itself');
  });

  it('carries the data folder\'s warnings: opt-outs a restore could not carry over are said at every open', async () => {
    const backend = open();
    const dataDir = backend.ctx.dataDir;
    expect((await overview(backend)).warnings).toEqual([]);
    await backend.close();
    // A restore's marker naming a replaced file that is gone (deleted by hand): nothing can be read from it.
    writeFileSync(join(dataDir, 'leads.sqlite.carry-opt-outs'), JSON.stringify({ replacedFiles: [join(dataDir, 'backups', 'gone.sqlite')] }));
    for (let opening = 0; opening < 2; opening++) {
      const reopened = open(dataDir);
      expect((await overview(reopened)).warnings).toEqual([expect.stringMatching(/^The opt-outs made since the backup could not be read, [^\n]*\nWhat to do:\n1\. Pause sending[\s\S]*\n2\. Add them on the Opt-outs page[\s\S]*gone\.sqlite: the file is gone\.$/)]);
      await reopened.close();
    }
  });

  it('cards, companies table and waiting count come from the same counts', async () => {
    const { backend } = await twoCompanies();
    const client = backend.ctx.db.$client;
    heldBackImport(client, (await overview(backend)).companies[0]!.companyId, 'spring-list.csv', 4, 100);
    const result = await overview(backend);
    const fromRows = client.prepare('SELECT status, count(*) AS n FROM leads GROUP BY status').all() as Array<{ status: string; n: number }>;
    expect(result.totals).toEqual(Object.fromEntries(leadStatuses.map((s) => [s, fromRows.find((r) => r.status === s)?.n ?? 0])));
    for (const status of leadStatuses) expect(result.companies.reduce((sum, c) => sum + c.counts[status], 0)).toBe(result.totals[status]);
    const jobs = client.prepare(`SELECT count(*) AS n FROM sync_jobs WHERE state IN ('queued', 'running')`).get() as { n: number };
    expect(result.waiting).toBe(jobs.n);
    expect(result.companies.reduce((sum, c) => sum + c.heldBack, 0)).toBe(result.heldBackTotal);
  });

  it('lists held-back leads per import by file name; Send (imports:queue) moves them to the queue', async () => {
    const { backend, withKey } = await twoCompanies();
    const client = backend.ctx.db.$client;
    const batchId = heldBackImport(client, withKey, 'old-crm-export.csv', 6, 200);
    let result = await overview(backend);
    expect(result.heldBack).toEqual([
      { batchId, companyId: withKey, fileName: 'old-crm-export.csv', importedAt: expect.any(Number), isImporting: false, count: 6 },
    ]);
    expect(result.heldBackTotal).toBe(6);
    expect(result.companies.find((c) => c.companyId === withKey)!.heldBack).toBe(6);
    expect(result.isAllSent).toBe(false);

    expect(await value(backend.call('imports:queue', { batchId }))).toEqual({ queued: 6 });
    result = await overview(backend);
    expect(result.heldBack).toEqual([]);
    expect(result.heldBackTotal).toBe(0);
    expect(result.queue.due).toBe(3 + 2 + 6);
  });

  it('"All sent" only when nothing is queued, scheduled, held back or blocked', async () => {
    const backend = open();
    const company = await value(backend.call('companies:create', { name: 'Cedar Roofing', ghlLocationId: 'locCedar01' }));
    await value(backend.call('companies:setKey', { id: company.id, apiKey: 'pit-0123456789abcdef0123456789abcdef' }));
    const lead = await value(backend.call('leads:create', { companyId: company.id, firstName: 'Ann', phone: '(303) 201-0042' }));
    const client = backend.ctx.db.$client;

    // Scheduled for tomorrow: not blocked (it goes by itself), not sendable now, not "All sent".
    client.prepare('UPDATE sync_jobs SET next_run_at = ? WHERE lead_id = ?').run(Date.now() + 86_400_000, lead.id);
    let result = await overview(backend);
    expect(result.queue).toEqual({ due: 0, scheduled: 1, sending: 0, optOuts: 0 });
    expect(result.blocked).toEqual([]);
    expect(result.runner.hasWork).toBe(false);
    expect(result.isAllSent).toBe(false);

    // Paused by the user: blocked, with Resume as the way out.
    client.prepare('UPDATE sync_jobs SET next_run_at = ? WHERE lead_id = ?').run(Date.now(), lead.id);
    await value(backend.call('sync:pause', { companyId: company.id }));
    result = await overview(backend);
    expect(result.blocked.map((b) => b.reason)).toEqual(['paused-by-user']);
    expect(result.blocked[0]!.message).toContain('Resume');
    expect(result.runner.hasWork).toBe(false);
    await value(backend.call('sync:resume', { companyId: company.id }));

    // Sent: the job succeeded and the lead is in GHL.
    client.prepare(`UPDATE sync_jobs SET state = 'succeeded' WHERE lead_id = ?`).run(lead.id);
    client.prepare(`UPDATE leads SET status = 'synced', synced_at = ?, ghl_contact_id = 'ct-ann' WHERE id = ?`).run(Date.now(), lead.id);
    result = await overview(backend);
    expect(result.isAllSent).toBe(true);
    expect(result.waiting).toBe(0);

    // The office marks the sent lead do-not-contact: its opt-out goes to GHL (a DND job). That is no lead still to
    // go ("Still to go 1", "1 lead waiting" were said of it), but not "All sent" either: the opt-out is not in GHL yet.
    await value(backend.call('leads:update', { id: lead.id, patch: { doNotContact: true } }));
    result = await overview(backend);
    expect(result.queue).toEqual({ due: 0, scheduled: 0, sending: 0, optOuts: 1 });
    expect(result.waiting).toBe(0);
    expect(result.isAllSent).toBe(false);
    expect(result.runner.hasWork).toBe(true);
    // Paused with a lead to send beside the opt-out: the block counts them apart ("2 leads waiting … Press Resume to send
    // them" counted the customer's STOP as a lead, and the pause lets it go), on the dashboard and in rlm status.
    const bob = await value(backend.call('leads:create', { companyId: company.id, firstName: 'Bob', phone: '(303) 201-0043' }));
    await value(backend.call('sync:pause', { companyId: company.id }));
    result = await overview(backend);
    expect(result.blocked).toMatchObject([{ reason: 'paused-by-user', waiting: 1, optOuts: 1 }]);
    expect(result.blocked[0]!.message).toMatch(/^Cedar Roofing: 1 lead and 1 opt-out waiting — sending is paused \(since .*\); the opt-out still goes to GHL\. Press Resume to send the leads\.$/);
    const { status } = await readStatus(backend, undefined);
    expect(status.blocked).toMatchObject([{ reason: 'paused-by-user', waiting: 1, optOuts: 1 }]);
    await value(backend.call('sync:resume', { companyId: company.id }));
    await value(backend.call('leads:remove', { id: bob.id }));
    // Paused with the opt-out alone: the pause lets it go, so nothing is blocked and it is work now (a review: "Paused —
    // When resumed" on the card, and rlm sync's exit 3 "Stuck", for an opt-out that goes without anyone resuming).
    await value(backend.call('sync:pause', { companyId: company.id }));
    result = await overview(backend);
    expect(result.blocked).toEqual([]);
    expect(result.runner.hasWork).toBe(true);
    expect((await readStatus(backend, undefined)).status.blocked).toEqual([]);
    await value(backend.call('sync:resume', { companyId: company.id }));
    client.prepare(`UPDATE sync_jobs SET state = 'succeeded' WHERE lead_id = ? AND state = 'queued'`).run(lead.id);
    expect((await overview(backend)).isAllSent).toBe(true);

    // A held-back import alone is enough to say "not all sent".
    heldBackImport(client, company.id, 'later.csv', 1, 300);
    expect((await overview(backend)).isAllSent).toBe(false);
  });

  it('a company filter narrows every part of the answer', async () => {
    const { backend, withKey } = await twoCompanies();
    const result = await overview(backend, withKey);
    expect(result.companies.map((c) => c.companyId)).toEqual([withKey]);
    expect(result.blocked).toEqual([]);
    expect(result.waiting).toBe(3);
    expect(result.isAllSent).toBe(false);
  });
});
