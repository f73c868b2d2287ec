import { Button, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import type { Company } from '../../../../shared/company';
import { pauseReasonOf } from '../../../../shared/plan-text';
import { ReadFailed } from '../../components/ReadFailed';
import { SendPlanView } from '../../components/SendPlanView';
import { companyPlanQuery } from '../../lib/queries';
import { useSendingHold } from '../../lib/use-sending-hold';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';

/** Where the company's sending stands on its saved schedule: today's count, what waits, next send, finish day. */
export function CompanyPlan({ company }: { company: Company }) {
  const plan = useQuery(companyPlanQuery(company.id));
  const { hold, error: holdError } = useSendingHold(company.id);
  if (plan.isError) return <ReadFailed what="the sending plan" error={plan.error} meanwhile="The schedule below is saved; what waits and when it goes is not shown." />;
  if (!plan.data) return null;
  return (
    <Stack gap="xs">
      {holdError && <ReadFailed what="whether sending is paused" error={holdError} meanwhile="The plan below assumes it is not." />}
      <Paper component="section" withBorder p="sm" radius="md" bg="gray.0" aria-label="Where sending stands">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
          Sending plan
        </Text>
        <SendPlanView plan={plan.data} pauseReason={pauseReasonOf(company.syncPausedReason, company.hasApiKey, company.isKeyUnreadable) ?? hold} label={`${company.name} sending plan`} />
        {/* "Nothing goes until you resume" needs its button here too: it was only on the dashboard. */}
        {company.syncPausedReason === 'user' && <ResumeCompanyButton company={company} />}
        {plan.data.scheduled === 0 && (
          <Text size="xs" c="dimmed" mt={4}>
            Nothing waits to go. Leads you queue go on the schedule below.
          </Text>
        )}
      </Paper>
    </Stack>
  );
}

function ResumeCompanyButton({ company }: { company: Company }) {
  const resume = useWrite((companyId: number) => api.sync.resume({ companyId }), ['sync', 'companies']);
  return (
    <Button
      size="xs"
      variant="light"
      mt="xs"
      loading={resume.isPending}
      onClick={() => resume.mutate(company.id, { onError: (error) => notifications.show({ color: 'red', title: 'Not resumed', message: error.message }) })}
    >
      Resume sending for {company.name}
    </Button>
  );
}
