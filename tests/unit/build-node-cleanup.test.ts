import { existsSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { removeOlderBuilds, STALE_AFTER_MS } from '../../scripts/build-node';

/**
 * An older build's chunks stay in out/node/ while something started from that build may still load them, and
 * go once they are old. "Old" is measured on the file system's clock: under the suite's faked time
 * (scripts/at-test-time.sh) Date.now() is days ahead of every mtime, and a chunk written a second ago by
 * another build must not look days old.
 */
describe('removeOlderBuilds', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('keeps what this build wrote and what an older build wrote recently; removes what is older than an hour', () => {
    dir = mkdtempSync(join(tmpdir(), 'rlm-out-node-'));
    writeFileSync(join(dir, 'rlm.mjs'), 'this build');
    writeFileSync(join(dir, 'chunk-RECENT.mjs'), 'an older build, a moment ago');
    writeFileSync(join(dir, 'chunk-OLD.mjs'), 'an older build, long ago');
    // Dated on the file system's clock (a file's mtime), not Date.now(), which the faked time moves.
    const fileSystemNow = statSync(join(dir, 'rlm.mjs')).mtimeMs;
    const longAgo = (fileSystemNow - STALE_AFTER_MS - 60_000) / 1000;
    utimesSync(join(dir, 'chunk-OLD.mjs'), longAgo, longAgo);

    removeOlderBuilds(dir, new Set(['rlm.mjs']));

    expect(existsSync(join(dir, 'rlm.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'chunk-RECENT.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'chunk-OLD.mjs'))).toBe(false);
  });
});
