import * as z from 'zod';

/** Stable error codes: the UI and tests branch on these, never on message text. */
export const errorCodes = [
  'validation',
  'not-found',
  'conflict',
  'keychain-unavailable',
  'no-api-key',
  'db-newer-schema',
  'db-busy',
  'disk-full',
  'data-folder-unwritable',
  'database-damaged',
  'locked',
  'cancelled',
  'bad-file',
  'offline',
  'ghl-auth',
  'ghl-rate-limit',
  'ghl-error',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
});
export type AppErrorData = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
