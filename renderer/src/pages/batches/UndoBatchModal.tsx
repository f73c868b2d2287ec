import { Alert, Button, Checkbox, Group, Loader, Modal, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/ipc/events';
import { DELETE_CONFIRM_WORD, type ImportBatch, type UndoPlan, type UndoResultWithReport } from '../../../../shared/ipc/imports';
import { displayFileName } from '../../components/file-name';
import { api } from '../../lib/api';
import { undoPlanQuery } from '../../lib/queries';
import { useWrite } from '../../lib/use-write';
import { stopNoticeId } from './StopSendingButton';
import { UndoReport } from './UndoReport';
import { counted } from '../../../../shared/counted';

interface Props {
  batch: ImportBatch | null;
  onClose: () => void;
}

/**
 * Says what undo will do before it does it (how many leads are only in the app, created in GoHighLevel by
 * this import, in GoHighLevel before it), offers to delete the created contacts in GoHighLevel too after a
 * typed confirmation, then reports what happened per lead, with a downloadable file.
 */
export function UndoBatchModal({ batch, onClose }: Props) {
  const [result, setResult] = useState<UndoResultWithReport | null>(null);
  const [isDeleting, setIsDeleting] = useState(false);
  const [typed, setTyped] = useState('');
  const plan = useQuery({ ...undoPlanQuery(batch?.id ?? 0), enabled: batch !== null && result === null });
  const undoWrite = useWrite((input: { batchId: number; deleteInGhl: boolean; confirmation?: string }) => api.imports.undo(input), ['imports', 'leads']);
  const progress = useUndoProgress(batch?.id ?? null, undoWrite.isPending);

  function close() {
    if (undoWrite.isPending) return; // the undo runs on in main; closing mid-way would hide its result
    setResult(null);
    setIsDeleting(false);
    setTyped('');
    undoWrite.reset();
    onClose();
  }

  function undo() {
    if (!batch) return;
    undoWrite.mutate({ batchId: batch.id, deleteInGhl: isDeleting, confirmation: isDeleting ? typed : undefined }, {
      onSuccess: (result) => {
        notifications.hide(stopNoticeId(batch.id));
        setResult(result);
      },
    });
  }

  const title = !result
    ? 'Undo this import?'
    : result.ghl?.stopped
      ? 'Undo stopped before the end'
      : result.removedLeads > 0
        ? 'Import undone'
        : result.stoppedLeads > 0
          ? 'Sending stopped; no lead removed'
          : 'Nothing was undone';
  return (
    <Modal opened={batch !== null} onClose={close} title={title} size="lg" closeOnClickOutside={!undoWrite.isPending}>
      {batch && !result && (
        <Stack>
          <Text size="sm">
            What undo will do with the leads imported from <b>{displayFileName(batch.fileName)}</b>:
          </Text>
          {plan.isPending && <Loader size="sm" aria-label="Reading the import" />}
          {plan.error && (
            <Alert color="red" role="alert">
              {plan.error.message}
            </Alert>
          )}
          {plan.data && (
            <>
              <PlanTable plan={plan.data} />
              <InCampaignWarning plan={plan.data} />
              <Text size="sm" c="dimmed">
                {/* A review: the file's do-not-contact numbers stayed on the Opt-outs page after the undo, unsaid. */}
                Existing leads that this file only filled in are not changed back. Numbers and emails the file marked do-not-contact stay on the
                opt-out list: an undo never lifts an opt-out (the Opt-outs page can).
              </Text>
              {plan.data.createdInGhl > 0 && (
                <DeleteInGhlChoice plan={plan.data} isDeleting={isDeleting} onDeleting={setIsDeleting} typed={typed} onTyped={setTyped} disabled={undoWrite.isPending} />
              )}
            </>
          )}
          {undoWrite.isPending && progress && (
            <Stack gap={4}>
              <Text size="sm">
                Deleting in GoHighLevel: {progress.done.toLocaleString()} of {progress.total.toLocaleString()} (paced by GoHighLevel&apos;s rate limit)
              </Text>
              <Progress value={progress.total > 0 ? (100 * progress.done) / progress.total : 0} aria-label="Deleting in GoHighLevel" />
            </Stack>
          )}
          {undoWrite.error && (
            <Alert color="red" role="alert">
              {undoWrite.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={undoWrite.isPending}>
              Keep the import
            </Button>
            <Button
              color="red"
              loading={undoWrite.isPending}
              disabled={!plan.data || (isDeleting && !isConfirmed(typed, plan.data.createdInGhl))}
              onClick={undo}
            >
              {isDeleting && plan.data ? `Undo import and delete ${plan.data.createdInGhl.toLocaleString()} in GoHighLevel` : 'Undo import'}
            </Button>
          </Group>
        </Stack>
      )}
      {result && <UndoReport result={result} onClose={close} />}
    </Modal>
  );
}

/**
 * Leads sent to GHL are in the campaign there (tagged, or in the workflow): undoing the import here takes them
 * out of this app only. An office undoing a wrong file believed that stopped their texts.
 */
function InCampaignWarning({ plan }: { plan: UndoPlan }) {
  // Not those who opted out: their contacts hold a DND, and GHL texts them no more.
  const inGhl = plan.createdInGhl + plan.sharedInGhl + plan.existedInGhl;
  // Being sent, or sent with no answer back: they may be there, or not (the table says so; this said they "went").
  const mayBe = plan.sendingNow + plan.mayBeInGhl;
  if (inGhl + mayBe === 0) return null;
  const title =
    inGhl > 0
      ? `Undo does not stop texts: ${counted(inGhl, 'lead')} already went to GoHighLevel${mayBe > 0 ? `, ${mayBe.toLocaleString()} more may have` : ''}`
      : `Undo may not stop texts: ${counted(mayBe, 'lead')} may already be in GoHighLevel`;
  return (
    <Alert color="orange" title={title} data-testid="undo-in-campaign">
      <Text size="sm">
        {inGhl > 0 ? 'There they are' : 'If they are there, they are'} in your campaign (they have its tag, or are in its workflow), and GoHighLevel goes on
        texting them. To stop that,
        {plan.createdInGhl > 0 ? ' delete the contacts this import created (below), or' : ''} remove the campaign tag or take them out of the
        workflow in GoHighLevel.
      </Text>
    </Alert>
  );
}

const isConfirmed = (typed: string, count: number) => typed.trim() === DELETE_CONFIRM_WORD || typed.trim() === String(count);

function PlanTable({ plan }: { plan: UndoPlan }) {
  const rows: Array<{ key: string; count: number; where: string; what: string }> = [
    { key: 'app', count: plan.appOnly, where: 'Only in this app', what: 'Removed from the app; nothing is sent to GoHighLevel' },
    { key: 'created', count: plan.createdInGhl, where: 'Created in GoHighLevel by this import', what: 'Kept, unless you delete them in GoHighLevel below' },
    { key: 'shared', count: plan.sharedInGhl, where: 'Created in GoHighLevel by this import, but another lead here uses the same contact', what: 'Kept; not deleted' },
    {
      key: 'opted-out',
      count: plan.optedOutInGhl,
      where: 'Created in GoHighLevel by this import, but the customer opted out',
      what: 'Kept; not deleted, so GoHighLevel keeps their do-not-disturb',
    },
    { key: 'existed', count: plan.existedInGhl, where: 'In GoHighLevel before this import (only updated)', what: 'Kept; never deleted' },
    { key: 'sending', count: plan.sendingNow, where: 'Being sent to GoHighLevel right now', what: 'Kept; check them once sending is done' },
    {
      key: 'unanswered',
      count: plan.mayBeInGhl,
      where: 'Sent to GoHighLevel, but no answer came back: they may be there',
      what: 'Kept and held back: nothing more goes unless you press Send to GHL; never deleted there (look them up in GoHighLevel)',
    },
  ];
  return (
    <Table aria-label="What undo will do" withTableBorder verticalSpacing={6}>
      <Table.Tbody>
        {rows
          .filter((row) => row.count > 0 || row.key === 'app')
          .map((row) => (
            <Table.Tr key={row.key} data-testid={`undo-plan-${row.key}`}>
              <Table.Td ta="right" fw={700} w={80}>
                {row.count.toLocaleString()}
              </Table.Td>
              <Table.Td>{row.where}</Table.Td>
              <Table.Td c="dimmed">{row.what}</Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}

interface ChoiceProps {
  plan: UndoPlan;
  isDeleting: boolean;
  onDeleting: (value: boolean) => void;
  typed: string;
  onTyped: (value: string) => void;
  disabled: boolean;
}

function DeleteInGhlChoice({ plan, isDeleting, onDeleting, typed, onTyped, disabled }: ChoiceProps) {
  const count = plan.createdInGhl.toLocaleString();
  return (
    <Stack gap="xs">
      <Checkbox
        label={`Also delete in GoHighLevel the ${counted(plan.createdInGhl, 'contact')} this import created there`}
        description={plan.hasApiKey ? 'Contacts that were in GoHighLevel before this import are never deleted.' : 'Set this company’s API key on the Companies page first.'}
        checked={isDeleting}
        disabled={disabled || !plan.hasApiKey}
        onChange={(event) => onDeleting(event.currentTarget.checked)}
      />
      {isDeleting && (
        <Alert color="orange" title="Deleting in GoHighLevel">
          <Text size="sm">
            GoHighLevel keeps deleted contacts restorable for about 60 days; their conversations (texts, calls) are not restored. Contacts that leave
            GoHighLevel also leave any campaign they are in.
          </Text>
          <TextInput
            mt="sm"
            label={`Type ${count} or ${DELETE_CONFIRM_WORD} to confirm`}
            value={typed}
            onChange={(event) => onTyped(event.currentTarget.value)}
            disabled={disabled}
            autoComplete="off"
          />
        </Alert>
      )}
    </Stack>
  );
}

/** The latest `undo:progress` of the batch while its undo runs. */
function useUndoProgress(batchId: number | null, isRunning: boolean): EventPayload<'undo:progress'> | null {
  const [progress, setProgress] = useState<EventPayload<'undo:progress'> | null>(null);
  useEffect(() => {
    if (batchId === null || !isRunning) {
      setProgress(null);
      return;
    }
    return api.on('undo:progress', (event) => event.batchId === batchId && setProgress(event));
  }, [batchId, isRunning]);
  return progress;
}
