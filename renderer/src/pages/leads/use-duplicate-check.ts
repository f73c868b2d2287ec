import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { LeadSummary } from '../../../../shared/lead';
import { duplicateCheckQuery } from '../../lib/queries';

/**
 * Asks main, a moment after typing stops, whether this company already has a lead with this phone
 * or email, so staff notice before they save a second copy of the same homeowner.
 */
export function useDuplicateCheck(companyId: number | null, phone: string, email: string): LeadSummary | null {
  const [debounced] = useDebouncedValue({ companyId, phone: phone.trim(), email: email.trim() }, 400);
  // Fewer than 7 digits cannot match a stored (normalised) phone: skip the round trip.
  const hasPhone = debounced.phone.replace(/\D/g, '').length >= 7;
  const hasEmail = debounced.email.includes('@');
  const check = useQuery({
    ...duplicateCheckQuery({ companyId: debounced.companyId ?? 0, phone: hasPhone ? debounced.phone : null, email: hasEmail ? debounced.email : null }),
    enabled: debounced.companyId !== null && (hasPhone || hasEmail),
  });
  // A failed check is not worth an error on the form: saving still refuses a real duplicate.
  return check.isEnabled && check.data ? check.data : null;
}
