import { Alert, Anchor, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ImportBatch } from '../../../../shared/ipc/imports';
import { pauseReasonOf, PROVISIONAL_DAYS_TEXT, queuedLeadsText } from '../../../../shared/plan-text';
import { DownloadRejectedButton } from '../../components/DownloadRejectedButton';
import { displayFileName } from '../../components/file-name';
import { StatCard } from '../../components/StatCard';
import { companiesQuery, importFactsQuery, importPlanQuery } from '../../lib/queries';
import { useSendingHold } from '../../lib/use-sending-hold';
import { ReadFailed } from '../../components/ReadFailed';
import { browserLink } from '../leads/browser/browser-link';
import { keyProblemOf, type KeyProblem } from '../dashboard/lead-status';
import { SendBatchButton } from '../batches/SendBatchButton';
import { dncRowsOutcome } from './NotTextedNotice';

const OUTCOME = {
  completed: { color: 'green', title: 'Import finished' },
  cancelled: { color: 'yellow', title: 'Import cancelled: the rows saved before the cancel are kept' },
  failed: { color: 'red', title: 'Import stopped with an error' },
  undone: { color: 'gray', title: 'This import was undone' },
  running: { color: 'blue', title: 'Still importing' },
} as const satisfies Record<ImportBatch['state'], { color: string; title: string }>;

const IMPORT_HELD_BY_KEY = {
  'no-key': 'Import finished: nothing is sent until the API key is saved',
  'keychain-locked': 'Import finished: nothing is sent while the keychain is locked',
  'key-refused': 'Import finished: nothing is sent until GHL accepts a new API key',
} as const satisfies Record<KeyProblem, string>;

const KEY_PROBLEM_CLAUSE = {
  'no-key': 'has no GHL API key yet',
  'keychain-locked': 'has a GHL API key the OS keychain will not give (locked or not answering)',
  'key-refused': 'has an API key GHL refuses: save a new one on the Companies page',
} as const satisfies Record<KeyProblem, string>;

/** Step 5: what happened to the file, and where to go next. */
export function SummaryStep({ batch, onImportAnother }: { batch: ImportBatch; onImportAnother: () => void }) {
  const company = useQuery(companiesQuery()).data?.find((c) => c.id === batch.companyId);
  // A green "queued to go" above "nothing goes until a key is saved" read as sending: the banner says what holds them.
  // A locked keychain is no missing key: saving the key again would not help (the plan below says "keychain" too).
  const keyProblem = company !== undefined && batch.queueSync && batch.imported + batch.updated > 0 ? keyProblemOf(company) : null;
  const outcome =
    keyProblem !== null && batch.state === 'completed'
      ? { color: 'yellow', title: IMPORT_HELD_BY_KEY[keyProblem] }
      : OUTCOME[batch.state];
  return (
    <Stack>
      <Alert color={outcome.color} title={outcome.title} role="status">
        <Text size="sm">
          {displayFileName(batch.fileName)}
          {batch.tag ? ` · tagged ${batch.tag}` : ''}
          {!batch.queueSync
            ? ' · held back: nothing goes to GoHighLevel until you send it'
            : keyProblem !== null
              ? ` · new leads wait in the queue: ${company!.name} ${KEY_PROBLEM_CLAUSE[keyProblem]}`
              : // What the import did, true after they have gone too: "are queued" sat above "None … wait any more" (a review).
                ' · new leads were queued to go to GoHighLevel'}
        </Text>
        {batch.state === 'cancelled' && (
          // It said only that the saved rows are kept: how much of the file that is, and that they will be sent.
          <Text size="sm" data-testid="import-cancelled-extent">
            {batch.processedRows.toLocaleString('en-US')} rows of the file were read before the cancel; the rest was not imported.
            {batch.queueSync && batch.imported + batch.updated > 0 ? (
              <>
                {' '}
                Their leads go to GoHighLevel like any others: to stop that, use Stop sending or Undo import in <Anchor href="#/batches">Import history</Anchor>.
              </>
            ) : null}
          </Text>
        )}
        {batch.error && <Text size="sm">{batch.error}</Text>}
      </Alert>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label="Imported" value={batch.imported} color="green" />
        <StatCard
          label="Updated"
          value={batch.updated}
          hint={batch.onDuplicate === 'update' ? 'Existing leads with empty fields filled in or notes added, or marked do-not-contact by the file' : 'Existing leads the file marks do-not-contact'}
        />
        <StatCard label="Duplicates skipped" value={batch.duplicates} />
        <StatCard label="Rejected" value={batch.rejected} color={batch.rejected ? 'red' : undefined} />
      </SimpleGrid>
      <WhenTheyGo batch={batch} />
      <HeldBack batch={batch} />
      <NewLeadFacts batch={batch} />
      {batch.optedOut > 0 && (
        <Text size="sm">
          {batch.optedOut.toLocaleString()} of these rows have a phone or email on the office’s <Anchor href="#/optouts">opt-out list</Anchor>: they were saved as
          do-not-contact and will never be sent to GHL.
        </Text>
      )}
      {batch.rejected > 0 && (
        <Text size="sm" c="dimmed">
          The rejected rows can be downloaded with a “Reason” column, fixed in Excel and imported again.
        </Text>
      )}
      <Group>
        <DownloadRejectedButton batchId={batch.id} fileName={batch.fileName} rejected={batch.rejected} />
        <Anchor href="#/batches">See all imports</Anchor>
        <Anchor href="#/dashboard">Go to the dashboard</Anchor>
        <Button variant="default" onClick={onImportAnother} ml="auto">
          Import another file
        </Button>
      </Group>
    </Stack>
  );
}

