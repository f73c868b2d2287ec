/**
 * `rlm import` reads the company's key early, beside the import, so the keychain's wait overlaps the
 * writing. A key saved while a long import ran (the office saves it in the app, or `rlm company set-key`
 * in another window) was reported as missing at the end: "Acme has no GHL API key: nothing will be sent",
 * when sending was about to begin. The command on a real backend (real SQLite file, the real keychain,
 * the import's worker threads); the key is saved at the import's first progress, seconds before it ends.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCommand } from '../../../electron/cli/commands/import';
import type { Output } from '../../../electron/cli/output';
import { createCompanies, useBackends, valueOf } from '../../helpers/backend';

/** Rows enough that the import is still writing well after its first progress report. */
const ROWS = 200_000;

function writeLeads(path: string): void {
  const lines = ['First Name,Phone'];
  for (let i = 0; i < ROWS; i++) lines.push(`Lead${i},(303) ${200 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}

interface ImportJson {
  imported: number;
  notice: string | null;
  sending: { queued: number; message: string | null } | null;
}

describe('rlm import, when a key is saved while it runs', () => {
  const { open, tempDir } = useBackends();

  it('reports the key as saved, and the sending plan, not "no GHL API key"', async () => {
    const backend = open();
    const [companyId] = await createCompanies(backend, ['Acme']);
    const file = join(tempDir(), 'leads.csv');
    writeLeads(file);

    let keySaved: Promise<unknown> | null = null;
    let isSavedBeforeTheEnd = false;
    const stop = backend.ctx.events.on('import:progress', (progress) => {
      if (progress.state === 'running' && keySaved === null) {
        keySaved = backend.call('companies:setKey', { id: companyId, apiKey: 'pit-acme-token-1234567890' }).then(valueOf);
      }
    });
    let printed: unknown = null;
    const out = { isJson: true, result: (value) => (printed = value), progress: () => undefined } satisfies Output;
    const finished = importCommand(backend, [file, '--company', 'Acme'], out);
    // The key is in the keychain while the import still writes (else this machine outran the test: a bigger file).
    await new Promise<void>((resolve) => {
      const wait = setInterval(() => {
        if (keySaved === null) return;
        clearInterval(wait);
        void keySaved.then(() => {
          isSavedBeforeTheEnd = printed === null;
          resolve();
        });
      }, 5);
    });
    await finished;
    stop();
    expect(isSavedBeforeTheEnd, 'the import ended before the key was saved: make the file bigger').toBe(true);

    const result = printed as ImportJson;
    expect(result.imported).toBe(ROWS);
    expect(result.notice).toBeNull();
    expect(result.sending?.queued).toBe(ROWS);
    expect(result.sending?.message ?? '').not.toMatch(/API key/);
  }, 90_000);
});
