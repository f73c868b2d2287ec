import { describe, expect, it } from 'vitest';
import { FileGrants } from '../../../electron/core/file-grants';

const MINUTE = 60_000;

function grantsAt(start = 1_000_000) {
  let now = start;
  return { grants: new FileGrants(() => now), advance: (ms: number) => (now += ms) };
}

describe('FileGrants: the renderer names a file only by a handle main granted', () => {
  it('a renderer reference that is not a live handle for this purpose is a validation error', () => {
    const { grants } = grantsAt();
    const handle = grants.grant('/home/ann/leads.csv', 'import-source');
    expect(handle).toMatch(/^fh_[A-Za-z0-9_-]{24}$/);
    expect(grants.peek(handle, 'import-source', 'renderer')).toBe('/home/ann/leads.csv');
    for (const reference of ['/etc/passwd', '../../x', 'leads.csv', `${handle}x`, 'fh_AAAAAAAAAAAAAAAAAAAAAAAA']) {
      expect(() => grants.peek(reference, 'import-source', 'renderer')).toThrow(expect.objectContaining({ code: 'validation' }));
    }
    expect(() => grants.take(handle, 'backup-target', 'renderer')).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringMatching(/^Choose where to save/) }));
    expect(() => grants.take(handle, 'restore-source', 'renderer')).toThrow(expect.objectContaining({ code: 'validation' }));
    // A refused use leaves the handle for its own purpose.
    expect(grants.peek(handle, 'import-source', 'renderer')).toBe('/home/ann/leads.csv');
  });

  it('a taken handle is spent; its file is let go when the use ends, once', () => {
    const { grants } = grantsAt();
    let released = 0;
    const handle = grants.grant('/tmp/upload/a.csv', 'import-source', { onRelease: () => released++ });
    const taken = grants.take(handle, 'import-source', 'renderer');
    expect(taken.path).toBe('/tmp/upload/a.csv');
    expect(() => grants.peek(handle, 'import-source', 'renderer')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(released).toBe(0);
    taken.release();
    taken.release();
    expect(released).toBe(1);
  });

  it('an unused handle expires after its idle time (abandoned wizard: its upload is let go); use keeps it alive', () => {
    const { grants, advance } = grantsAt();
    const released: string[] = [];
    const kept = grants.grant('/u/kept.csv', 'import-source', { onRelease: () => released.push('kept') });
    const abandoned = grants.grant('/u/abandoned.csv', 'import-source', { onRelease: () => released.push('abandoned') });
    const backup = grants.grant('/u/b.sqlite', 'backup-target', { onRelease: () => released.push('backup') });
    advance(40 * MINUTE);
    grants.peek(kept, 'import-source', 'renderer');
    grants.sweep();
    expect(released).toEqual(['backup']);
    expect(() => grants.take(backup, 'backup-target', 'renderer')).toThrow(expect.objectContaining({ code: 'validation' }));
    advance(30 * MINUTE);
    grants.sweep();
    expect(released).toEqual(['backup', 'abandoned']);
    expect(() => grants.peek(abandoned, 'import-source', 'renderer')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(grants.peek(kept, 'import-source', 'renderer')).toBe('/u/kept.csv');
  });

  it('at close every grant ends, taken ones still in use included', () => {
    const { grants } = grantsAt();
    const released: string[] = [];
    grants.grant('/u/a.csv', 'import-source', { onRelease: () => released.push('waiting') });
    grants.take(grants.grant('/u/b.csv', 'import-source', { onRelease: () => released.push('importing') }), 'import-source', 'renderer');
    grants.releaseAll();
    expect(released.sort()).toEqual(['importing', 'waiting']);
    expect(grants.size).toBe(0);
  });

  it('in-process callers (CLI, tests) may name any path; a handle still follows the handle rules', () => {
    const { grants } = grantsAt();
    expect(grants.peek('/anywhere/leads.csv', 'import-source', 'in-process')).toBe('/anywhere/leads.csv');
    expect(grants.take('/anywhere/backup.sqlite', 'backup-target', 'in-process').path).toBe('/anywhere/backup.sqlite');
    const handle = grants.grant('/u/a.csv', 'import-source');
    expect(() => grants.take(handle, 'backup-target', 'in-process')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => grants.grant('relative.csv', 'import-source')).toThrow(/absolute/);
  });
});
