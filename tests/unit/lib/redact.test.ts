import { describe, expect, it } from 'vitest';
import { redact } from '../../../electron/core/log';

describe('redact (what a log line may say of a phone or a key)', () => {
  // Imported files, error texts and GHL's answers carry phones in every format, not only E.164.
  it.each([
    ['+15125550142', '•••••••0142'],
    ['(512) 555-0142', '••••••0142'],
    ['512-555-0142', '••••••0142'],
    ['512.555.0142', '••••••0142'],
    ['+1 512 555 0142', '•••••••0142'],
    ['+52 55 1234 5678', '••••••••5678'],
    ['555-0142', '•••0142'],
  ])('masks %s, keeping the last 4 digits', (phone, masked) => {
    expect(redact(`lead failed: phone ${phone} refused`)).toBe(`lead failed: phone ${masked} refused`);
  });

  it.each([
    '2026-12-02T20:00:00.123Z INFO [sync] claimed 50',
    'batch 12 of 3000 rows, 1,234 leads',
    'lead #1234 took 250 ms',
    'window 10:00–19:00, cap 100',
  ])('leaves a line without a phone as it is: %s', (line) => {
    expect(redact(line)).toBe(line);
  });

  // Each of these went into the log as it was: a GHL lookup's URL, phones side by side, and every email address.
  it.each([
    ['GET /contacts/search/duplicate?locationId=loc1&number=%2B15125550142', 'GET /contacts/search/duplicate?locationId=loc1&number=•••••••0142'],
    ['phones 5125550142 5125550143 refused', 'phones ••••••0142 ••••••0143 refused'],
    ['cell 512 555 0142 512 555 0143 refused', 'cell ••••••••0143 refused'],
    ['duplicate of ann.lee+roof@example.com', 'duplicate of a•••@example.com'],
    ['?email=ann.lee%40example.com&locationId=loc1', '?email=a•••%40example.com&locationId=loc1'],
  ])('masks %s', (line, masked) => {
    expect(redact(line)).toBe(masked);
  });

  it('leaves what only looks like an address: a package version, a host name', () => {
    expect(redact('built with node@22 on user@localhost')).toBe('built with node@22 on user@localhost');
  });

  // The review's cases: a long run of short numbers is no phone.
  it.each(['companies 1001 1002 1003 1004 synced', 'columns 2026 2027 2028 2029', 'crm id 12345678901234567890'])('leaves a long run of short numbers as it is: %s', (line) => {
    expect(redact(line)).toBe(line);
  });

  it('masks keys and bearer tokens', () => {
    expect(redact('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
    expect(redact('key pit-0123456789abcdef saved')).toBe('key [redacted-key] saved');
  });
});
