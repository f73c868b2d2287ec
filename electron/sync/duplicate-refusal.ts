/**
 * GHL refuses to give the contact a lead was enrolled through a number or email another contact holds, when the
 * location does not allow duplicates (as it refuses such a create: GHL-NOTES). Retrying cannot help: the lead fails,
 * in words the office can act on. The contact the campaign texts keeps what it had, the old number included.
 */
import { GhlError, isGhlError } from '../ghl/errors';

/** GHL refused a number or email another contact holds: the contact written to does not hold it. */
export function isDuplicateRefusal(error: unknown): error is GhlError {
  return isGhlError(error) && error.kind === 'permanent' && /duplicated? contact/i.test(error.message);
}

export function explainDuplicateRefusal(error: unknown): unknown {
  if (!isDuplicateRefusal(error)) return error;
  return new GhlError({
    kind: 'permanent',
    operation: error.operation,
    status: error.status,
    traceId: error.traceId,
    // Which field and whose contact GHL does not say in a way the app keeps: a family's shared email is another person's.
    message:
      'GHL has another contact with this phone or email, and the location does not allow duplicates, so the contact in ' +
      'the campaign keeps its old number and details: find that contact in GHL; if it is the same customer, merge the ' +
      `two there, else correct the lead; then retry. GHL said: ${error.message}`,
  });
}
