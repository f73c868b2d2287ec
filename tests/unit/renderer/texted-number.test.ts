import { describe, expect, it } from 'vitest';
import { enrolledWithoutPhoneText, noPhoneText } from '../../../renderer/src/pages/leads/texted-number';

describe('the lead panel of a lead without a phone of its own', () => {
  it('says the campaign has nothing to text when its GHL contact has no number either', () => {
    const lead = { phone: null, ghlContactPhone: null, enrolledAt: 1 };
    expect(noPhoneText(lead)).toBe('No phone number: this lead goes to GHL with its email, but the SMS campaign cannot text it.');
    expect(enrolledWithoutPhoneText(lead)).toBe('In GHL and in the campaign, which has no number to text');
  });

  // GHL matched its email to a contact with a number: the campaign texts it there ("cannot text it" was untrue).
  it('names the number its GHL contact holds, which the campaign texts', () => {
    const lead = { phone: null, ghlContactPhone: '+15125550142', enrolledAt: 1 };
    expect(noPhoneText(lead)).toBe('No phone number of its own: GHL matched its email to a contact with (512) 555-0142, and the SMS campaign texts that number.');
    // Not enrolled yet (waiting, failed, held back): it has not texted anyone.
    expect(noPhoneText({ ...lead, enrolledAt: null })).toContain('and the SMS campaign would text that number.');
    expect(enrolledWithoutPhoneText(lead)).toBe('In GHL and enrolled in the campaign, which texts (512) 555-0142: the number its GHL contact holds');
  });
});
