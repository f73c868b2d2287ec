import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import { companyLink } from '../companies/company-link';
import type { BlockedCompany } from './dashboard-types';

const titles: Record<BlockedCompany['reason'], (company: string) => string> = {
  'no-key': (company) => `${company} has no GHL API key`,
  'keychain-unavailable': (company) => `${company}'s API key cannot be read`,
  'key-refused': (company) => `${company} needs a new GHL API key`,
  'daily-limit': (company) => `${company} reached GHL’s request limit`,
  'paused-by-user': (company) => `Sending is paused for ${company}`,
  'workflow-missing': (company) => `${company}'s campaign workflow is gone from GHL`,
  'shared-customers-unasked': (company) => `Some of ${company}'s leads wait for another company's GHL`,
};

/** Blocks fixed on the Companies page, and the button that leads there. */
const FIX_ON_COMPANIES_PAGE: Partial<Record<BlockedCompany['reason'], string>> = {
  'no-key': 'Add the API key',
  'key-refused': 'Paste a new key',
  'workflow-missing': 'Choose a workflow',
};

/**
 * Leads that cannot go without someone doing something: shown first on the dashboard, each with the
 * sentence main wrote for it (electron/sync/blocked.ts) and the one button that fixes it.
 */
export function BlockedPanel({ blocked }: { blocked: BlockedCompany[] }) {
  if (blocked.length === 0) return null;
  return (
    <Stack gap="xs" aria-label="Leads that cannot be sent">
      {blocked.map((block) => (
        <BlockedAlert key={block.companyId} block={block} />
      ))}
    </Stack>
  );
}

function BlockedAlert({ block }: { block: BlockedCompany }) {
  const resume = useWrite((companyId: number) => api.sync.resume({ companyId }), ['sync']);
  // A daily limit lifts by itself: a notice, not an alarm. A missing key can hide a pause (alsoPaused):
  // both buttons then, since the key alone would not start sending.
  // Leads held for another company's GHL: the rest of the company's leads go, so not red.
  const color = block.reason === 'daily-limit' ? 'yellow' : block.reason === 'shared-customers-unasked' ? 'orange' : 'red';
  return (
    <Alert color={color} title={titles[block.reason](block.company)} role="alert">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">{block.message}</Text>
        {block.reason in FIX_ON_COMPANIES_PAGE && (
          <Button component="a" href={companyLink(block.companyId)} size="xs" color={color} style={{ flexShrink: 0 }}>
            {FIX_ON_COMPANIES_PAGE[block.reason]}
          </Button>
        )}
        {(block.reason === 'paused-by-user' || block.alsoPaused === 'paused-by-user') && (
          <Button
            size="xs"
            color={color}
            style={{ flexShrink: 0 }}
            loading={resume.isPending}
            onClick={() =>
              resume.mutate(block.companyId, { onError: (error) => notifications.show({ color: 'red', title: 'Could not resume', message: error.message }) })
            }
          >
            Resume
          </Button>
        )}
      </Group>
    </Alert>
  );
}
