import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { companyInputSchema, DEFAULT_CAMPAIGN_TAG, OFFICIAL_GHL_BASE_URL, type Company, type CompanyInput } from '../../../../shared/company';
import { api, fieldErrors } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import { WorkflowPicker } from './WorkflowPicker';

interface Props {
  company: Company | null;
  onSaved: (company: Company) => void;
  onCancel: () => void;
  /** Told whether the form holds edits not saved yet (the drawer asks before it closes over them). */
  onDirtyChange?: (isDirty: boolean) => void;
}

/** The sync found the chosen workflow gone from GHL and paused the company (shared/sync-pause.ts). */
const workflowGone = (name: string | null) =>
  `GHL no longer has ${name ? `the workflow “${name}”` : 'this workflow'} (deleted or unpublished there), so sending is paused. Choose a published one and save: sending resumes by itself.`;

type TextField = 'name' | 'ghlLocationId' | 'ownerName' | 'ownerPhone' | 'ownerEmail' | 'ghlBaseUrl' | 'enrolTag' | 'workflowId' | 'workflowName';
type FormValues = Record<TextField, string> & { enrolMode: 'tag' | 'workflow' };

const fromCompany = (c: Company | null): FormValues => ({
  name: c?.name ?? '',
  ghlLocationId: c?.ghlLocationId ?? '',
  ownerName: c?.ownerName ?? '',
  ownerPhone: c?.ownerPhone ?? '',
  ownerEmail: c?.ownerEmail ?? '',
  ghlBaseUrl: c?.ghlBaseUrl ?? OFFICIAL_GHL_BASE_URL,
  enrolMode: c?.enrolMode ?? 'tag',
  // A new company is offered the suggested fixed tag; the user may type another before creating it.
  enrolTag: c ? (c.enrolTag ?? '') : DEFAULT_CAMPAIGN_TAG,
  workflowId: c?.workflowId ?? '',
  workflowName: c?.workflowName ?? '',
});

/** Create/edit form; validates with the same zod schema main uses, then shows main's answer. */
export function CompanyForm({ company, onSaved, onCancel, onDirtyChange }: Props) {
  const [values, setValues] = useState<FormValues>(() => fromCompany(company));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [savedValues, setSavedValues] = useState<FormValues>(() => fromCompany(company));
  const [isSaved, setIsSaved] = useState(false);
  const isDirty = JSON.stringify(values) !== JSON.stringify(savedValues);
  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);
  const save = useWrite((input: CompanyInput) => (company ? api.companies.update({ id: company.id, patch: input }) : api.companies.create(input)), ['companies']);

  const field = (name: TextField) => ({
    value: values[name],
    error: errors[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
      setIsSaved(false);
    },
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    // The campaign tag is kept in workflow mode too (leads are stored with it); only tag mode edits it.
    const { enrolTag, ...rest } = values;
    const input = (values.enrolMode === 'tag' || enrolTag.trim() ? values : rest) satisfies CompanyInput;
    const local = companyInputSchema.safeParse(input);
    if (!local.success) {
      setErrors(Object.fromEntries(local.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    if (values.enrolMode === 'tag' && !enrolTag.trim()) {
      setErrors({ enrolTag: 'Enter the tag your GHL workflow starts on, e.g. reactivation' });
      return;
    }
    setErrors({});
    save.mutate(input, {
      onSuccess: (saved) => {
        setSavedValues(values);
        setIsSaved(true);
        onSaved(saved);
      },
      onError: (error) => {
        setErrors(fieldErrors(error));
        setFormError(error.message);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={company ? 'Edit company' : 'New company'}>
      <Stack gap="sm">
        {/* Named like the key's and the schedule's parts below it, each with its own Save. */}
        {company && <Text fw={500}>Company details</Text>}
        <TextInput label="Company name" required {...field('name')} />
        <TextInput
          label="GHL location ID"
          description="In GoHighLevel: Settings → Business Profile → Location ID"
          required
          {...field('ghlLocationId')}
        />
        <Group grow>
          <TextInput label="Owner name" {...field('ownerName')} />
          <TextInput label="Owner phone" {...field('ownerPhone')} />
        </Group>
        <TextInput label="Owner email" type="email" {...field('ownerEmail')} />
        <div>
          <Text size="sm" fw={500} mb={4}>
            How leads sent to GHL start the reactivation campaign
          </Text>
          <SegmentedControl
            aria-label="Enrolment"
            value={values.enrolMode}
            onChange={(mode) => setValues((v) => ({ ...v, enrolMode: mode === 'workflow' ? 'workflow' : 'tag' }))}
            data={[
              { label: 'Add a tag', value: 'tag' },
              { label: 'Add to a workflow', value: 'workflow' },
            ]}
          />
        </div>
        {values.enrolMode === 'tag' ? (
          <TextInput
            label="Campaign tag"
            required
            placeholder={DEFAULT_CAMPAIGN_TAG}
            description={`Every lead of this company gets this one tag in GHL (an import may choose its own). Your GHL workflow must start on this exact tag: trigger “Contact Tag added”, tag “${values.enrolTag.trim() || DEFAULT_CAMPAIGN_TAG}”, and keep it on the contact. If your workflow removes the tag, choose the workflow option above instead.`}
            {...field('enrolTag')}
          />
        ) : (
          <WorkflowPicker
            companyId={company?.id ?? null}
            hasApiKey={company?.hasApiKey ?? false}
            value={values.workflowId}
            valueName={values.workflowName}
            error={errors.workflowId ?? (company?.syncPausedReason === 'workflow-missing' && values.workflowId === company.workflowId ? workflowGone(company.workflowName) : undefined)}
            onChange={(workflowId, workflowName) => setValues((v) => ({ ...v, workflowId, workflowName }))}
          />
        )}
        <TextInput
          label="GHL API address"
          description={company?.hasApiKey ? 'Leave as is unless you use the sandbox. Changing it removes the saved API key (a key is only ever sent where it was saved).' : 'Leave as is unless you use the sandbox.'}
          {...field('ghlBaseUrl')}
        />
        {formError && (
          <Text c="red" size="sm" role="alert">
            {formError}
          </Text>
        )}
        <Group justify="flex-end">
          {isSaved && !isDirty && (
            <Text size="sm" c="green" role="status">
              Company details saved
            </Text>
          )}
          {/* Editing: the drawer's × (or Escape) closes it. A Close here, mid-drawer above the key and the
              schedule, read as closing this section, or as saving them. */}
          {!company && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={save.isPending}>
            {company ? 'Save company details' : 'Create company'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
