import { Alert, Button, Group, Modal, NumberInput, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { showNothingQueued } from '../../../lib/nothing-queued';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { Company } from '../../../../../shared/company';
import type { Audience } from '../../../../../shared/ipc/audiences';
import { pausedText } from '../../../../../shared/plan-text';
import type { SendPlan } from '../../../../../shared/send-plan';
import { api } from '../../../lib/api';
import { audienceOptionsQuery, audiencePreviewQuery, companyPlanQuery } from '../../../lib/queries';
import { useWrite } from '../../../lib/use-write';
import { emptyAudience, previewSentence, toAudience, type AudienceDraft, type Place } from './audience-draft';
import { counted } from '../../../../../shared/counted';

/** The three choices read from the company's leads: one Select each, alike but for these. */
const CHOICE_SELECTS = [
  { field: 'status', options: 'statuses', label: 'Old status', placeholder: 'Any status', nothingFound: 'No lead has this status', width: 190 },
  { field: 'jobType', options: 'jobTypes', label: 'Job type', placeholder: 'Any job type', nothingFound: 'No lead has this job type', width: 180 },
  { field: 'tag', options: 'tags', label: 'Old tag', placeholder: 'Any tag', nothingFound: 'No lead has this tag', width: 160 },
] as const;

/** "They go out on Summit's schedule: 100 a day, Mon–Sat 10:00–19:00, done by Jan 14." */
function sentMessage(company: Company, plan: SendPlan | null): string {
  const onSchedule = `They go out on ${company.name}'s schedule: ${company.scheduleShort}`;
  // The plan could not be read: whether sending is paused is not known here, so the dashboard is named.
  if (!plan) return `${onSchedule}. The dashboard's Sending plan says when, and whether anything holds it.`;
  if (plan.paused) return `${onSchedule}. ${pausedText(company.syncPausedReason)}.`;
  return plan.finishText ? `${onSchedule}, done by ${plan.finishText}.` : `${onSchedule}.`;
}

const leads = (n: number) => counted(n, 'lead');

interface Props {
  company: Company;
  /** The audience as counted (null while a choice needs fixing), so the page can list its leads. */
  onAudience: (audience: Audience | null) => void;
}

/**
 * "Send these N": the held-back leads of one company chosen by what the old CRM knew of them (old
 * status, job type, tag, when the lead came in, where the roof is), previewed, then queued. They then
 * go out on the company's sending schedule; opted-out leads are never sent.
 */
export function AudiencePanel({ company, onAudience }: Props) {
  const { id: companyId, name: companyName } = company;
  const [draft, setDraft] = useState<AudienceDraft>(emptyAudience);
  const [isConfirming, setIsConfirming] = useState(false);
  const change = (patch: Partial<AudienceDraft>) => setDraft((current) => ({ ...current, ...patch }));
  // Typed ZIPs and miles are counted once the typing pauses; picks from a list at once.
  const [typed] = useDebouncedValue({ zips: draft.zips, nearZip: draft.nearZip, miles: draft.miles }, 300);
  const checked = toAudience(companyId, { ...draft, ...typed });
  const audience: Audience | null = 'audience' in checked ? checked.audience : null;

  // Told by value: the audience is a new object every render, and the page must hear of a change only.
  const audienceKey = JSON.stringify(audience);
  const told = useMemo(() => audience, [audienceKey]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => onAudience(told), [told, onAudience]);

  const options = useQuery(audienceOptionsQuery(companyId));
  const preview = useQuery({ ...audiencePreviewQuery(audience ?? { companyId }), enabled: audience !== null });
  const send = useWrite((input: Audience) => api.audiences.send(input), ['leads']);
  const queryClient = useQueryClient();
  const counts = audience && preview.data && !preview.isPlaceholderData ? preview.data : null;

  const confirm = async () => {
    if (!audience) return;
    try {
      const result = await send.mutateAsync(audience);
      if (result.queued === 0) return showNothingQueued(`The group's leads at ${companyName}`);
      // Read after the send, so the finish day counts these leads (the newest in the queue: they go last).
      const plan = company.hasApiKey ? await queryClient.fetchQuery(companyPlanQuery(companyId)).catch(() => null) : null;
      notifications.show({
        // Queued, but nothing goes without the key: not the green of a thing done.
        color: company.hasApiKey ? 'green' : 'yellow',
        title: `${leads(result.queued)} queued`,
        message: company.hasApiKey
          ? sentMessage(company, plan)
          : `They wait until ${companyName}'s GHL API key is added on the Companies page.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Nothing was sent', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setIsConfirming(false);
    }
  };

  return (
    <Paper component="section" withBorder p="md" radius="md" aria-label="Send a group of leads">
      <Stack gap="sm">
        <div>
          <Title order={4}>Send a group of {companyName}'s leads</Title>
          <Text size="sm" c="dimmed">
            Choose leads by what your old CRM said about them — e.g. lost estimates within 15 miles of a hail storm. Only leads not sent yet are
            queued. The list below shows the leads your choices match.
          </Text>
        </div>
        {/* Failed, the lists read empty and said "no statuses in this company's leads": untrue. */}
        {options.isError && (
          <Alert color="red" variant="light" title="The choices could not be read">
            {options.error.message} The lists below are empty for now.
            <Button size="xs" variant="light" color="red" ml="xs" onClick={() => void options.refetch()}>
              Try again
            </Button>
          </Alert>
        )}
        <Group gap="sm" align="flex-end" wrap="wrap">
          {CHOICE_SELECTS.map((choice) => (
            <Select
              key={choice.field}
              label={choice.label}
              placeholder={choice.placeholder}
              clearable
              searchable
              w={choice.width}
              data={options.data?.[choice.options] ?? []}
              nothingFoundMessage={choice.nothingFound}
              value={draft[choice.field]}
              onChange={(value) => change({ [choice.field]: value })}
            />
          ))}
          <TextInput label="Lead date from" type="date" w={150} value={draft.from} onChange={(event) => change({ from: event.currentTarget.value })} />
          <TextInput label="to" type="date" w={150} value={draft.to} onChange={(event) => change({ to: event.currentTarget.value })} />
        </Group>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label="Where"
            value={draft.place}
            onChange={(value) => change({ place: value === 'zips' || value === 'near' ? value : ('anywhere' satisfies Place) })}
            data={[
              { value: 'anywhere', label: 'Anywhere' },
              { value: 'zips', label: 'In these ZIPs' },
              { value: 'near', label: 'Near a ZIP' },
            ]}
          />
          {draft.place === 'zips' && (
            <TextInput label="ZIP codes" placeholder="78701, 78702, 78703" w={300} value={draft.zips} onChange={(event) => change({ zips: event.currentTarget.value })} />
          )}
          {draft.place === 'near' && (
            <>
              <NumberInput label="Within (miles)" min={1} max={500} w={120} value={draft.miles} onChange={(value) => change({ miles: typeof value === 'number' ? value : '' })} />
              <TextInput label="of ZIP" placeholder="78701" w={100} maxLength={5} value={draft.nearZip} onChange={(event) => change({ nearZip: event.currentTarget.value })} />
            </>
          )}
        </Group>
        <Group justify="space-between" align="center" wrap="nowrap">
          <Text size="sm" aria-label="What a send would do" c={'problem' in checked || preview.error ? 'red' : undefined}>
            {'problem' in checked
              ? checked.problem
              : preview.error
                ? preview.error.message
                : counts
                  ? previewSentence(counts)
                  : 'Counting…'}
          </Text>
          <Button disabled={!counts || counts.queued === 0} onClick={() => setIsConfirming(true)}>
            {counts && counts.queued > 0 ? `Send these ${counts.queued.toLocaleString()}` : counts ? 'Nothing to send' : 'Send'}
          </Button>
        </Group>
      </Stack>
      <Modal opened={isConfirming} onClose={() => setIsConfirming(false)} title={counts ? `Send ${leads(counts.queued)} to GHL?` : 'Send?'} centered>
        <Stack>
          <Text size="sm">
            They join {companyName}'s queue and go out on its schedule: {company.scheduleShort} in each lead's own time. Leads
            already in GHL or marked do not contact are not sent again.
          </Text>
          {!company.hasApiKey && (
            <Alert color="yellow" variant="light">
              {companyName} has no GHL API key yet: these leads wait in the queue until you add one on the Companies page.
            </Alert>
          )}
          {counts && counts.optedOut > 0 && (
            <Alert color="gray" variant="light">
              {leads(counts.optedOut)} marked do not contact: never sent.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setIsConfirming(false)}>
              Not now
            </Button>
            <Button loading={send.isPending} onClick={() => void confirm()}>
              {counts ? `Send ${leads(counts.queued)}` : 'Send'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
