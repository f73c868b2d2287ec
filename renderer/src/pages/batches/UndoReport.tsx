import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { UndoResultWithReport } from '../../../../shared/ipc/imports';
import { api } from '../../lib/api';

/** A long list helps nobody in a dialog: the first ones, and how many more (the result file lists every lead). */
const KEPT_SHOWN = 25;

/** What the undo did, in counts; the per-lead detail is the downloadable file. */
export function UndoReport({ result, onClose }: { result: UndoResultWithReport; onClose: () => void }) {
  const kept = result.keptSyncedLeads;
  const ghl = result.ghl;
  const removedHere = result.removedLeads - (ghl ? ghl.deleted + ghl.alreadyGone : 0);
  return (
    <Stack>
      <List size="sm" data-testid="undo-summary">
        <List.Item>
          {removedHere.toLocaleString()} leads removed from the app{result.removedJobs > 0 ? ` (${result.removedJobs.toLocaleString()} waiting syncs cancelled)` : ''}.
        </List.Item>
        {ghl && (
          <List.Item>
            {ghl.deleted.toLocaleString()} contacts deleted in GoHighLevel
            {ghl.alreadyGone > 0 ? `, ${ghl.alreadyGone.toLocaleString()} already gone there` : ''}, and their leads removed from the app.
          </List.Item>
        )}
        {ghl && ghl.failed > 0 && <List.Item>{ghl.failed.toLocaleString()} contacts could not be deleted in GoHighLevel (the file says why); their leads are kept.</List.Item>}
        <List.Item>{kept.length.toLocaleString()} leads kept because they are in GoHighLevel.</List.Item>
      </List>
      {ghl?.stopped && (
        <Alert color="orange" title="Deleting in GoHighLevel stopped" role="alert">
          <Text size="sm">
            {ghl.stopped.message}. {ghl.stopped.notDone.toLocaleString()} contacts were not deleted yet; what was deleted stays deleted. Undo this import
            again when the problem is fixed to finish.
          </Text>
        </Alert>
      )}
      {kept.length > 0 && (
        <Alert color="yellow" title={`${kept.length.toLocaleString()} leads were kept`}>
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
              …and {(kept.length - KEPT_SHOWN).toLocaleString()} more (all in the result file).
            </Text>
          )}
        </Alert>
      )}
      <Group justify="flex-end">
        <DownloadResultButton path={result.report.path} fileName={result.report.fileName} rows={result.report.rows} />
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}

/** The per-lead result (a CSV main wrote into exports/), kept through the same save-copy path as every export. */
function DownloadResultButton({ path, fileName, rows }: { path: string; fileName: string; rows: number }) {
  const [isBusy, setIsBusy] = useState(false);
  async function download() {
    setIsBusy(true);
    try {
      await api.files.saveCopy(path, fileName);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Download failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setIsBusy(false);
    }
  }
  return (
    <Button variant="light" loading={isBusy} onClick={() => void download()}>
      Download what happened to each lead ({rows.toLocaleString()})
    </Button>
  );
}
