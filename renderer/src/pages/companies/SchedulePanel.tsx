import { Alert, Button, Chip, Group, NumberInput, Select, Stack, Text, TextInput, type ComboboxData } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { Company } from '../../../../shared/company';
import { LAST_START_MARGIN_MINUTES, scheduleInputSchema, weekdays, type Weekday } from '../../../../shared/schedule';
import { api, fieldErrors, unwrap } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';
import { useWrite } from '../../lib/use-write';
import { localToday } from '../../../../shared/us-holidays';
import { zoneLabel } from '../../../../shared/zone-label';
import { DaysOffField } from './DaysOffField';

const DAY_LABELS: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

const ZONE_SOURCE: Record<Company['timeZoneSource'], string> = {
  ghl: 'From your GHL location’s settings.',
  machine: 'This computer’s zone for now: saving or testing the API key takes your GHL location’s zone.',
  user: 'Chosen by you.',
};

interface Draft {
  dailyCap: number | string;
  /** '' = no hourly limit. */
  hourlyCap: number | string;
  sendDays: Weekday[];
  start: string;
  end: string;
  timeZone: string;
  startDate: string;
  /** From today on: past days off hold nothing back, and saving drops them. */
  daysOff: string[];
}

const fromCompany = (company: Company): Draft => ({
  dailyCap: company.schedule.dailyCap,
  hourlyCap: company.schedule.hourlyCap ?? '',
  sendDays: [...company.schedule.sendDays],
  start: company.schedule.window.start,
  end: company.schedule.window.end,
  timeZone: company.schedule.timeZone,
  startDate: company.schedule.startDate ?? '',
  daysOff: company.schedule.daysOff.filter((day) => day >= localToday()),
});

/**
 * The draft rebased on a company read again (GHL's zone adopted when the key was saved, `rlm company set`):
 * a field the user has not changed takes the new stored value. Kept as opened, the panel's stale zone
 * ("UTC") was saved over the zone just adopted from GHL with a change of the daily cap, and the daily
 * count then reset at 18:00 in Chicago.
 */
function rebased(draft: Draft, openedFrom: Draft, stored: Draft): Draft {
  const next = { ...draft };
  for (const key of Object.keys(stored) as Array<keyof Draft>) {
    if (JSON.stringify(draft[key]) === JSON.stringify(openedFrom[key])) Object.assign(next, { [key]: stored[key] });
  }
  return next;
}

/** Only what differs from the stored schedule is sent: a field left alone never overwrites another writer's value. */
function changedFields(input: ReturnType<typeof toInput>, stored: ReturnType<typeof toInput>): Partial<ReturnType<typeof toInput>> {
  const keys = Object.keys(input) as Array<keyof typeof input>;
  return Object.fromEntries(keys.filter((key) => JSON.stringify(input[key]) !== JSON.stringify(stored[key])).map((key) => [key, input[key]]));
}

const toInput = (draft: Draft) => ({
  dailyCap: typeof draft.dailyCap === 'number' ? draft.dailyCap : Number.NaN,
  hourlyCap: draft.hourlyCap === '' ? null : typeof draft.hourlyCap === 'number' ? draft.hourlyCap : Number.NaN,
  sendDays: draft.sendDays,
  window: { start: draft.start, end: draft.end },
  timeZone: draft.timeZone,
  startDate: draft.startDate || null,
  daysOff: draft.daysOff,
});

/** A whole number of leads, as the schedule's caps take them (shared/schedule.ts checks the same). */
// Out-of-range values stay as typed so the form can say why they are refused: clamped on blur, a 0 typed to
// stop the campaign was saved as 1 a day without a word.
const LEAD_COUNT = { min: 1, max: 100_000, clampBehavior: 'none', allowDecimal: false, allowNegative: false, thousandSeparator: ',' } as const;

/** The zones a US roofing office picks from, first and by name ("Mountain Time (Denver)"), as the rest of the app names them. */
const US_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];

/**
 * Every zone this browser knows, the company's own among them even when the list lacks it: the US ones first, by
 * name (the list was 400 IANA ids such as "America/Denver", beside "days by Mountain Time (Denver)" on the page).
 */
