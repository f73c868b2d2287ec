import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { customFieldTarget, type CustomFieldTarget } from '../../../../shared/custom-fields';
import { api } from '../../lib/api';
import { companiesQuery } from '../../lib/queries';
import { queryKeys } from '../../lib/query-keys';
import { useWrite } from '../../lib/use-write';

export interface CreateRequest {
  columnIndex: number;
  /** Suggested from the column's header; the user may change it. */
  name: string;
}

interface Props {
  companyId: number;
  request: CreateRequest | null;
  onClose: () => void;
  onCreated: (target: CustomFieldTarget, columnIndex: number) => void;
}

/** Creating a field changes the company's GHL account for everyone there: said plainly, and done only on "Create". */
export function CreateCustomFieldModal({ companyId, request, onClose, onCreated }: Props) {
  const [name, setName] = useState('');
  const client = useQueryClient();
  const company = useQuery(companiesQuery()).data?.find((candidate) => candidate.id === companyId);
  const create = useWrite((input: { companyId: number; name: string }) => api.imports.createCustomField(input), []);

  useEffect(() => {
    setName(request?.name ?? '');
    create.reset();
    // Only a new request resets the form (`create` is a new object every render).
  }, [request]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!request || !name.trim()) return;
    create.mutate(
      { companyId, name: name.trim() },
      {
        onSuccess: (field) => {
          void client.invalidateQueries({ queryKey: queryKeys.customFields(companyId) });
          onCreated(customFieldTarget(field.id), request.columnIndex);
        },
      },
    );
  }

  const location = company ? `${company.name}’s GHL location (${company.ghlLocationId})` : 'this company’s GHL location';
  return (
    <Modal opened={request !== null} onClose={onClose} title="Create a custom field in GHL?" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            This adds a text field to the contacts of {location}. Everyone using that GHL account will see it; the column’s values fill
            it on each contact.
          </Text>
          <TextInput label="Field name" required value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} data-autofocus />
          {create.error && <Alert color="red">{create.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              Create field
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
