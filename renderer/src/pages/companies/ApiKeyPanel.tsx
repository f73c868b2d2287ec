import { Alert, Badge, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Company } from '../../../../shared/company';
import type { ConnectionTest } from '../../../../shared/ipc/companies';
import type { Result } from '../../../../shared/ipc/result';
import { api } from '../../lib/api';

/** The key is write-only from here: the renderer only ever learns whether one is set. */
export function ApiKeyPanel({ company }: { company: Company }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [test, setTest] = useState<ConnectionTest | null>(null);

  async function run<T>(action: () => Promise<Result<T>>): Promise<boolean> {
    setIsBusy(true);
    setError(null);
    const result = await action();
    setIsBusy(false);
    if (!result.ok) setError(result.error.message);
    return result.ok;
  }

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text fw={500}>API key</Text>
        <Badge color={company.hasApiKey ? 'green' : 'gray'} variant="light" data-testid="key-status">
          {company.hasApiKey ? 'Key set' : 'Not set'}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        A Private Integration token from GHL (Settings → Private Integrations) with the contacts, locations and workflows scopes. It is
        stored in this computer's keychain, never in the database.
      </Text>
      <Group align="flex-end">
        <PasswordInput
          label={company.hasApiKey ? 'Replace key' : 'Paste key'}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          style={{ flex: 1 }}
          autoComplete="off"
        />
        <Button
          disabled={!draft.trim()}
          loading={isBusy}
          onClick={async () => {
            if (await run(() => api.companies.setKey({ id: company.id, apiKey: draft }))) setDraft('');
          }}
        >
          Save key
        </Button>
      </Group>
      <Group>
        <Button
          variant="light"
          disabled={!company.hasApiKey}
          loading={isBusy}
          onClick={async () => {
            setTest(null);
            setIsBusy(true);
            const result = await api.companies.testConnection({ id: company.id });
            setIsBusy(false);
            if (result.ok) setTest(result.value);
            else setError(result.error.message);
          }}
        >
          Test connection
        </Button>
        {company.hasApiKey && (
          <Button variant="subtle" color="red" onClick={() => void run(() => api.companies.removeKey({ id: company.id }))}>
            Remove key
          </Button>
        )}
      </Group>
      {test && (
        <Alert color={test.ok ? 'green' : 'orange'} title={test.ok ? 'Connected' : 'Connection problem'} data-testid="connection-result">
          {test.message}
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
