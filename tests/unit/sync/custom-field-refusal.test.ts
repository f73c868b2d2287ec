/**
 * The words a lead's failure gives when GHL refuses its custom field values. Any refusal whose text named
 * "customFields" (a value GHL would not take for the field's type: "customFields.0.field_value must be an array")
 * was told "GHL no longer has the custom field … (deleted in GHL?)": the office went looking for a field that was
 * there. Only GHL's "not found" is a deleted field; another refusal names the field and the value to correct.
 */
import { describe, expect, it } from 'vitest';
import { GhlError } from '../../../electron/ghl/errors';
import { explainCustomFieldRefusal } from '../../../electron/sync/custom-field-refusal';
import { plainReason } from '../../../renderer/src/pages/dashboard/failure-reasons';

const lead = { customValues: [{ id: 'fldRoof', name: 'Storm Damage', value: 'Yes' }] };
const refusal = (message: string) => new GhlError({ kind: 'permanent', operation: 'upsertContact', status: 422, traceId: null, message });
const explained = (message: string) => (explainCustomFieldRefusal(refusal(message), lead) as Error).message;

describe('GHL refusing a lead’s custom field values', () => {
  it('a field GHL does not find is a deleted field', () => {
    expect(explained('Custom field not found for this location: fldRoof')).toMatch(/^GHL no longer has the custom field 'Storm Damage' .*\(deleted in GHL\?\)/);
  });

  it('a value GHL will not take is that value, not a deleted field, and the dashboard says so', () => {
    const message = explained('customFields.0.field_value must be an array');
    expect(message).not.toMatch(/no longer has|deleted/);
    expect(message).toBe("GHL refused this lead's value for the custom field 'Storm Damage', so the contact was not sent: correct the value on the lead (or the field's type in GHL), then retry. GHL said: customFields.0.field_value must be an array");
    expect(plainReason(message).plain).toBe('GHL refused a custom field value of this lead');
  });
});
