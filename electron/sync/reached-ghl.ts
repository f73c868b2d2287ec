import { isGhlError } from '../ghl/errors';
import { classifyError } from './ghl-transport';

/**
 * Whether a failed call may have been carried out by GHL: no answer came (a timeout, a broken connection,
 * the network gone, which a timeout cannot tell apart from "never sent"), or a 5xx. An answer below 500,
 * a request dropped before sending, the daily limit or a refused key prove it was not, for their own try: a refused
 * key after a 5xx or no answer (withRetry's earlierTryMayHaveActed) leaves that earlier try's doubt.
 */
export function mayHaveReachedGhl(error: unknown): boolean {
  if (isGhlError(error) && error.earlierTryMayHaveActed) return true;
  const classified = classifyError(error);
  if (classified.isSuperseded || classified.kind === 'auth' || classified.kind === 'daily-limit') return false;
  return classified.status === null || classified.status >= 500;
}