/** An import with "Queue … now" off ended on no next step: its leads wait for this button (also in Import history). */
function HeldBack({ batch }: { batch: ImportBatch }) {
  if (batch.queueSync || batch.notQueued === 0 || batch.state === 'running' || batch.state === 'undone') return null;
  return (
    <Group gap="sm" data-testid="import-held-back">
      <Text size="sm" fw={500}>
        {batch.notQueued === 1 ? '1 lead of this file waits' : `${batch.notQueued.toLocaleString('en-US')} leads of this file wait`} until you send them to GoHighLevel;
        nobody is texted until then.
      </Text>
      <SendBatchButton batch={batch} />
    </Group>
  );
}

/** "312 leads queued: at 100 a day they go Tue–Fri, done by Dec 4": this file's leads on the company's schedule. */
function WhenTheyGo({ batch }: { batch: ImportBatch }) {
  const plan = useQuery({ ...importPlanQuery(batch.id), enabled: batch.queueSync });
  const companies = useQuery(companiesQuery());
  const company = companies.data?.find((c) => c.id === batch.companyId);
  const { hold, error: holdError } = useSendingHold(batch.companyId);
  // The line must not vanish on a failed read either: it would read as "nothing of this file waits".
  const readError = plan.error ?? companies.error;
  if (readError) return <ReadFailed what="when this file's leads go" error={readError} meanwhile="The counts above are right; the dashboard shows the plan." />;
  if (!plan.data || !company) return null;
  const imported = batch.imported + batch.updated;
  const pauseReason = pauseReasonOf(company.syncPausedReason, company.hasApiKey, company.isKeyUnreadable) ?? hold;
  const text = queuedLeadsText(plan.data.plan, plan.data.queued, company.name, pauseReason, imported);
  // As `rlm import` says it: the days named may move once the sync has placed each lead in its own zone.
  const isProvisional = plan.data.isProvisional && pauseReason === null && plan.data.plan.finishEstimate !== null;
  if (!text) {
    // The line must not just vanish once the leads have gone (it said "8 leads queued" a moment before).
    if (batch.state !== 'completed' || batch.imported + batch.updated === 0) return null;
    return (
      <Text size="sm" data-testid="import-when" fw={500}>
        None of this file’s leads wait to be sent any more.{' '}
        <Anchor href={browserLink({ batchId: batch.id })} size="sm">
          See how each went
        </Anchor>
      </Text>
    );
  }
  return (
    <>
      {holdError && <ReadFailed what="whether sending is paused" error={holdError} meanwhile="The line below assumes it is not." />}
      <Text size="sm" data-testid="import-when" fw={500}>
        {text}
        {isProvisional && (
          <Text span size="sm" fw={400} data-testid="import-when-provisional">
            {' '}
            {PROVISIONAL_DAYS_TEXT}
          </Text>
        )}{' '}
        <Anchor href="#/dashboard" size="sm">
          See the plan
        </Anchor>
        {plan.data.queued < imported && (
          <>
            {' · '}
            <Anchor href={browserLink({ batchId: batch.id })} size="sm">
              See all {imported.toLocaleString('en-US')} and where each stands
            </Anchor>
          </>
        )}
      </Text>
    </>
  );
}

/** What the counts do not say (as `rlm import` says it): rows the file marks do-not-contact, new leads no text can reach, notes cut. */
function NewLeadFacts({ batch }: { batch: ImportBatch }) {
  const factsRead = useQuery({ ...importFactsQuery(batch.id), enabled: batch.state !== 'running' && batch.state !== 'undone' });
  if (factsRead.isError) {
    return <ReadFailed what="which new leads cannot be texted" error={factsRead.error} meanwhile="Some new leads may have no phone a text can reach, or be marked do-not-contact in the file; the Leads page shows each one." />;
  }
  const facts = factsRead.data;
  if (!facts) return null;
  return (
    <>
      {facts.markedDoNotContact > 0 && (
        <Text size="sm" data-testid="import-marked-dnc">
          {facts.markedDoNotContact.toLocaleString()} {facts.markedDoNotContact === 1 ? 'row is' : 'rows are'} marked do-not-contact in the file:{' '}
          {dncRowsOutcome(facts.markedDoNotContact)}
        </Text>
      )}
      {facts.noPhone > 0 && (
        <Text size="sm" data-testid="import-no-phone">
          {facts.noPhone.toLocaleString()} new {facts.noPhone === 1 ? 'lead has' : 'leads have'} no usable phone number (none given, or one that cannot
          be texted: kept in the notes). {facts.markedDoNotContact + batch.optedOut > 0 ? 'Those not do-not-contact go' : 'They go'} to GHL with their email, but no SMS
          campaign can text them.
        </Text>
      )}
      {facts.notesCut > 0 && (
        <Text size="sm" data-testid="import-notes-cut">
          {facts.notesCut.toLocaleString()} {facts.notesCut === 1 ? 'lead' : 'leads'} could not take all the notes this file added (a lead keeps 10,000
          characters): {facts.notesCut === 1 ? 'its notes say' : 'each one’s notes say'} where they were cut and which row of the file holds the rest.
        </Text>
      )}
    </>
  );
}
