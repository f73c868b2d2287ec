import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { leadInputSchema, type Lead, type LeadInput } from '../../../../shared/lead';
import { CompanyPicker } from '../../components/CompanyPicker';
import { api, fieldErrors } from '../../lib/api';
import { companiesQuery } from '../../lib/queries';
import { formatPhone } from '../../../../shared/phone-text';
import { useWrite } from '../../lib/use-write';
import { DuplicateWarning } from './DuplicateWarning';
import { leadDisplayName } from '../../lib/lead-name';
import { LeadFields } from './LeadFields';
import { emptyLeadForm, toLeadInput, type LeadFormValues } from './lead-form-values';
import { keyProblemOf, type KeyProblem } from '../dashboard/lead-status';
import { useDuplicateCheck } from './use-duplicate-check';

/** One lead typed in by hand (a phone call, a walk-in): validated like an imported row. */
export function NewLeadPage() {
  const [companyId, setCompanyId] = useState<number | null>(null);
  const [values, setValues] = useState<LeadFormValues>(emptyLeadForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // With whether the form itself asked for do-not-contact: if not, the opt-out list made it so, and the notice says why.
  const [saved, setSaved] = useState<{ lead: Lead; isMarkedHere: boolean } | null>(null);
  const create = useWrite((input: LeadInput) => api.leads.create(input), ['leads']);
  const duplicate = useDuplicateCheck(companyId, values.phone, values.email);

  function change(patch: Partial<LeadFormValues>) {
    setValues((current) => ({ ...current, ...patch }));
    // The last lead's notice does not stand beside the next one being typed (or its duplicate warning).
    setSaved(null);
    // The error of a field being corrected is stale; the others still hold.
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !(key in patch))));
  }

  function clear() {
    setValues(emptyLeadForm());
    setErrors({});
    setFormError(null);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    setSaved(null);
    if (companyId === null) {
      setErrors({ companyId: 'Choose the company this lead belongs to' });
      return;
    }
    const input = toLeadInput(companyId, values);
    const local = leadInputSchema.safeParse(input);
    const localErrors: Record<string, string> = local.success
      ? {}
      : Object.fromEntries(local.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    if (!values.phone.trim() && !values.email.trim()) {
      localErrors.phone = 'Enter a phone or an email: a lead needs one to be contacted';
    }
    if (Object.keys(localErrors).length > 0) {
      setErrors(localErrors);
      return;
    }
    setErrors({});
    create.mutate(input, {
      onSuccess: (lead) => {
        setSaved({ lead, isMarkedHere: values.doNotContact });
        setValues(emptyLeadForm());
      },
      onError: (error) => {
        // A refusal about one field (a duplicate phone, a phone too short) is said at that field, once.
        const byField = fieldErrors(error);
        setErrors(byField);
        setFormError(Object.keys(byField).length > 0 ? null : error.message);
      },
    });
  }

  return (
    <Stack maw={820}>
      <div>
        <Title order={2}>New lead</Title>
        <Text c="dimmed" size="sm">
          Type in one homeowner. The phone is cleaned up the same way as in an import.
        </Text>
      </div>
      <Card withBorder padding="lg">
        <form onSubmit={submit} noValidate aria-label="New lead">
          <Stack gap="md">
            <CompanyPicker
              value={companyId}
              onChange={setCompanyId}
              error={errors.companyId}
              description="The GoHighLevel sub-account the lead is sent to"
            />
            <LeadFields values={values} errors={errors} onChange={change} />
            {duplicate && <DuplicateWarning lead={duplicate} />}
            {formError && (
              <Alert color="red" role="alert" title="The lead was not saved">
                {formError}
              </Alert>
            )}
            {/* Beside the button that was just pressed: the top of a long form is out of sight. */}
            {saved && <SavedNotice lead={saved.lead} isMarkedHere={saved.isMarkedHere} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={clear}>
                Clear
              </Button>
              {/* "Saving will be refused" beside a Save that could be pressed said two things (a review). */}
              <Button type="submit" loading={create.isPending} disabled={companyId === null || duplicate !== null}>
                Save lead
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}

/** The saved lead's title when its company's key cannot be used. */
const HELD_BY_KEY = {
  'no-key': (name: string) => `Saved, but not sent: ${name} has no GHL API key`,
  'key-refused': (name: string) => `Saved, but not sent: GHL refused ${name}'s API key`,
  // Not "no key": saving it again would not help while the keychain will not give it.
  'keychain-locked': (name: string) => `Saved, but not sent yet: ${name}'s GHL API key cannot be read (the OS keychain is locked or not answering)`,
} as const satisfies Record<KeyProblem, (companyName: string) => string>;

/**
 * What became of the lead just saved, in the office's words: when it goes to GHL (and so into the SMS
 * campaign), or what holds it. "Saved and queued for sync" was green for a company with no key, where
 * nothing sends it.
 */
function SavedNotice({ lead, isMarkedHere }: { lead: Lead; isMarkedHere: boolean }) {
  const company = useQuery(companiesQuery()).data?.find((c) => c.id === lead.companyId);
  // The sync runner may already be sending it by the time this renders.
  const isQueued = lead.status === 'queued' || lead.status === 'syncing' || lead.status === 'synced';
  const keyProblem = isQueued && company !== undefined ? keyProblemOf(company) : null;
  const isKeyMissing = keyProblem !== null;
  // Not ticked here: its number or email is on the office's opt-out list ("Saved as do-not-contact" alone left the office
  // guessing why, an office manager's review).
  const title = lead.doNotContact
    ? isMarkedHere
      ? 'Saved as do-not-contact: it is never sent to GHL'
      : 'Saved as do-not-contact: its phone or email is on the office’s opt-out list, so it is never sent to GHL'
    : !isQueued
      ? 'Saved, not sent to GHL yet'
      : keyProblem !== null
        ? HELD_BY_KEY[keyProblem](company!.name)
        : `Saved: it goes to GHL on ${company?.name ?? 'the company'}'s schedule, and the campaign texts them`;
  return (
    <Alert color={isKeyMissing ? 'yellow' : isQueued ? 'green' : 'blue'} title={title} role="status" data-testid="lead-saved">
      <Text size="sm">
        <Anchor href={`#/leads/${lead.id}`}>{leadDisplayName(lead)}</Anchor>
        {lead.phone ? ` · ${formatPhone(lead.phone)}` : ''}
        {lead.email ? ` · ${lead.email}` : ''}
      </Text>
      {(keyProblem === 'no-key' || keyProblem === 'key-refused') && (
        <Text size="sm" mt={4}>
          It waits until {keyProblem === 'no-key' ? 'the key is added' : 'a new key is saved'} on the <Anchor href="#/companies">Companies</Anchor> page.
        </Text>
      )}
    </Alert>
  );
}
