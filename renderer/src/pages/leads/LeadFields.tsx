import { Checkbox, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { leadFieldMaxLength } from '../../../../shared/lead';
import type { LeadFormValues, LeadTextField } from './lead-form-values';

interface Props {
  values: LeadFormValues;
  errors: Record<string, string>;
  onChange: (patch: Partial<LeadFormValues>) => void;
}

const maxLengths: Partial<Record<LeadTextField, number>> = leadFieldMaxLength;

/** The lead's own fields; knows nothing about saving or companies. */
export function LeadFields({ values, errors, onChange }: Props) {
  const text = (name: LeadTextField) => ({
    value: values[name],
    error: errors[name],
    maxLength: maxLengths[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange({ [name]: event.currentTarget.value }),
  });

  return (
    <Stack gap="sm">
      <SimpleGrid cols={2}>
        <TextInput label="First name" autoComplete="off" {...text('firstName')} />
        <TextInput label="Last name" autoComplete="off" {...text('lastName')} />
        <TextInput label="Phone" description="Any format, e.g. (512) 867-5309 or 512.867.5309" autoComplete="off" {...text('phone')} />
        <TextInput label="Email" description="A phone or an email is enough" type="email" autoComplete="off" {...text('email')} />
      </SimpleGrid>
      <TextInput label="Street address" autoComplete="off" {...text('address1')} />
      <Group grow align="flex-start">
        <TextInput label="City" {...text('city')} />
        <TextInput label="State" {...text('state')} />
        <TextInput label="ZIP" {...text('postalCode')} />
        <TextInput label="Country" {...text('country')} />
      </Group>
      <SimpleGrid cols={2}>
        <TextInput label="Lead source" placeholder="Yard sign, referral, storm canvass…" {...text('source')} />
        <TextInput label="Last service date" type="date" {...text('lastServiceDate')} />
      </SimpleGrid>
      {/* "Save and resync" sent everything but the notes, and nothing said so (an office manager's review; README: one note per contact). */}
      <Textarea
        label="Notes"
        description="Go to GHL once, as the contact’s note, when the lead is first sent; later changes stay here (change the note in GHL)"
        autosize
        minRows={2}
        maxRows={8}
        {...text('notes')}
      />
      <TextInput
        label="Consent note"
        description="How and when the homeowner agreed to be texted (e.g. “signed contract 2021, opted in”)"
        {...text('consentNote')}
      />
      <Checkbox
        label="Do not contact (store the lead, never send it to GoHighLevel)"
        checked={values.doNotContact}
        onChange={(event) => onChange({ doNotContact: event.currentTarget.checked })}
      />
    </Stack>
  );
}
