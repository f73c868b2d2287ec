import { Alert, Stack, Text } from '@mantine/core';
import type { DashboardOverview } from '../../../../shared/ipc/dashboard';
import { callTroubleDetail, callTroubleOutcome, callTroubleTitle } from '../../../../shared/call-trouble-text';
import { timeOfDayWithZone } from '../../lib/clock';

type CallTrouble = DashboardOverview['callTroubles'][number];

/**
 * One kind of GHL call failing while the rest of GHL answers (its tag endpoint down for everyone), or GHL turning every
 * call away with "Too Many Requests": no lead fails and the connection is up, so the card said "Sending" while nothing
 * went, and nothing said why.
 * The main process leaves out what another alert says (offline, paused, stopped, a blocked company).
 */
export function CallTroubleAlert({ troubles, showCompany }: { troubles: readonly CallTrouble[]; showCompany: boolean }) {
  const [only] = troubles;
  if (!only) return null;
  const title =
    troubles.length === 1
      ? callTroubleTitle(only, showCompany)
      : troubles.every((trouble) => trouble.isRateLimit)
        ? 'GoHighLevel asks the app to slow down (too many requests)'
        : troubles.some((trouble) => trouble.isRateLimit)
          ? 'GoHighLevel turns calls away, and some fail'
          : 'Some GoHighLevel calls are failing';
  return (
    <Alert color="orange" title={title} role="alert" aria-label={title}>
      <Stack gap={4}>
        {troubles.map((trouble) => (
          <Text size="sm" key={`${trouble.companyId}:${trouble.call}`} data-testid="call-trouble">
            {troubles.length > 1 && <strong>{callTroubleTitle(trouble, showCompany)}. </strong>}
            {callTroubleDetail(trouble, timeOfDayWithZone)}
          </Text>
        ))}
        <Text size="sm">{callTroubleOutcome(troubles)}</Text>
      </Stack>
    </Alert>
  );
}
