import { Alert, Stack, Text } from '@mantine/core';
import type { DashboardOverview } from '../../../../shared/ipc/dashboard';
import { timeOfDayWithZone } from '../../lib/clock';

type CallTrouble = DashboardOverview['callTroubles'][number];

/**
 * One kind of GHL call failing while the rest of GHL answers (its tag endpoint down for everyone): no lead
 * fails and the connection is up, so the card said "Sending" while nothing went, and nothing said why.
 * Not shown while offline: the connection banner says it all then.
 */
export function CallTroubleAlert({ troubles, showCompany }: { troubles: readonly CallTrouble[]; showCompany: boolean }) {
  if (troubles.length === 0) return null;
  const [only] = troubles;
  const title = troubles.length === 1 && only ? `${showCompany ? `${only.company}: ` : ''}GoHighLevel’s ${only.call} calls are failing` : 'Some GoHighLevel calls are failing';
  return (
    <Alert color="orange" title={title} role="alert" aria-label={title}>
      <Stack gap={4}>
        {troubles.map((trouble) => (
          <Text size="sm" key={`${trouble.companyId}:${trouble.call}`} data-testid="call-trouble">
            {troubles.length > 1 && <strong>{showCompany ? `${trouble.company}, ` : ''}{trouble.call} calls: </strong>}
            {troubles.length > 1 ? 'the' : 'The'} last {trouble.failures.toLocaleString('en-US')} tries since {timeOfDayWithZone(trouble.since)} failed ({trouble.message}).
            {trouble.othersAnswer ? ' GoHighLevel answers its other calls, so your internet is fine: the trouble is at GoHighLevel.' : ''}
          </Text>
        ))}
        <Text size="sm">
          No lead fails for it: the leads wait, are tried again by themselves, and go once GoHighLevel answers. If it lasts, check
          GoHighLevel&rsquo;s status page.
        </Text>
      </Stack>
    </Alert>
  );
}
