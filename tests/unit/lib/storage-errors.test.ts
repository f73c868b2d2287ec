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

  // An import into a damaged database said only "Something went wrong in the app … [internal]" (a review).
  it('a damaged database file says so and names the restore', () => {
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_NOTADB']) {
      const error = storageError(sqliteError(code, 'database disk image is malformed'), { dataDir: '/data/rlm', doing: 'Importing' });
      expect(error).toMatchObject({ code: 'database-damaged', message: expect.stringMatching(/^Importing: the database in \/data\/rlm is damaged\..*rlm restore FILE/) });
    }
  });

  it('leaves an error of another kind alone', () => {
    expect(storageError(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'), { dataDir: '/data/rlm' })).toBeNull();
  });
});
