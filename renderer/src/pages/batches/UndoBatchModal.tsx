import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ImportBatch, UndoResult } from '../../../../shared/ipc/imports';
import { displayFileName } from '../../components/file-name';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';

interface Props {
  batch: ImportBatch | null;
  onClose: () => void;
}

/**
 * Confirms, undoes, then reports: leads that already reached GoHighLevel are kept (deleting them here
 * would not remove the GHL contact, which may already be in a campaign).
 */
export function UndoBatchModal({ batch, onClose }: Props) {
  const [result, setResult] = useState<UndoResult | null>(null);
  const undoWrite = useWrite((batchId: number) => api.imports.undo({ batchId }), ['imports', 'leads']);
  const error = undoWrite.error?.message ?? null;

  function close() {
    setResult(null);
    undoWrite.reset();
    onClose();
  }

  function undo() {
    if (!batch) return;
    undoWrite.mutate(batch.id, { onSuccess: setResult });
  }

  return (
    <Modal opened={batch !== null} onClose={close} title={!result ? 'Undo this import?' : result.removedLeads > 0 ? 'Import undone' : 'Nothing was undone'} size="lg">
      {batch && !result && (
        <Stack>
          <Text size="sm">
            The leads imported from <b>{displayFileName(batch.fileName)}</b> ({batch.imported.toLocaleString()}) are removed from the app, and those still
            waiting to sync will not be sent. Leads that already reached GoHighLevel are kept and listed so you can handle them there.
            Existing leads that were only filled in are not changed back.
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep the import
            </Button>
            <Button color="red" loading={undoWrite.isPending} onClick={undo}>
              Undo import
            </Button>
          </Group>
        </Stack>
      )}
      {result && <UndoReport result={result} onClose={close} />}
    </Modal>
  );
}

/** A long list helps nobody in a dialog: the first ones, and how many more (the Leads page lists them all). */
const KEPT_SHOWN = 25;

function UndoReport({ result, onClose }: { result: UndoResult; onClose: () => void }) {
  const kept = result.keptSyncedLeads;
  return (
    <Stack>
      <Text size="sm" data-testid="undo-summary">
        {result.removedLeads > 0 || kept.length === 0
          ? `${result.removedLeads.toLocaleString()} leads removed, ${result.removedJobs.toLocaleString()} pending syncs cancelled.`
          : 'No lead was removed: every lead of this file is already in GoHighLevel. The import stays in the history as it was.'}
      </Text>
      {kept.length > 0 ? (
        <Alert color="yellow" title={`${kept.length} leads were already in GoHighLevel and were kept`}>
          <Text size="sm" mb="xs">
            Delete them in GoHighLevel first if they should not get the campaign, then delete them here.
          </Text>
          <List size="sm" aria-label="Leads kept because they are in GoHighLevel">
            {kept.slice(0, KEPT_SHOWN).map((lead) => (
              <List.Item key={lead.id}>
                <a href={`#/leads/${lead.id}`}>{[lead.firstName, lead.lastName].filter(Boolean).join(' ') || `Lead ${lead.id}`}</a>
                {lead.phone ? ` · ${lead.phone}` : ''}
              </List.Item>
            ))}
          </List>
          {kept.length > KEPT_SHOWN && (
            <Text size="sm" mt="xs">
              …and {(kept.length - KEPT_SHOWN).toLocaleString()} more.
            </Text>
          )}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          None of these leads had reached GoHighLevel yet.
        </Text>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
