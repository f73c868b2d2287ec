import type { Api } from '../../../shared/ipc/contract';
import type { AppErrorData, ErrorCode, Result } from '../../../shared/ipc/result';

declare global {
  interface Window {
    api: Api;
  }
}

/** The typed bridge to the main process (Electron preload or the browser harness' web preload). */
export const api: Api = window.api;

/** Main's `{ok:false, error}` as an exception, for TanStack Query: its `code` and `details` stay readable. */
export class ApiError extends Error implements AppErrorData {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(error: AppErrorData) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.details = error.details;
  }
}

/**
 * A call's value, or its error thrown as an ApiError (what query and mutation functions need).
 * A transport that throws instead of answering becomes an `internal` ApiError, so every query
 * error has a code.
 */
export async function unwrap<T>(promise: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await promise;
  } catch (failure) {
    throw new ApiError({ code: 'internal', message: failure instanceof Error ? failure.message : String(failure) });
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** Field errors from a `validation` error's details, keyed by the field path. */
export function fieldErrors(error: AppErrorData): Record<string, string> {
  const out: Record<string, string> = {};
  if (error.code === 'validation' && Array.isArray(error.details)) {
    for (const issue of error.details as Array<{ path?: string; message?: string }>) {
      const key = (issue.path ?? '').split('.').pop() ?? '';
      if (key && issue.message && !out[key]) out[key] = issue.message;
    }
  }
  const field = (error.details as { field?: string } | undefined)?.field;
  if (error.code === 'conflict' && field) out[field] = error.message;
  return out;
}
