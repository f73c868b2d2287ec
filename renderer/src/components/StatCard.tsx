import { Card, Text } from '@mantine/core';
import type { MantineColor } from '@mantine/core';

interface Props {
  label: string;
  value: number | string;
  color?: MantineColor;
  hint?: string;
}

/** One big number with its plain-language label; `aria-label` lets tests and screen readers read both. */
export function StatCard({ label, value, color, hint }: Props) {
  const shown = typeof value === 'number' ? value.toLocaleString() : value;
  return (
    <Card withBorder padding="md" role="group" aria-label={`${label}: ${shown}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {shown}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}
