import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { UndoResultWithReport } from '../../../../shared/ipc/imports';
import { api } from '../../lib/api';
import { formatPhone } from '../../../../shared/phone-text';
import { leadDisplayName } from '../../lib/lead-name';
import { counted } from '../../../../shared/counted';

/** "1 lead", "2 leads", "1,204 contacts". */

/** A long list helps nobody in a dialog: the first ones, and how many more (the result file lists every lead). */
const KEPT_SHOWN = 25;

/** What the undo did, in counts; the per-lead detail is the downloadable file. */
export function UndoReport({ result, onClose }: { result: UndoResultWithReport; onClose: () => void }) {
  const kept = result.keptSyncedLeads;
  const ghl = result.ghl;
  const removedHere = result.removedLeads - (ghl ? ghl.deleted + ghl.alreadyGone : 0);
  // A kept lead without a contact id was sent and GHL has not answered (lost, or on its way): it may be there, or not.
  const mayBeThere = kept.some((lead) => lead.ghlContactId === null);
  return (
    <Stack>
      <List size="sm" data-testid="undo-summary">
        {/* "0 leads removed from the app" above "2 … their leads removed from the app" read as a contradiction (a review). */}
        {(removedHere > 0 || !ghl || ghl.deleted + ghl.alreadyGone === 0) && (
          <List.Item>
            {counted(removedHere, 'lead')} {ghl && ghl.deleted + ghl.alreadyGone > 0 ? 'not in GoHighLevel ' : ''}removed from the app
            {result.removedJobs > 0 ? ` (${counted(result.removedJobs, 'waiting send')} cancelled)` : ''}.
          </List.Item>
        )}
        {ghl && ghl.deleted > 0 && (
          <List.Item>
            {counted(ghl.deleted, 'contact')} deleted in GoHighLevel (restorable there for about 60 days), and {ghl.deleted === 1 ? 'its lead' : 'their leads'} removed from
            the app.
          </List.Item>
        )}
        {ghl && ghl.alreadyGone > 0 && (
          <List.Item>
            {counted(ghl.alreadyGone, 'contact')} {ghl.alreadyGone === 1 ? 'was' : 'were'} gone from GoHighLevel already (deleted there by someone); {ghl.alreadyGone === 1 ? 'its lead' : 'their leads'}{' '}
            removed from the app.
          </List.Item>
        )}
        {ghl && ghl.failed > 0 && <List.Item>{counted(ghl.failed, 'contact')} could not be deleted in GoHighLevel (the file says why); their leads are kept.</List.Item>}
        {result.stoppedLeads > 0 && (
          <List.Item>
            {counted(result.stoppedLeads, 'kept lead')} not in the campaign yet will not be sent any further (Send to GHL on the import sends{' '}
            {result.stoppedLeads === 1 ? 'it' : 'them'} again).
          </List.Item>
        )}
        {kept.length === 0 && <List.Item>No lead was kept: none is left in GoHighLevel.</List.Item>}
      </List>
      {ghl?.stopped && (
        <Alert color="orange" title="Deleting in GoHighLevel stopped" role="alert">
          <Text size="sm">
            {ghl.stopped.message}. {counted(ghl.stopped.notDone, 'contact')} not deleted yet; what was deleted stays deleted. Undo this import
            again when the problem is fixed to finish.
          </Text>
        </Alert>
      )}
      {kept.length > 0 && (
        <Alert color="yellow" title={`Kept in the app: ${counted(kept.length, 'lead')}`}>
          <Text size="sm" mb="xs">
            {kept.length === 1 ? 'This lead is' : 'These leads are'} in GoHighLevel{mayBeThere ? ', or may be (sent, with no answer from GoHighLevel yet)' : ''}, so{' '}
            {kept.length === 1 ? 'it stays' : 'they stay'} here too (
            {/* Not the one reason for all: the import's own contacts are kept when their delete failed or stopped. */}
            {ghl && (ghl.failed > 0 || ghl.stopped) ? 'a contact that could not be deleted there keeps its lead; ' : ''}contacts that were in GoHighLevel before
            this import are never deleted). The file says why for each one.
          </Text>
          <List size="sm" aria-label="Leads kept because they are in GoHighLevel">
            {kept.slice(0, KEPT_SHOWN).map((lead) => (
              <List.Item key={lead.id}>
                <a href={`#/leads/${lead.id}`}>{leadDisplayName(lead)}</a>
                {lead.phone ? ` · ${formatPhone(lead.phone)}` : ''}
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
