import { describe, expect, it } from 'vitest';
import { enrolledWithoutPhoneText, noPhoneText, removedPhonesText } from '../../../renderer/src/pages/leads/texted-number';

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

  // The office removed a wrong number after the lead went: GHL's contact keeps it (the app never clears a field there),
  // and the campaign may still text it. The panel said only "no phone number", as if nothing would.
  it('names a number the office removed after the lead went, which its GHL contact may keep', () => {
    expect(removedPhonesText([])).toBeNull();
    expect(removedPhonesText(['+15125550142'])).toBe(
      'Removed here after this lead went to GHL: (512) 555-0142. Its GHL contact may still have it, and the campaign may text it: take it off the contact in GHL (or mark this lead do-not-contact).',
    );
    expect(removedPhonesText(['+15125550142', '+15125550143'])).toContain('(512) 555-0142, (512) 555-0143. Its GHL contact may still have them');
    // Its status no longer says the campaign has no number to text.
    expect(enrolledWithoutPhoneText({ phone: null, ghlContactPhone: null, enrolledAt: 1, removedPhones: ['+15125550142'] })).toBe('In GHL and in the campaign, which may still text the number removed here (see below)');
  });
});
