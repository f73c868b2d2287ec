/**
 * A log line the disk refuses is dropped, never thrown: on a full disk the search index thread's warning
 * reached Logger.log from a worker's message handler, and its ENOSPC became an uncaught exception (in the
 * app, the main process' crash) while the import it came with had handled the full disk in words.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Logger } from '../../../electron/core/log';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a log the disk refuses', () => {
  it('drops the line instead of throwing', () => {
    const logDir = mkdtempSync(join(tmpdir(), 'rlm-log-'));
    made.push(logDir);
    mkdirSync(join(logDir, 'app.log')); // appending to it fails (EISDIR), as a full disk fails with ENOSPC
    const log = new Logger(logDir, 'debug');
    expect(() => log.warn('search index: the disk is full')).not.toThrow();
    expect(() => log.child('sync').error('still nothing thrown')).not.toThrow();
  });
});
