import { Badge } from '@mantine/core';
import type { Company } from '../../../../shared/company';
import { keyProblemOf } from '../dashboard/lead-status';

/**
 * Whether the company's API key is saved, and still good. A keychain that does not answer (locked) is said as
 * such: shown "Not set", staff re-pasted keys or made new tokens in GHL for keys that were there all along. A
 * key GHL refused is one red badge: a green "Key set" beside "Needs a new key" read as a setup that worked.
 */
export function KeyStatusBadge({ company }: { company: Pick<Company, 'hasApiKey' | 'isKeyUnreadable' | 'syncPausedReason'> }) {
  const problem = keyProblemOf(company);
  if (problem === 'key-refused') {
    return (
      // Its whole width, whatever the column gets: a table at 1366 px cut it to "REFUSED: NEEDS A …" (a review).
      <Badge color="red" variant="light" data-testid="key-status" style={{ minWidth: 'max-content' }}>
        Refused: needs a new key
      </Badge>
    );
  }
  if (problem === null) {
    return (
      <Badge color="green" variant="light" data-testid="key-status">
        Key set
      </Badge>
    );
  }
  return problem === 'keychain-locked' ? (
    <Badge color="orange" variant="light" data-testid="key-status">
      Keychain locked
    </Badge>
  ) : (
    <Badge color="gray" variant="light" data-testid="key-status">
      Not set
    </Badge>
  );
}
