import { Card, Stack, Text, Title } from '@mantine/core';
import { type PauseReason } from '../../../../shared/plan-text';
import { SendPlanView } from '../../components/SendPlanView';
import type { BlockedCompany, DashboardCompany } from './dashboard-types';

/** The dashboard's block judgement as the plan's pause words (the blocked list above says what to do). */
const PAUSE_OF: Record<Exclude<BlockedCompany['reason'], 'shared-customers-unasked'>, PauseReason> = {
  'no-key': 'no-key',
  'keychain-unavailable': 'keychain',
  'key-refused': 'auth',
  'daily-limit': 'daily-limit',
  'paused-by-user': 'user',
  'workflow-missing': 'workflow-missing',
};

/**
 * Leads held for another company's GHL hold those alone: the plan goes on for the rest, and says the wait only when they
 * are all it has ("sending now · 1 scheduled, done today" stood over a lead that waited for the other company).
 */
const pauseOfBlock = (block: BlockedCompany, plan: DashboardCompany['plan']): PauseReason =>
  block.reason === 'shared-customers-unasked' ? (block.holdsEveryLead || block.waiting >= plan.scheduled ? 'shared-unasked' : null) : PAUSE_OF[block.reason];

/**
 * "When do my leads go": per company with leads waiting for their turn, today's count against its cap,
 * the next send, the finish day at this pace and the coming two weeks. Companies with nothing waiting
 * are left out; with none at all the card is not shown. While sending is paused as a whole or GHL is out of
 * reach (`hold`) it says so instead of a next send and a finish day; so it does for a company whose GHL calls of
 * one kind keep failing or GHL turns its calls away (`heldByGhl`: the alert above names them), where "sending now · done
 * today" was untrue.
 */
export function SendPlanCard({
  companies,
  hold,
  heldByGhl = new Map(),
}: {
  companies: DashboardCompany[];
  /** What holds a company's sending (sendingHoldOf): per company, as a sync may run for some companies only. */
  hold: (companyId: number) => 'all-paused' | 'stopped' | 'offline' | null;
  heldByGhl?: ReadonlyMap<number, 'ghl-failing' | 'ghl-rate-limited'>;
}) {
  const waiting = companies.filter((company) => company.plan.scheduled > 0);
  if (waiting.length === 0) return null;
  return (
    <Card withBorder padding="md" component="section" aria-label="Sending plan">
      <Title order={4}>Sending plan</Title>
      <Text size="xs" c="dimmed" mb="sm">
        Queued leads go on each company’s schedule: up to its daily limit, on its days and hours in each lead’s own time, and by law
        never outside 08:00–21:00 there.
      </Text>
      <Stack gap="md">
        {waiting.map((company) => (
          <div key={company.companyId}>
            <Text size="sm" fw={600} mb={2}>
              {company.name}
            </Text>
            <SendPlanView plan={company.plan} pauseReason={(company.blocked ? pauseOfBlock(company.blocked, company.plan) : null) ?? hold(company.companyId) ?? heldByGhl.get(company.companyId) ?? null} label={`${company.name} sending plan`} />
            {/* The key's block hid it: saving the key alone sends nothing (the alert above says the way out). */}
            {company.blocked?.alsoPaused && (
              <Text size="sm" c="dimmed" data-testid="plan-also-paused">
                {company.blocked.alsoPaused === 'paused-by-user' ? 'Also paused: no lead goes until it is resumed, key or not.' : 'Also needs a workflow: nobody is enrolled until one is chosen, key or not.'}
              </Text>
            )}
          </div>
        ))}
      </Stack>
    </Card>
  );
}
