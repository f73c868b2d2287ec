import { describe, expect, it } from 'vitest';
import { isSamePhone, phoneNotKept } from '../../../electron/sync/phone-kept';

describe('whether GHL kept the lead’s phone on the contact it matched', () => {
  it('is the number that counts, not how GHL writes it', () => {
    expect(isSamePhone('+15125550142', '+15125550142')).toBe(true);
    expect(isSamePhone('5125550142', '+15125550142')).toBe(true);
    expect(isSamePhone('+1 (512) 555-0142', '+15125550142')).toBe(true);
    expect(isSamePhone('+15125550199', '+15125550142')).toBe(false);
    expect(isSamePhone('5550142', '+15125550142')).toBe(false); // seven digits say nothing of the area
    expect(isSamePhone(null, '+15125550142')).toBe(false);
  });

  it('says why not, or nothing when there is nothing to judge', () => {
    expect(phoneNotKept('+15125550142', '+15125550199')).toMatch(/keeps another phone number/);
    expect(phoneNotKept('+15125550142', null)).toMatch(/without a phone number/);
    expect(phoneNotKept('+15125550142', '+15125550142')).toBeNull();
    expect(phoneNotKept(null, '+15125550199')).toBeNull(); // an email-only lead: the contact's number is its own business
    expect(phoneNotKept('+15125550142', undefined)).toBeNull();
  });
});
