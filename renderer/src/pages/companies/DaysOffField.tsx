import { Badge, Button, CloseButton, Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { localToday, usHolidayOn, usHolidaysAhead } from '../../../../shared/us-holidays';

/** "Thu, Dec 25, 2026" (the calendar day itself: no zone shifts it). */
const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });

const inOrder = (days: readonly string[]) => [...new Set(days)].sort();

/**
 * The schedule's days off: a date to add, the coming year's US holidays in one press, and each day as a badge to
 * remove. Only days from today on are shown and kept (the form drops past ones: they hold nothing back).
 */
export function DaysOffField({ value, onChange, error }: { value: readonly string[]; onChange: (days: string[]) => void; error?: string }) {
  const [picked, setPicked] = useState('');
  const today = localToday();
  const holidays = usHolidaysAhead(today);
  const missingHolidays = holidays.filter((holiday) => !value.includes(holiday.date));
  const add = () => {
    if (!picked) return;
    onChange(inOrder([...value, picked]));
    setPicked('');
  };
  return (
    <div>
      <Text size="sm" fw={500} id="days-off-label">
        Days off
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        No lead starts on these days, in each lead’s own calendar: holidays, or days the office is closed and cannot answer replies.
      </Text>
      <Group gap="xs" align="flex-end">
        <TextInput type="date" aria-label="Day off to add" value={picked} min={today} onChange={(e) => setPicked(e.currentTarget.value)} w={170} />
        <Button variant="default" onClick={add} disabled={!picked || picked < today}>
          Add day off
        </Button>
        <Button variant="subtle" onClick={() => onChange(inOrder([...value, ...holidays.map((holiday) => holiday.date)]))} disabled={missingHolidays.length === 0}>
          {missingHolidays.length === 0 ? 'US holidays added' : 'Add US holidays'}
        </Button>
      </Group>
      {value.length > 0 ? (
        <Group gap={6} mt={6} role="list" aria-labelledby="days-off-label">
          {value.map((day) => {
            const holiday = usHolidayOn(day);
            // A Badge with a button of its own: Mantine's Pill hides its remove button from the keyboard and screen readers.
            return (
              <Badge
                key={day}
                role="listitem"
                variant="light"
                color="gray"
                tt="none"
                size="lg"
                fw={500}
                rightSection={<CloseButton size="xs" aria-label={`Remove ${dayLabel(day)}`} onClick={() => onChange(value.filter((other) => other !== day))} />}
              >
                {dayLabel(day)}
                {holiday ? ` · ${holiday.name}` : ''}
              </Badge>
            );
          })}
        </Group>
      ) : (
        <Text size="xs" c="dimmed" mt={4}>
          None: leads start on every sending day. “Add US holidays” adds New Year’s Day, Memorial Day, July 4, Labor Day, Thanksgiving and Christmas for the coming year, and the Friday or Monday off for one on a weekend.
        </Text>
      )}
      {error && (
        <Text c="red" size="xs" mt={4}>
          {error}
        </Text>
      )}
    </div>
  );
}
