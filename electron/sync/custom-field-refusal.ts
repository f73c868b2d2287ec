/**
 * GHL refuses an upsert naming a custom field the location does not have (deleted there since the
 * import), or a value it will not take for the field. Retrying cannot help, so it stays a permanent failure,
 * but with words the office can act on: which field, by the name it had when the app last read the location's
 * fields, and whether the field is gone or the value is refused. Any refusal whose text named "customFields" was
 * told "deleted in GHL?", and the office went looking for a field that was there.
 */
import { GhlError, isGhlError } from '../ghl/errors';
import type { LeadForSync } from '../core/jobs/job-queue';

export function explainCustomFieldRefusal(error: unknown, lead: Pick<LeadForSync, 'customValues'>): unknown {
  if (!isGhlError(error) || error.kind !== 'permanent' || lead.customValues.length === 0) return error;
  if (!/custom ?field/i.test(error.message)) return error;
  const named = lead.customValues.filter((custom) => error.message.includes(custom.id));
  const fields = (named.length > 0 ? named : lead.customValues).map((custom) => `'${custom.name}'`);
  const which = fields.length === 1 ? `the custom field ${fields[0]}` : `one of the custom fields ${fields.join(', ')}`;
  const isGone = /not found|does ?n[o']t exist|no longer exists|unknown custom ?field/i.test(error.message);
  return new GhlError({
    kind: 'permanent',
    operation: error.operation,
    status: error.status,
    traceId: error.traceId,
    message: isGone
      ? `GHL no longer has ${which} this lead has a value for (deleted in GHL?), so the contact was not sent. GHL said: ${error.message}`
      : `GHL refused this lead's value for ${which}, so the contact was not sent: correct the value on the lead (or the field's type in GHL), then retry. GHL said: ${error.message}`,
  });
}