function zoneOptions(current: string): ComboboxData {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const others = (known.includes(current) ? known : [current, ...known]).filter((zone) => !US_ZONES.includes(zone));
  return [
    { group: 'United States', items: US_ZONES.map((zone) => ({ value: zone, label: zoneLabel(zone) })) },
    { group: 'Other zones', items: others },
  ];
}

/**
 * How fast and when leads start the campaign: the daily cap, days, hours (in each lead's own time), the
 * company's zone and a start date. While it is edited, main says in words what it does and where the
 * legal floor narrows it (the rules live in main, electron/pacing/).
 */
/**
 * A time of day as typed text on a 24-hour clock, as every time the app shows: a native time field shows the
 * computer's own format ("08:00 AM") beside summaries that say 08:00–21:00. The schema checks HH:MM.
 */
const CLOCK_FIELD = { placeholder: 'HH:MM', maxLength: 5 } as const;

export function SchedulePanel({ company, onDirtyChange }: { company: Company; onDirtyChange?: (isDirty: boolean) => void }) {
  const [draft, setDraft] = useState<Draft>(() => fromCompany(company));
  // The stored values the draft was last based on: what "left alone" means when the company is read again.
  const [basis, setBasis] = useState<Draft>(() => fromCompany(company));
  useEffect(() => {
    const stored = fromCompany(company);
    setDraft((current) => rebased(current, basis, stored));
    setBasis(stored);
    // Only a new read of the company rebases (basis is what it was compared with, not a trigger).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [company]);
  // What the last save stored, until the company is read again: right after "Schedule saved" the refetched
  // company may not be here yet, and closing then asked about changes that were saved.
  const [justSaved, setJustSaved] = useState<string | null>(null);
  useEffect(() => setJustSaved(null), [company]);
  // Against what is stored: the drawer asks before closing over unsaved hours.
  const isDirty = JSON.stringify(toInput(draft)) !== (justSaved ?? JSON.stringify(toInput(fromCompany(company))));
  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [isTried, setIsTried] = useState(false);
  const save = useWrite((schedule: Partial<ReturnType<typeof toInput>>) => api.companies.update({ id: company.id, patch: { schedule } }), ['companies']);
  const zones = useMemo(() => zoneOptions(company.schedule.timeZone), [company.schedule.timeZone]);

  const input = toInput(draft);
  const parsed = scheduleInputSchema.safeParse(input);
  const localErrors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path.at(-1)), issue.message]));
  const explained = useQuery({
    queryKey: queryKeys.companies.explainSchedule(input),
    queryFn: () => unwrap(api.companies.explainSchedule(input)),
    enabled: parsed.success,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  // While a field is wrong the last good summary would describe another schedule (errors under the fields, and
  // above them "At most 500 leads a day … 08:00–21:00"): say what is missing instead.
  const text = !parsed.success
    ? { summary: 'Fix the fields marked below to see what this schedule does.', short: '', notes: [] }
    : (explained.data ?? { summary: company.scheduleSummary, short: company.scheduleShort, notes: company.scheduleNotes });
  const isHourlyMoot = parsed.success && parsed.data.hourlyCap !== null && parsed.data.hourlyCap >= parsed.data.dailyCap;

  const change = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setSavedAt(null);
    setErrors({}); // main's answer was about the values before this change
  };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    setIsTried(true);
    if (!parsed.success) return;
    setErrors({});
    save.mutate(changedFields(input, toInput(fromCompany(company))), {
      onSuccess: () => {
        setSavedAt(Date.now());
        setJustSaved(JSON.stringify(input));
      },
      onError: (error) => {
        setErrors(fieldErrors(error));
        setFormError(error.message);
      },
    });
  }

  // Local problems show once a save was tried, then follow the typing; main's until the next change.
  const shown: Record<string, string | undefined> = isTried ? { ...errors, ...localErrors } : errors;
  return (
    <form onSubmit={submit} noValidate aria-label="Sending schedule">
      <Stack gap="sm">
        <div>
          <Text fw={500}>Sending schedule</Text>
          <Text size="sm" data-testid="schedule-summary">
            {text.summary}
          </Text>
        </div>
        <Group grow align="flex-start">
          <NumberInput
            {...LEAD_COUNT}
            label="Leads per day"
            description="Leads that start the campaign each day; their follow-up texts come on top"
            value={draft.dailyCap}
            onChange={(dailyCap) => change({ dailyCap })}
            error={shown.dailyCap}
          />
          <NumberInput
            {...LEAD_COUNT}
            label="Leads per hour"
            description={isHourlyMoot ? 'At or above the leads per day: it changes nothing' : 'Optional: spreads the day, so replies come a few at a time'}
            placeholder="No limit"
            value={draft.hourlyCap}
            onChange={(hourlyCap) => change({ hourlyCap })}
            error={shown.hourlyCap}
          />
          <TextInput
            label="Start sending on"
            description="Optional: nothing goes before this day"
            type="date"
            value={draft.startDate}
            onChange={(e) => change({ startDate: e.currentTarget.value })}
            error={shown.startDate}
          />
        </Group>
        <div>
          <Text size="sm" fw={500} mb={4} id="send-days-label">
            Sending days
          </Text>
          <Chip.Group multiple value={draft.sendDays} onChange={(days) => change({ sendDays: weekdays.filter((day) => days.includes(day)) })}>
            <Group gap={6} role="group" aria-labelledby="send-days-label">
              {weekdays.map((day) => (
                <Chip key={day} value={day} size="sm">
                  {DAY_LABELS[day]}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {shown.sendDays && (
            <Text c="red" size="xs" mt={4}>
              {shown.sendDays}
            </Text>
          )}
        </div>
        <div>
          <Group grow align="flex-start">
            <TextInput label="From" description="First start of the day, in each lead’s own time" {...CLOCK_FIELD} value={draft.start} onChange={(e) => change({ start: e.currentTarget.value })} error={shown.start} />
            <TextInput label="Until" description={`The last lead starts ${LAST_START_MARGIN_MINUTES} minutes before this (or before the legal limit, when earlier), so its first text lands inside the hours`} {...CLOCK_FIELD} value={draft.end} onChange={(e) => change({ end: e.currentTarget.value })} error={shown.end} />
          </Group>
          {text.notes.length > 0 && (
            <Alert
              color={isYourWindowCut(text.notes) ? 'orange' : 'blue'}
              variant="light"
              mt="xs"
              p="xs"
              data-testid="schedule-floor"
              title={isYourWindowCut(text.notes) ? 'The law narrows these hours' : 'State laws narrow these hours for some leads'}
            >
              <Stack gap={4}>
                {text.notes.map((note) => (
                  <Text key={note} size="sm">
                    {note}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
        </div>
        <DaysOffField value={draft.daysOff} onChange={(daysOff) => change({ daysOff })} error={shown.daysOff} />
        <Select
          label="Company time zone"
          description={`The daily count and the start date follow this calendar. ${ZONE_SOURCE[company.timeZoneSource]}`}
          searchable
          data={zones}
          value={draft.timeZone}
          onChange={(timeZone) => timeZone && change({ timeZone })}
          error={shown.timeZone}
          nothingFoundMessage="No such zone: type a city such as Chicago"
          comboboxProps={{ withinPortal: true }}
        />
        {formError && (
          <Text c="red" size="sm" role="alert">
            {formError}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          {savedAt !== null && (
            <Text size="sm" c="green" role="status">
              Schedule saved
            </Text>
          )}
          <Button type="submit" variant="light" loading={save.isPending}>
            Save schedule
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Orange only when the law cuts the hours set here for every lead ("is held to", "nothing would be sent"): the
 * notes of states with rules of their own (Rhode Island's 18:00 close, the holiday states) stand under every
 * schedule, and an orange box on every form read as a mistake to fix.
 */
const isYourWindowCut = (notes: readonly string[]) => notes.some((note) => /is held to|nothing would be sent/i.test(note));
