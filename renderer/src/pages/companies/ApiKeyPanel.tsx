import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutationState } from '@tanstack/react-query';
import { useState } from 'react';
import type { Company } from '../../../../shared/company';
import { connectionTestSchema, type ConnectionTest } from '../../../../shared/ipc/companies';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import { KeyStatusBadge } from './KeyStatusBadge';

/** The key is write-only from here: the renderer only ever learns whether one is set. */
export function ApiKeyPanel({ company }: { company: Company }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One click beside "Test connection" took the key out of the keychain and stopped the company's sending.
  const [isConfirmingRemove, setConfirmingRemove] = useState(false);
  const onError = (failure: Error) => setError(failure.message);
  // The badge above reads the company from the companies list: each key change refreshes it.
  const setKey = useWrite((apiKey: string) => api.companies.setKey({ id: company.id, apiKey }), ['companies']);
  const removeKey = useWrite((_: void) => api.companies.removeKey({ id: company.id }), ['companies']);
  // A check against GHL, not a stored read: nothing to cache; GHL's answer blocks a refused key (or lifts
  // that block), which the badge shows. Its outcome is read by key, not kept in this component: a key GHL
  // accepts moves this panel below the company's details (CompaniesPage), which mounts it afresh.
  const testKey = ['companies', company.id, 'connection-test'] as const;
  const testConnection = useWrite((_: void) => api.companies.testConnection({ id: company.id }), ['companies'], testKey);
  // The latest test's answer (none while one runs); the mutation cache keeps it untyped, so it is read back through its schema.
  const latest = useMutationState({ filters: { mutationKey: testKey }, select: (mutation) => mutation.state }).at(-1);
  const test = latest?.status === 'success' ? connectionTestSchema.safeParse(latest.data).data : undefined;
  const runTest = () => testConnection.mutate(undefined, { onError });
  const isBusy = setKey.isPending || removeKey.isPending || testConnection.isPending;

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
            // Checked at once, as `rlm company set-key` does: a key GHL refuses must not read as a key that
            // works until the sync finds out.
            setKey.mutate(draft, {
              onSuccess: () => {
                setDraft('');
                runTest();
              },
              onError,
            });
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
          onClick={runTest}
        >
          Test connection
        </Button>
        {company.hasApiKey && (
          <Button variant="subtle" color="red" onClick={() => setConfirmingRemove(true)}>
            Remove key
          </Button>
        )}
      </Group>
      <Modal opened={isConfirmingRemove} onClose={() => setConfirmingRemove(false)} title={`Remove the API key of ${company.name}?`}>
        <Stack gap="sm">
          <Text size="sm">
            Nothing is sent for {company.name} until a new key is saved. GHL shows a Private Integration token only once: keep a copy
            if you will need this one again.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingRemove(false)}>
              Keep the key
            </Button>
            <Button
              color="red"
              loading={removeKey.isPending}
              onClick={() => {
                setError(null);
                removeKey.mutate(undefined, { onError, onSettled: () => setConfirmingRemove(false) });
              }}
            >
              Remove the key
            </Button>
          </Group>
        </Stack>
      </Modal>
      {/* The last test's answer while it still describes the key: not after "Remove key" ("Connected" beside
          "Not set"), nor a green one once the sync found the key refused. */}
      {test && company.hasApiKey && !(test.ok && company.syncPausedReason === 'auth') && <ConnectionResult result={test} />}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

function ConnectionResult({ result }: { result: ConnectionTest }) {
  return (
    <Alert color={result.ok ? 'green' : 'orange'} title={result.ok ? 'Connected' : 'Connection problem'} data-testid="connection-result">
      {result.message}
    </Alert>
  );
}
