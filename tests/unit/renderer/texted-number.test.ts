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

  // The office removed a wrong number after the lead went: until the sync takes it off the GHL contact, the campaign
  // may still text it. The panel said only "no phone number", as if nothing would.
  it('says a number the office removed is still on the GHL contact until the next send, then that it was taken off', () => {
    const lead = { phone: null, ghlContactPhone: null, enrolledAt: 1, removedPhone: { phone: '+15125550142', clearedAt: null } };
    expect(noPhoneText(lead)).toBe(
      'No phone number: this lead goes to GHL with its email, but the SMS campaign cannot text it. The number you removed, (512) 555-0142, is still on its GHL contact until the lead’s next send takes it off.',
    );
    expect(noPhoneText({ ...lead, removedPhone: { phone: '+15125550142', clearedAt: 5 } })).toContain('The number you removed, (512) 555-0142, was taken off its GHL contact.');
  });
});
