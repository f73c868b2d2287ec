import { Badge } from '@mantine/core';
import type { Company } from '../../../../shared/company';

/**
 * Whether the company's API key is saved. A keychain that does not answer (locked) is said as such: shown
 * "Not set", staff re-pasted keys or made new tokens in GHL for keys that were there all along.
 */
export function KeyStatusBadge({ company }: { company: Pick<Company, 'hasApiKey' | 'isKeyUnreadable'> }) {
  if (company.hasApiKey) {
    return (
      <Badge color="green" variant="light" data-testid="key-status">
        Key set
      </Badge>
    );
  }
  return company.isKeyUnreadable ? (
    <Badge color="orange" variant="light" data-testid="key-status">
      Keychain locked
    </Badge>
  ) : (
    <Badge color="gray" variant="light" data-testid="key-status">
      Not set
    </Badge>
  );
}
