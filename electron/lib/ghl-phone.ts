/**
 * A phone number as GoHighLevel answers it, in E.164 without the phone library (this module loads in the import's
 * writer thread and the sync worker): "+" and its digits, or a North American number's ten digits, which GHL may
 * answer without the country code or formatted ("+1 (512) 555-0142", "5125550142"). Null when it cannot tell.
 */
export function ghlPhoneAsE164(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  if (raw.trim().startsWith('+')) return digits.length >= 7 ? `+${digits}` : null;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return null;
}
