import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { OptOut } from '../../../../shared/ipc/optouts';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import { formatOptOut } from './format-opt-out';

/** Taking a number off the list needs a reason: the office may have to show later why it was texted again. */
export function RemoveOptOutModal({ entry, onClose, onRemoved }: { entry: OptOut | null; onClose: () => void; onRemoved: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const remove = useWrite((input: { id: number; reason: string }) => api.optouts.remove(input), []);

  function close() {
    setReason('');
    setError(null);
    onClose();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!entry) return;
    if (!reason.trim()) return setError('Say why this number or email may be contacted again');
    remove.mutate(
      { id: entry.id, reason: reason.trim() },
      {
        onSuccess: () => {
          onRemoved();
          close();
        },
        onError: (failure) => setError(failure.message),
      },
    );
  }

  return (
    <Modal opened={entry !== null} onClose={close} title="Remove from the opt-out list?">
      {entry && (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              <b>{formatOptOut(entry)}</b> may then be contacted by a campaign again. Leads already marked do-not-contact stay so: change them on the
              Leads page if they really may be texted.
            </Text>
            <TextInput label="Why?" required placeholder="The customer asked for a quote again" value={reason} onChange={(e) => { setReason(e.currentTarget.value); setError(null); }} error={error} data-autofocus />
            {remove.error && !error && <Alert color="red">{remove.error.message}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Keep it on the list
              </Button>
              <Button type="submit" color="red" loading={remove.isPending}>
                Remove
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
