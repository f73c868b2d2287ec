import type { Api } from '../../../shared/ipc/contract';
import type { AppErrorData, Result } from '../../../shared/ipc/result';

declare global {
  interface Window {
    api: Api;
  }
}

/** The typed bridge to the main process (Electron preload or the browser harness' web preload). */
export const api: Api = window.api;

export class ApiError extends Error {
  constructor(readonly error: AppErrorData) {
    super(error.message);
  }
}

/** For code paths where an error should surface as an exception (e.g. inside useQuery). */
export async function unwrap<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
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
