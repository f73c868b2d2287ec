import { randomUUID } from 'node:crypto';
import { cpSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';
import { useBackends, valueOf } from '../../helpers/backend';

const acme = { name: 'Acme Roofing', ghlLocationId: 'locAcme123' };
const KEY = 'pit-original-0123456789abcdef';

/**
 * Two data folders on one computer share one keychain. A copy of a folder still in use must not send with
 * the original's key (both would send the same queued leads: a second note, a second enrolment), nor
 * delete it; a folder moved elsewhere keeps its keys.
 */
describe('a copied data folder', () => {
  const { open, tempDir } = useBackends();

  async function folderWithKey() {
    const secrets = new OsKeychain(`rlm-test-${randomUUID()}`);
    const dataDir = tempDir();
    const original = open(dataDir, { secrets });
    const { id } = valueOf(await original.call('companies:create', acme));
    valueOf(await original.call('companies:setKey', { id, apiKey: KEY }));
    await original.close();
    return { secrets, dataDir, id };
  }

  // The folder's id (the keys' account names) was read inside a write transaction at each start: with another program
  // holding the database's write lock, `rlm status` said "no API key saved" and the list "keychain did not answer".
  it('reads its keys while another program holds the write lock: a settled folder writes nothing to know its id', async () => {
    const { secrets, dataDir, id } = await folderWithKey();
    const reopened = open(dataDir, { secrets });
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(join(dataDir, 'leads.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(valueOf(await reopened.call('companies:get', { id }))).toMatchObject({ hasApiKey: true, isKeyUnreadable: false });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('starts without the original\'s keys, and deleting its company or changing its address leaves the original\'s key alone', async () => {
    const { secrets, dataDir, id } = await folderWithKey();
    const copyDir = join(tempDir(), 'copy');
    cpSync(dataDir, copyDir, { recursive: true });

    const copy = open(copyDir, { secrets });
    expect(valueOf(await copy.call('companies:get', { id }))).toMatchObject({ hasApiKey: false });
    await expect(copy.ctx.companies.apiKey(id)).resolves.toBeNull();
    valueOf(await copy.call('companies:update', { id, patch: { ghlBaseUrl: 'http://127.0.0.1:47999' } }));
    valueOf(await copy.call('companies:setKey', { id, apiKey: 'pit-copy-0123456789abcdef' }));
    valueOf(await copy.call('companies:remove', { id }));
    // A new company in the copy takes the next id, which the original may use too.
    const second = valueOf(await copy.call('companies:create', { name: 'Bravo Roofing', ghlLocationId: 'locBravo123' }));
    expect(second.hasApiKey).toBe(false);

    const original = open(dataDir, { secrets });
    await expect(original.ctx.companies.apiKey(id)).resolves.toBe(KEY);
  });

  it('keeps its own id once it is a copy: its keys are still there when it is opened again', async () => {
    const { secrets, dataDir, id } = await folderWithKey();
    const copyDir = join(tempDir(), 'copy');
    cpSync(dataDir, copyDir, { recursive: true });
    const copy = open(copyDir, { secrets });
    valueOf(await copy.call('companies:setKey', { id, apiKey: 'pit-copy-0123456789abcdef' }));
    await copy.close();

    const again = open(copyDir, { secrets });
    await expect(again.ctx.companies.apiKey(id)).resolves.toBe('pit-copy-0123456789abcdef');
    const original = open(dataDir, { secrets });
    await expect(original.ctx.companies.apiKey(id)).resolves.toBe(KEY);
  });

  it('a folder moved elsewhere (nothing left where it was) keeps its keys', async () => {
    const { secrets, dataDir, id } = await folderWithKey();
    const movedDir = join(tempDir(), 'moved');
    renameSync(dataDir, movedDir);

    const moved = open(movedDir, { secrets });
    expect(valueOf(await moved.call('companies:get', { id }))).toMatchObject({ hasApiKey: true });
    await expect(moved.ctx.companies.apiKey(id)).resolves.toBe(KEY);
  });
});
