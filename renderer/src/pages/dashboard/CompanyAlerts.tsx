import { Alert, Anchor, Stack } from '@mantine/core';
import type { DashboardCompany } from './dashboard-types';

/** Stops that staff must act on (a new API key) or at least know about (GHL's daily limit). */
export function CompanyAlerts({ companies }: { companies: DashboardCompany[] }) {
  const needsKey = companies.filter((company) => company.syncPausedReason === 'auth');
  const atLimit = companies.filter((company) => company.syncPausedReason === 'daily-limit');
  if (needsKey.length === 0 && atLimit.length === 0) return null;
  return (
    <Stack gap="xs">
      {needsKey.map((company) => (
        <Alert key={company.companyId} color="red" title={`${company.name} needs a new API key`} role="alert">
          GHL refused the company’s key, so its leads are on hold (nothing is lost).{' '}
          <Anchor href="#/companies" fw={600}>
            Open Companies to paste a new key
          </Anchor>
          ; sending resumes by itself.
        </Alert>
      ))}
      {atLimit.map((company) => (
        <Alert key={company.companyId} color="yellow" title={`${company.name} reached GHL’s daily limit`}>
          GHL allows a fixed number of requests per day. The remaining leads wait and go out automatically when the limit
          resets.
        </Alert>
      ))}
    </Stack>
  );
}
