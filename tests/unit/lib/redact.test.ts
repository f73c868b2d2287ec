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

  it('masks keys and bearer tokens', () => {
    expect(redact('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
    expect(redact('key pit-0123456789abcdef saved')).toBe('key [redacted-key] saved');
  });
});
