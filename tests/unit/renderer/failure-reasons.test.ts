/**
 * The plain words and the fix the dashboard gives for a failed lead's stored error. A deleted custom field was
 * told "GHL does not know the company's location ID — check the location ID" (its text says "for this
 * location"), and a lead that failed for good on GHL's request limit was told it "will go out after the limit
 * resets": failed leads never go by themselves.
 */
import { describe, expect, it } from 'vitest';
import { plainReason } from '../../../renderer/src/pages/dashboard/failure-reasons';

describe('a failed lead in plain words', () => {
  it('names a deleted custom field, not the location', () => {
    const reason = plainReason(
      "GHL no longer has the custom field 'Insurance Company' this lead has a value for (deleted in GHL?), so the contact was not sent. GHL said: Custom field not found for this location",
    );
    expect(reason.plain).toBe('A custom field this lead has a value for was deleted in GHL');
    expect(reason.fix).toMatch(/Create the field again in GHL/);
  });

  it('a request limit that outlasted the retries asks for a retry: the lead does not go by itself', () => {
    const reason = plainReason('Too Many Requests (gave up after 8 attempts)');
    expect(reason.plain).toBe('GHL’s request limit was reached');
    expect(reason.fix).not.toMatch(/will go out/);
    expect(reason.fix).toMatch(/do not go by themselves/);
  });

  it('a contact that had the campaign tag already: remove it in GHL, not "check the campaign settings"', () => {
    const reason = plainReason('The contact already had the tag "reactivation" in GoHighLevel before this app tagged it, so adding it again would start no workflow and send no text. Remove the tag from the contact in GHL, then retry this lead.');
    expect(reason.plain).toBe('The contact already had the campaign tag in GHL, so no workflow started');
    expect(reason.fix).toMatch(/Remove the tag from the contact in GHL/);
  });

  // The screenshot read "GHL did not accept the phone number — fix the phone number on the lead" for a right number another
  // contact has.
  it('an enrolled lead’s new number another contact has: merge the contacts, not "fix the phone number"', async () => {
    const { explainDuplicateRefusal } = await import('../../../electron/sync/duplicate-refusal');
    const { GhlError } = await import('../../../electron/ghl/errors');
    const refused = explainDuplicateRefusal(new GhlError({ kind: 'permanent', operation: 'updateContact', status: 400, message: 'This location does not allow duplicated contacts.' }));
    const reason = plainReason((refused as Error).message);
    expect(reason.plain).toBe('Another contact in GHL already has this lead’s new phone or email, so the contact in the campaign kept its old one');
    // Not "merge" alone: a family's shared email is another person's contact (a review).
    expect(reason.fix).toBe('Find that contact in GHL: if it is the same customer, merge the two there, else correct the lead; then retry.');
  });

  // It read "GHL did not accept the phone number — fix the phone number on the lead": the lead's number is right.
  it('GHL kept another contact’s number (its upsert quirk): merge the contacts in GHL, not "fix the phone number"', async () => {
    const { phoneNotKept } = await import('../../../electron/sync/phone-kept');
    for (const kept of ['+15125550199', null]) {
      const reason = plainReason(phoneNotKept('+15125550142', kept)!);
      expect(reason.plain).toBe('GHL matched this lead to a contact without its phone number, so the campaign would not text it');
      expect(reason.fix).toMatch(/Merge the two contacts in GHL/);
    }
  });

  it('a request GHL never answered while it answered the others', () => {
    const reason = plainReason('No answer from GoHighLevel within 30000 ms, while it answered other requests (gave up after 8 attempts)');
    expect(reason.plain).toBe('GHL never answered this lead’s request, while it answered the others');
  });

  it('still reads a location GHL does not know', () => {
    expect(plainReason('Location not found').plain).toBe('GHL does not know the company’s location ID');
  });
});
