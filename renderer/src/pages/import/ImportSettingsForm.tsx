import { Card, Radio, Stack, Switch, TextInput } from '@mantine/core';
import type { Company } from '../../../../shared/company';
import type { ImportSettings } from './wizard-types';

interface Props {
  settings: ImportSettings;
  /** What an empty tag field means: the company's campaign tag. */
  defaultTag: string;
  /** How the company starts its campaign (null while the company is read). */
  enrolMode: Company['enrolMode'] | null;
  onChange: (patch: Partial<ImportSettings>) => void;
}

/**
 * What the batch tag does, by how the company starts its campaign: in tag mode it IS the trigger the sync adds
 * (lead-payload.ts enrolTagFor), so another tag starts only a workflow that starts on it; in workflow mode the
 * sync enrols in the workflow and sends no batch tag at all. It said "Added … in GoHighLevel" in both.
 */
function tagDescription(tag: string, defaultTag: string, enrolMode: Props['enrolMode']): { text: string; isWarning: boolean } {
  if (enrolMode === 'workflow') return { text: 'Kept on the leads here (the Leads page shows it); this company starts its campaign by workflow, so it is not sent to GHL.', isWarning: false };
  const typed = tag.trim();
  if (typed !== '' && typed.toLowerCase() !== defaultTag.trim().toLowerCase()) {
    return {
      text: `These leads get “${typed}” in GHL instead of “${defaultTag}”: only a GHL workflow that starts on “${typed}” texts them. Leave it as “${defaultTag}” unless you made one.`,
      isWarning: true,
    };
  }
  return { text: `The tag your GHL workflow starts on, added to each lead of this file as it goes. Left empty: ${defaultTag}`, isWarning: false };
}

/** The choices that apply to the whole batch. */
export function ImportSettingsForm({ settings, defaultTag, enrolMode, onChange }: Props) {
  const tagHelp = tagDescription(settings.tag, defaultTag, enrolMode);
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <TextInput
          label="Batch tag"
          description={tagHelp.text}
          placeholder={defaultTag}
          value={settings.tag}
          onChange={(event) => onChange({ tag: event.currentTarget.value })}
          styles={tagHelp.isWarning ? { description: { color: 'var(--mantine-color-orange-8)' } } : undefined}
          maw={520}
        />
        <Radio.Group
          label="When a lead is already in the app"
          value={settings.onDuplicate}
          onChange={(value) => onChange({ onDuplicate: value === 'update' ? 'update' : 'skip' })}
        >
          <Stack gap={6} mt={6}>
            <Radio value="skip" label="Skip it (leave the existing lead as it is)" />
            <Radio
              value="update"
              label="Fill in its empty fields from the file and add the file's notes, other numbers and old CRM tags (nothing is overwritten)"
              // GHL keeps one note per contact (README): what the file adds to an already-sent lead's notes stays here.
              description="A lead already in GHL gets its contact updated there; the notes added stay in this app (GHL keeps the first note)"
            />
          </Stack>
        </Radio.Group>
        <Switch
          label="Start sending right after the import"
          description="On: the new leads go to GHL on the company's sending schedule (its daily limit and hours). Off: they are kept here until you press Send on the Dashboard or in Import history"
          checked={settings.queueSync}
          onChange={(event) => onChange({ queueSync: event.currentTarget.checked })}
        />
      </Stack>
    </Card>
  );
}
