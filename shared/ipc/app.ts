import * as z from 'zod';
import { companySchema } from '../company';
import { channel } from './define';

export const appChannels = {
  'app:info': channel(
    z.void(),
    z.object({
      version: z.string(),
      dataDir: z.string(),
      logsDir: z.string(),
      keychain: z.object({ isAvailable: z.boolean(), message: z.string().nullable() }),
    }),
  ),
  /**
   * Online backup of the live database; without a path it goes to the data folder's backups/ (the
   * renderer offers it with `files.saveCopy`). `path`: from the renderer, a one-use handle from
   * `files.choose('backup-target')` (the OS save dialog); in-process callers (`rlm backup`) may give a path.
   */
  'app:backup': channel(z.object({ path: z.string().min(1).max(4096).optional() }).optional(), z.object({ path: z.string(), bytes: z.number() })),
  /**
   * Checks a backup (integrity, not from a newer app) and stages it; it replaces the database at the next start.
   * `path`: from the renderer, a one-use handle from `files.choose('restore-source')`; in-process callers may give a path.
   */
  'app:restore': channel(
    z.object({ path: z.string().min(1).max(4096) }),
    z.object({ companies: z.number(), leads: z.number(), needsRestart: z.boolean() }),
  ),
  /** Starts a local GHL sandbox and a demo company pointed at it (no GHL account needed). */
  'app:startSandbox': channel(z.void(), z.object({ url: z.string(), company: companySchema })),
  'app:openLogsFolder': channel(z.void(), z.object({ path: z.string(), opened: z.boolean() })),
  /** The office dealt with what a restore could not carry over: its warnings end (the dashboard's "Done"). */
  'app:dismissRestoreWarnings': channel(z.void(), z.object({ dismissed: z.number() })),
};
