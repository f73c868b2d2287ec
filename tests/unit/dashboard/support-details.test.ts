import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../shared/lead';
import { supportDetails } from '../../../renderer/src/pages/leads/support-details';

const lead = {
  id: 42,
  companyId: 3,
  batchId: 7,
  status: 'failed',
  lastError: 'GHL refused: invalid phone',
  ghlContactId: 'c0ffee00-1234-4abc-9def-000000000042',
} as const satisfies Partial<Lead>;

describe('"Copy details": the ids support asks for, off the screen', () => {
  it('names the lead, its GHL contact and every attempt with its trace id', () => {
    const text = supportDetails({ ...(lead as unknown as Lead) }, [
      { id: 1, jobId: 9, operation: 'upsertContact', httpStatus: 422, errorCode: 'ghl-validation', message: 'phone invalid', traceId: 'b7e1c2d3-aaaa-4bbb-8ccc-123456789abc', durationMs: 140, at: Date.UTC(2026, 10, 30, 15) },
      { id: 2, jobId: 9, operation: 'upsertContact', httpStatus: null, errorCode: 'offline', message: null, traceId: null, durationMs: 10_000, at: Date.UTC(2026, 10, 30, 14) },
    ]);
    expect(text).toContain('Lead #42 (company #3, import #7)');
    expect(text).toContain('GHL contact id: c0ffee00-1234-4abc-9def-000000000042');
    expect(text).toContain('2026-11-30T15:00:00.000Z · upsertContact · HTTP 422 · ghl-validation · phone invalid · trace b7e1c2d3-aaaa-4bbb-8ccc-123456789abc · 140 ms');
    expect(text).toContain('no answer · offline');
  });
});
