import { Alert, Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import type { Lead } from '../../../../shared/lead';
import { api, fieldErrors } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import { LeadFields } from './LeadFields';
import type { LeadFormValues } from './lead-form-values';

interface Props {
  lead: Lead;
  onDone: () => void;
}

const formValuesOf = (lead: Lead): LeadFormValues => ({
  firstName: lead.firstName ?? '',
  lastName: lead.lastName ?? '',
  // The number as typed: the normalised one can hide what staff are correcting.
  phone: lead.phoneRaw ?? lead.phone ?? '',
  email: lead.email ?? '',
  address1: lead.address1 ?? '',
  city: lead.city ?? '',
  state: lead.state ?? '',
  postalCode: lead.postalCode ?? '',
  country: lead.country,
  source: lead.source ?? '',
  notes: lead.notes ?? '',
  lastServiceDate: lead.lastServiceDate ?? '',
  consentNote: lead.consentNote ?? '',
  doNotContact: lead.doNotContact,
});

/** Edits the lead with the same fields as the New lead form; saving queues a new sync (unless do-not-contact). */
export function LeadDetailEdit({ lead, onDone }: Props) {
  const [values, setValues] = useState(() => formValuesOf(lead));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const update = useWrite((patch: LeadFormValues) => api.leads.update({ id: lead.id, patch }), ['leads']);

  function save() {
    update.mutate(values, {
      onSuccess: onDone,
      onError: (error) => {
        const byField = fieldErrors(error);
        setErrors(byField);
        setFormError(Object.keys(byField).length > 0 ? null : error.message);
      },
    });
  }

  return (
    <Stack component="form" aria-label="Edit lead" onSubmit={(event) => (event.preventDefault(), save())}>
      {formError && <Alert color="red">{formError}</Alert>}
      <LeadFields values={values} errors={errors} onChange={(patch) => setValues((current) => ({ ...current, ...patch }))} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={update.isPending}>
          Save and resync
        </Button>
      </Group>
    </Stack>
  );
}
