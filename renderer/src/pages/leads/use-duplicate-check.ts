import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { LeadSummary } from '../../../../shared/lead';
import { api } from '../../lib/api';

/**
 * Asks main, a moment after typing stops, whether this company already has a lead with this phone
 * or email, so staff notice before they save a second copy of the same homeowner.
 */
export function useDuplicateCheck(companyId: number | null, phone: string, email: string): LeadSummary | null {
  const [debounced] = useDebouncedValue({ companyId, phone: phone.trim(), email: email.trim() }, 400);
  const [match, setMatch] = useState<LeadSummary | null>(null);

  useEffect(() => {
    const { companyId: id, phone: p, email: e } = debounced;
    // Fewer than 7 digits cannot match a stored (normalised) phone: skip the round trip.
    const hasPhone = p.replace(/\D/g, '').length >= 7;
    const hasEmail = e.includes('@');
    if (id === null || (!hasPhone && !hasEmail)) {
      setMatch(null);
      return;
    }
    let isCurrent = true;
    void api.leads
      .checkDuplicate({ companyId: id, phone: hasPhone ? p : null, email: hasEmail ? e : null })
      .then((result) => {
        // A failed check is not worth an error on the form: saving still refuses a real duplicate.
        if (isCurrent) setMatch(result.ok ? result.value : null);
      });
    return () => {
      isCurrent = false;
    };
  }, [debounced.companyId, debounced.phone, debounced.email]);

  return match;
}
