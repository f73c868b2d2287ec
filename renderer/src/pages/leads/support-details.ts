import type { SyncAttempt } from '../../../../shared/ipc/sync';
import type { Lead } from '../../../../shared/lead';

/**
 * What support needs and office staff do not: ids, HTTP codes and GHL's trace ids, as text to paste
 * into an email. Kept off the screen, where a UUID only looks like an error.
 */
export function supportDetails(lead: Lead, attempts: readonly SyncAttempt[]): string {
  const lines = [
    `Lead #${lead.id} (company #${lead.companyId}${lead.batchId === null ? '' : `, import #${lead.batchId}`})`,
    `Status: ${lead.status}${lead.lastError ? ` — ${lead.lastError}` : ''}`,
    `GHL contact id: ${lead.ghlContactId ?? 'none'}`,
    ...attempts.map((a) =>
      [new Date(a.at).toISOString(), a.operation, a.httpStatus === null ? 'no answer' : `HTTP ${a.httpStatus}`, a.errorCode, a.message, a.traceId && `trace ${a.traceId}`, `${a.durationMs} ms`]
        .filter(Boolean)
        .join(' · '),
    ),
  ];
  return lines.join('\n');
}
