import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { planParts, shortDate, weekdayName, type PauseReason } from '../../../shared/plan-text';
import type { SendPlan } from '../../../shared/send-plan';

const BAR_HEIGHT = 32;

/**
 * A company's sending plan as the office reads it: "62 of 100 today · next: Tue 10:00 CST · 4,480
 * scheduled, done by Jan 14", and the coming 14 days as small bars (how many leads go each day). The
 * dashboard and the Companies page show the same view; the words come from shared/plan-text.ts.
 */
export function SendPlanView({ plan, pauseReason, label }: { plan: SendPlan; pauseReason: PauseReason; label: string }) {
  const parts = planParts(plan, pauseReason);
  return (
    <Stack gap={6} aria-label={label} data-testid="send-plan">
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600} data-testid="plan-today">
          {parts.today}
        </Text>
        {parts.unanswered && (
          <Text size="sm" c="dimmed" data-testid="plan-unanswered">
            ({parts.unanswered})
          </Text>
        )}
        {parts.next && (
          <>
            <Dot />
            <Text size="sm" c={plan.nextSendAt === null ? 'orange.8' : undefined} data-testid="plan-next">
              {parts.next}
            </Text>
          </>
        )}
        {parts.queue && (
          <>
            <Dot />
            <Text size="sm" data-testid="plan-queue">
              {parts.queue}
            </Text>
          </>
        )}
      </Group>
      {/* A sentence, not a figure: on its own line (between the figures it wrapped, and left "0 of 100 today ·" and "· 3 waiting" dangling). */}
      {parts.paused && (
        <Text size="sm" c="yellow.9" fw={500} data-testid="plan-paused">
          {parts.paused}
        </Text>
      )}
      {plan.scheduled > 0 && !plan.paused && parts.paused === null && <PlanDays plan={plan} />}
    </Stack>
  );
}

const Dot = () => (
  <Text size="sm" c="dimmed" aria-hidden>
    ·
  </Text>
);

/** The coming 14 company days: a bar per day, as tall as its share of the daily cap; closed days are marked. */
function PlanDays({ plan }: { plan: SendPlan }) {
  return (
    <Group gap={3} wrap="nowrap" align="flex-end" role="list" aria-label="The coming 14 days">
      {plan.days.map((day, index) => {
        const isClosed = day.capacity === 0;
        const name = index === 0 ? 'Today' : `${weekdayName(day.weekday)} ${shortDate(day.day)}`;
        const words = isClosed ? `${name}: no sending` : `${name}: ${day.count.toLocaleString()} lead${day.count === 1 ? '' : 's'}`;
        const share = plan.dailyCap > 0 ? Math.min(1, day.count / plan.dailyCap) : 0;
        return (
          <Tooltip key={day.day} label={words} withArrow openDelay={150}>
            <Stack gap={2} align="center" w={30} role="listitem" aria-label={words}>
              <Text size="10px" c="dimmed" lh={1} h={10}>
                {day.count > 0 ? day.count.toLocaleString() : ''}
              </Text>
              <Box
                h={BAR_HEIGHT}
                w={20}
                style={{
                  display: 'flex',
                  alignItems: 'flex-end',
                  borderBottom: `2px ${isClosed ? 'dashed var(--mantine-color-gray-4)' : 'solid var(--mantine-color-gray-3)'}`,
                }}
              >
                <Box w="100%" h={day.count > 0 ? Math.max(3, Math.round(share * BAR_HEIGHT)) : 0} bg={index === 0 ? 'blue.5' : 'teal.5'} style={{ borderRadius: 2 }} />
              </Box>
              <Text size="10px" c={isClosed ? 'gray.5' : 'dimmed'} lh={1.1} ta="center" fw={index === 0 ? 700 : undefined}>
                {weekdayName(day.weekday)}
                <br />
                {Number(day.day.slice(8))}
              </Text>
            </Stack>
          </Tooltip>
        );
      })}
    </Group>
  );
}
