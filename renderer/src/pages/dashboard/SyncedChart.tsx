import { BarChart } from '@mantine/charts';
import { Card, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ReadFailed } from '../../components/ReadFailed';
import { syncedSeriesQuery } from '../../lib/queries';
import { startOfDay, startOfHour } from './format';
import { timeOfDay } from '../../lib/clock';

type Granularity = 'day' | 'hour';

const DAYS_SHOWN = 14;
const HOURS_SHOWN = 24;

/** Leads synced per day (two weeks) or per hour (last day); empty buckets are drawn as zero so gaps are visible. */
export function SyncedChart({ companyId }: { companyId: number | null }) {
  const [granularity, setGranularity] = useState<Granularity>('day');
  // Recomputed with the granularity and the hour: a moving `since` would refetch on every render, and one fixed
  // when the page opened dropped every later hour's sends (open at 09:30, and at 11:15 10:00's were missing).
  const hour = useCurrentHour();
  const buckets = useMemo(() => bucketStarts(granularity, hour), [granularity, hour]);
  const series = useQuery(syncedSeriesQuery({ granularity, since: buckets[0]!, ...(companyId === null ? {} : { companyId }) }));

  const data = useMemo(() => {
    const counts = new Map<number, number>();
    const bucketOf = granularity === 'day' ? startOfDay : startOfHour;
    for (const point of series.data ?? []) counts.set(bucketOf(point.at), (counts.get(bucketOf(point.at)) ?? 0) + point.n);
    return buckets.map((at) => ({ label: bucketLabel(granularity, at), 'Sent to GHL': counts.get(at) ?? 0 }));
  }, [series.data, buckets, granularity]);
  const total = data.reduce((sum, point) => sum + point['Sent to GHL'], 0);

  return (
    <Card withBorder padding="md" aria-label="Leads sent to GHL chart">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={4}>Leads sent to GHL</Title>
          {!series.isError && (
            <Text size="xs" c="dimmed">
              {total.toLocaleString()} in the last {granularity === 'day' ? `${DAYS_SHOWN} days` : `${HOURS_SHOWN} hours`}, by this computer’s clock ({computerZone()})
            </Text>
          )}
        </div>
        <SegmentedControl
          size="xs"
          value={granularity}
          onChange={(value) => setGranularity(value === 'hour' ? 'hour' : 'day')}
          data={[
            { value: 'day', label: 'Per day' },
            { value: 'hour', label: 'Per hour' },
          ]}
        />
      </Group>
      {series.isError ? (
        // Fourteen zero bars would say nothing went to GHL for two weeks.
        <ReadFailed what="how many leads went to GHL" error={series.error} />
      ) : (
        <BarChart
          h={200}
          data={data}
          dataKey="label"
          series={[{ name: 'Sent to GHL', color: 'teal.6' }]}
          tickLine="none"
          // Horizontal lines to read a bar's height by ("y" drew only vertical ones, crowded at the right edge).
          gridAxis="x"
          withTooltip
          maxBarWidth={28}
          // Counted back from the newest bar, so today (or this hour) always has its label: a fixed step from the
          // oldest left today's bar unlabelled beside 'Dec 1', and it read as yesterday's.
          xAxisProps={{ interval: 'preserveEnd', minTickGap: granularity === 'day' ? 24 : 16 }}
          yAxisProps={{ allowDecimals: false, width: 40 }}
        />
      )}
    </Card>
  );
}

/** The start of this hour on this computer's clock, moving on as the clock does (checked every half minute). */
function useCurrentHour(): number {
  const [hour, setHour] = useState(() => startOfHour(Date.now()));
  useEffect(() => {
    const timer = setInterval(() => setHour(startOfHour(Date.now())), 30_000);
    return () => clearInterval(timer);
  }, []);
  return hour;
}

function bucketStarts(granularity: Granularity, now: number): number[] {
  if (granularity === 'day') {
    // Step by calendar day, not 24 h, so a daylight-saving change does not skip or repeat a day.
    return Array.from({ length: DAYS_SHOWN }, (_, i) => {
      const date = new Date(startOfDay(now));
      date.setDate(date.getDate() - (DAYS_SHOWN - 1 - i));
      return date.getTime();
    });
  }
  const last = startOfHour(now);
  return Array.from({ length: HOURS_SHOWN }, (_, i) => last - (HOURS_SHOWN - 1 - i) * 3_600_000);
}

function bucketLabel(granularity: Granularity, at: number): string {
  const date = new Date(at);
  return granularity === 'day'
    ? date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
    : timeOfDay(date);
}

/** "CST": the zone of the chart's hours and days (the companies may be in others). */
function computerZone(): string {
  return new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName')?.value ?? '';
}
