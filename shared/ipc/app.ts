import { z } from 'zod';
import { channel } from './define';

export const appChannels = {
  'app:info': channel(
    z.void(),
    z.object({
      version: z.string(),
      dataDir: z.string(),
      keychain: z.object({ isAvailable: z.boolean(), message: z.string().nullable() }),
    }),
  ),
};
