import { Card, Radio, Stack, Switch, TextInput } from '@mantine/core';
import type { ImportSettings } from './wizard-types';

interface Props {
  settings: ImportSettings;
  /** What an empty tag field means: the company's campaign tag. */
  defaultTag: string;
  onChange: (patch: Partial<ImportSettings>) => void;
}

/** The choices that apply to the whole batch. */
export function ImportSettingsForm({ settings, defaultTag, onChange }: Props) {
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <TextInput
          label="Batch tag"
          description={`Added to every lead of this file in GoHighLevel; your campaign can start on it. Left empty: ${defaultTag}`}
          placeholder={defaultTag}
          value={settings.tag}
          onChange={(event) => onChange({ tag: event.currentTarget.value })}
          maw={360}
        />
        <Radio.Group
          label="When a lead is already in the app"
          value={settings.onDuplicate}
          onChange={(value) => onChange({ onDuplicate: value === 'update' ? 'update' : 'skip' })}
        >
          <Stack gap={6} mt={6}>
            <Radio value="skip" label="Skip it (leave the existing lead as it is)" />
            <Radio value="update" label="Fill in its empty fields from the file and add the file's notes and other numbers to its notes (nothing is overwritten)" />
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
