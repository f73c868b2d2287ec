import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Company } from '../../../../shared/company';
import type { ConnectionTest } from '../../../../shared/ipc/companies';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import { KeyStatusBadge } from './KeyStatusBadge';

/** The key is write-only from here: the renderer only ever learns whether one is set. */
export function ApiKeyPanel({ company }: { company: Company }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  // The badge above reads the company from the companies list: each key change refreshes it.
  const setKey = useWrite((apiKey: string) => api.companies.setKey({ id: company.id, apiKey }), ['companies']);
  const removeKey = useWrite((_: void) => api.companies.removeKey({ id: company.id }), ['companies']);
  // A check against GHL on demand, not a stored read: nothing to cache, nothing it changes to refresh.
  const testConnection = useWrite((_: void) => api.companies.testConnection({ id: company.id }), []);
  const isBusy = setKey.isPending || removeKey.isPending || testConnection.isPending;
  const onError = (failure: Error) => setError(failure.message);

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text fw={500}>API key</Text>
        <KeyStatusBadge company={company} />
      </Group>
      {company.isKeyUnreadable && (
        <Alert color="orange" variant="light" p="xs" data-testid="keychain-locked">
          This computer&rsquo;s keychain did not answer, so a key saved in it cannot be read now (nothing is lost). Unlock the
          keychain — log in to the desktop session — then open this page again. Nothing is sent for this company meanwhile.
        </Alert>
      )}
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
          onClick={() => {
            setError(null);
            setKey.mutate(draft, { onSuccess: () => setDraft(''), onError });
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
          onClick={() => {
            setTest(null);
            testConnection.mutate(undefined, { onSuccess: setTest, onError });
          }}
        >
          Test connection
        </Button>
        {company.hasApiKey && (
          <Button
            variant="subtle"
            color="red"
            onClick={() => {
              setError(null);
              removeKey.mutate(undefined, { onError });
            }}
          >
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
