import { describe, expect, it } from 'vitest';
import { storageError } from '../../../electron/core/storage-errors';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('storage errors in words', () => {
  // On a full disk the WAL index cannot grow: SQLite says SQLITE_IOERR_SHMSIZE, "disk I/O error", which every
  // command (status, export, a backup to another disk) passed on as is.
  it('a WAL index that cannot grow is a full disk, naming the folder', () => {
    const error = storageError(sqliteError('SQLITE_IOERR_SHMSIZE', 'disk I/O error'), { dataDir: '/data/rlm', doing: 'Reading the status' });
    expect(error).toMatchObject({ code: 'disk-full', message: expect.stringContaining("the disk that holds the app's data (/data/rlm) is full") });
  });

  it('leaves an error of another kind alone', () => {
    expect(storageError(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'), { dataDir: '/data/rlm' })).toBeNull();
  });
});
