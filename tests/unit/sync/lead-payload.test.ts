import { describe, expect, it } from 'vitest';
import { enrolTagFor, upsertBodyFor } from '../../../electron/sync/lead-payload';
import type { LeadForSync } from '../../../electron/core/jobs/job-queue';

const lead = (tag: string | null): LeadForSync => ({
  firstName: 'Ann', lastName: null, phone: '+15125550142', email: null, address1: null, city: null, state: null, postalCode: null,
  country: 'US', source: null, tag, timeZone: null, companyName: null, crmTags: null, customValues: [], doNotContact: false, ghlContactId: null, wasEnrolled: false, version: 0,
});

describe('the tag a lead is enrolled with', () => {
  // One fixed tag (issue #15 item 8): a monthly reactivation-YYYY-MM stopped matching the workflow's trigger each month.
  it("is the lead's own tag, else the company's fixed tag, else reactivation", () => {
    expect(enrolTagFor(lead('storm-2026'), 'company-tag')).toBe('storm-2026');
    expect(enrolTagFor(lead(null), 'company-tag')).toBe('company-tag');
    expect(enrolTagFor(lead(null), null)).toBe('reactivation');
    expect(enrolTagFor(lead('  '), '  ')).toBe('reactivation');
  });
});

describe('the upsert body', () => {
  it("carries the lead's own time zone when it is known, so GHL's workflow waits use it", () => {
    expect(upsertBodyFor('loc1', { ...lead(null), timeZone: 'America/Los_Angeles' })).toMatchObject({ timezone: 'America/Los_Angeles' });
    expect(upsertBodyFor('loc1', lead(null))).not.toHaveProperty('timezone');
  });

  it("carries the customer's company name from the old CRM", () => {
    expect(upsertBodyFor('loc1', { ...lead(null), companyName: 'Oak Street HOA' })).toMatchObject({ companyName: 'Oak Street HOA' });
  });

  it('carries the custom field values as GHL\'s customFields [{ id, field_value }], and no customFields key without any', () => {
    const customValues = [
      { id: 'fld1', name: 'Insurance Company', value: 'State Farm' },
      { id: 'fld2', name: 'Claim Number', value: 'CLM-1' },
    ];
    expect(upsertBodyFor('loc1', { ...lead(null), customValues }).customFields).toEqual([
      { id: 'fld1', field_value: 'State Farm' },
      { id: 'fld2', field_value: 'CLM-1' },
    ]);
    expect(upsertBodyFor('loc1', lead(null))).not.toHaveProperty('customFields');
  });
});
