import { Alert, Anchor, Badge, Button, Divider, Drawer, Group, Modal, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { LeadRow } from '../../../../shared/ipc/dashboard';
import type { Lead } from '../../../../shared/lead';
import type { Company } from '../../../../shared/company';
import type { Result } from '../../../../shared/ipc/result';
import { api } from '../../lib/api';
import { companiesQuery, leadQuery, leadTurnQuery } from '../../lib/queries';
import { momentFormat } from '../../lib/clock';
import { useSendingHold } from '../../lib/use-sending-hold';
import { useWrite } from '../../lib/use-write';
import { plainReason } from '../dashboard/failure-reasons';
import { formatPhone } from '../../../../shared/phone-text';
import { keyProblemOf, shownStatus, statusMeta } from '../dashboard/lead-status';
import { leadDisplayName } from '../../lib/lead-name';
import { LeadDetailAttempts } from './LeadDetailAttempts';
import { LeadDetailEdit } from './LeadDetailEdit';
import { enrolledWithoutPhoneText, noPhoneText, removedPhonesText } from './texted-number';
import { zoneText } from './zone-text';
import { companyLink } from '../companies/company-link';

interface Props {
  leadId: number | null;
  /** The browser's row, shown while the full lead loads. */
  row: LeadRow | null;
  onClose: () => void;
}

export function LeadDetailDrawer({ leadId, row, onClose }: Props) {
  return (
    <Drawer
      opened={leadId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={row ? leadDisplayName(row) : leadId !== null ? <LoadedLeadName leadId={leadId} /> : 'Lead'}
      styles={{ title: { fontSize: 'var(--mantine-font-size-xl)', fontWeight: 700 } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {leadId !== null && <LeadDetail key={leadId} leadId={leadId} onDeleted={onClose} />}
    </Drawer>
  );
}

/** Opened without a browser row (from the import review, say): the name once the lead has loaded. */
function LoadedLeadName({ leadId }: { leadId: number }) {
  const lead = useQuery(leadQuery(leadId));
  return <>{lead.data ? leadDisplayName(lead.data) : 'Lead'}</>;
}

function LeadDetail({ leadId, onDeleted }: { leadId: number; onDeleted: () => void }) {
  const lead = useQuery(leadQuery(leadId));
  const [isEditing, setIsEditing] = useState(false);

  if (lead.error) {
    return (
      <Alert color={lead.error.code === 'not-found' ? 'yellow' : 'red'} title="Could not open the lead">
        {lead.error.code === 'not-found' ? 'This lead no longer exists; it may have been deleted.' : lead.error.message}
      </Alert>
    );
  }
  if (!lead.data) return <Skeleton height={400} />;
  const data = lead.data;

  return (
    <Stack gap="lg" aria-label="Lead detail">
      <LeadActions lead={data} onEdit={() => setIsEditing(true)} onDeleted={onDeleted} />
      {data.status === 'failed' && data.lastError && <FailureNote message={data.lastError} />}
      {isEditing ? <LeadDetailEdit lead={data} onDone={() => setIsEditing(false)} /> : <LeadFacts lead={data} />}
      {!isEditing && <ConsentRecordSection lead={data} />}
      <Divider />
      <LeadDetailAttempts lead={data} />
    </Stack>
  );
}

/** A waiting lead's earliest send time and the rule that orders the rest ("In line" alone said nothing of when). */
function LeadTurnNote({ leadId }: { leadId: number }) {
  const turnRead = useQuery(leadTurnQuery(leadId));
  if (turnRead.isError) {
    return (
      <Text size="sm" c="red" data-testid="lead-turn">
        When this lead goes could not be read: {turnRead.error.message}
      </Text>
    );
  }
  const turn = turnRead.data;
  if (!turn?.text) return null;
  return (
    <Text size="sm" data-testid="lead-turn" c={turn.earliestAt === null ? 'orange.8' : undefined}>
      {turn.text}
    </Text>
  );
}

function FailureNote({ message }: { message: string }) {
  const { plain, fix } = plainReason(message);
  return (
    <Alert color="red" title={plain}>
      {fix && <Text size="sm">{fix}</Text>}
      <Text size="xs" ff="monospace" mt={4}>
        {/* Not "GHL said": many of these are the app's own findings (a tag the contact already had, a field GHL no longer has). */}
        Details: {message}
      </Text>
    </Alert>
  );
}

function LeadActions({ lead, onEdit, onDeleted }: { lead: Lead; onEdit: () => void; onDeleted: () => void }) {
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);
  // Lifting a do-not-contact mark makes the lead textable again: one click did it, beside the mark's own button.
  const [isConfirmingAllow, setIsConfirmingAllow] = useState(false);
  const allowContact = () => run('dnc', () => api.leads.setDoNotContact({ id: lead.id, doNotContact: false }), 'May be contacted again.');
  const company = useQuery(companiesQuery()).data?.find((c) => c.id === lead.companyId);
  // "In line" is not the whole truth when nothing can go: say what it waits for (the badge as the list's row says it).
  const keyProblem = company === undefined ? null : keyProblemOf(company);
  const meta = shownStatus(lead.status, company?.name ?? 'its company', keyProblem);
  // A locked keychain is no missing key (its badge says so): "add it on the Companies page" would not help.
  const isStuckWithoutKey = keyProblem === 'no-key' && (lead.status === 'queued' || lead.status === 'new');
  // Sending paused as a whole outlasts the key: "starts by itself" was untrue then.
  const isAllPaused = useSendingHold().hold === 'all-paused';
  // Every action changes the lead (and may queue or retry a send): the drawer and the lists refresh.
  const action = useWrite(({ call }: { name: string; call: () => Promise<Result<unknown>> }) => call(), ['leads', 'sync']);
  const busy = action.isPending ? action.variables.name : null;

  /** Runs one action and says how it went. */
  function run(name: string, call: () => Promise<Result<unknown>>, success: string): Promise<boolean> {
    return action.mutateAsync({ name, call }).then(
      () => {
        notifications.show({ color: 'green', message: success });
        return true;
      },
      (error: Error) => {
        notifications.show({ color: 'red', title: 'That did not work', message: error.message });
        return false;
      },
    );
  }

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge color={meta.color} size="lg" variant="light" data-testid="lead-status">
          {meta.label}
        </Badge>
        <Text size="sm" c="dimmed">
          {/* "Enrolled" only when GHL tagged it or added it to the workflow; an update alone is not. */}
          {lead.status === 'synced' && lead.enrolledAt !== null
            ? // Without a phone the campaign has nobody to text: "enrolled" beside the warning below read as texted.
              lead.phone === null
              ? enrolledWithoutPhoneText(lead)
              : lead.updatePending
                ? // Edited or sent again: it stays "Sent to GHL", and the office should know its record has not gone yet.
                  'In GHL and enrolled in the campaign; its latest record goes to GHL with the next send (the campaign does not start again)'
                : 'In GHL and enrolled in the campaign'
            : lead.status === 'do-not-contact' && lead.ghlContactId !== null
              ? // Said only once GHL has it: while its job waits (paused, no key, offline) a workflow there can still text.
                lead.dndInGhl === 'pending'
                ? 'Opted out after it was sent to GHL: nothing more is sent from here; do-not-disturb is still to be turned on for the contact in GHL (it goes with the next sync)'
                : lead.dndInGhl === 'key-refused'
                  ? // GHL refused the key on the DND's call: "the next sync" would not send it either (a review).
                    'Opted out after it was sent to GHL: do-not-disturb is still to be turned on for the contact there, and GHL refuses the company’s API key — save a new key on the Companies page'
                  : lead.dndInGhl === 'daily-limit'
                    ? 'Opted out after it was sent to GHL: do-not-disturb is still to be turned on for the contact there; it goes once GHL’s daily request limit resets'
                    : lead.dndInGhl === 'failed'
                  ? 'Opted out after it was sent to GHL: GHL did not take do-not-disturb for the contact — see Failed leads, or turn it on in GHL'
                  : 'Opted out after it was sent to GHL: nothing more is sent, and do-not-disturb is turned on for the contact there'
              : keyProblem === 'no-key' && meta !== statusMeta[lead.status]
                ? // The alert below says whose key and where to add it.
                  'Waiting for the key: nothing is sent until it is saved'
                : meta.hint}
        </Text>
      </Group>
      {lead.status === 'queued' && <LeadTurnNote leadId={lead.id} />}
      {lead.phone === null && lead.removedPhones.length === 0 && lead.status !== 'do-not-contact' && lead.status !== 'dnd' && (
        // Kept for its email or address, but an SMS campaign has nothing to text: say so where the status is. With a
        // number removed here after it went, the contact may keep it: the alert below says that instead.
        <Alert color="yellow" variant="light" p="xs" data-testid="lead-no-phone">
          {noPhoneText(lead)}
        </Alert>
      )}
      {lead.phone === null && removedPhonesText(lead.removedPhones) !== null && lead.status !== 'do-not-contact' && lead.status !== 'dnd' && (
        // With a number of its own again, the update sends it and GHL's contact takes it in place of the old one.
        <Alert color="orange" variant="light" p="xs" data-testid="lead-removed-phones">
          {removedPhonesText(lead.removedPhones)}
        </Alert>
      )}
      {isStuckWithoutKey && company && (
        <Alert color="red" title={`${company.name} has no GHL API key`}>
          Nothing is sent for this company until its key is saved. <Anchor href={companyLink(company.id)}>Add it on the Companies page</Anchor>;{' '}
          {afterTheKey(lead, company, isAllPaused)}
        </Alert>
      )}
      <Group gap="xs">
        <Button size="xs" onClick={onEdit}>
          Edit
        </Button>
        {/* Held back: send it now. Sent: send its record again. Waiting or being sent: it is on its way already; failed: Retry. */}
        {(lead.status === 'new' || lead.status === 'synced') && (
          <Button
            size="xs"
            variant="light"
            loading={busy === 'resync'}
            disabled={lead.doNotContact}
            onClick={() => void run('resync', () => api.leads.send({ id: lead.id }), lead.status === 'new' ? 'Queued to be sent.' : 'Queued to be sent again.')}
          >
            {lead.status === 'new' ? 'Send to GoHighLevel' : 'Send again to GHL'}
          </Button>
        )}
        {lead.status === 'failed' && (
          <Button
            size="xs"
            variant="light"
            color="orange"
            loading={busy === 'retry'}
            onClick={() => void run('retry', () => api.sync.retryFailed({ scope: 'lead', leadId: lead.id }), 'Queued for another try.')}
          >
            Retry
          </Button>
        )}
        <Button
          size="xs"
          variant="light"
          color="grape"
          loading={busy === 'dnc'}
          onClick={() =>
            lead.doNotContact
              ? setIsConfirmingAllow(true)
              : void run(
                  'dnc',
                  () => api.leads.setDoNotContact({ id: lead.id, doNotContact: true }),
                  // "It will not be sent" of a lead GHL has already: its workflow there could still text, and DND is what stops it.
                  lead.ghlContactId !== null
                    ? 'Marked do-not-contact: nothing more is sent, and do-not-disturb goes on for the contact in GHL.'
                    : 'Marked do-not-contact; it will not be sent.',
                )
          }
        >
          {lead.doNotContact ? 'Allow contact' : 'Mark do-not-contact'}
        </Button>
        <Button size="xs" variant="subtle" color="red" onClick={() => setIsConfirmingDelete(true)}>
          Delete
        </Button>
      </Group>
      <Modal opened={isConfirmingAllow} onClose={() => setIsConfirmingAllow(false)} title={`Allow texts to ${leadDisplayName(lead)} again?`} centered>
        <Stack>
          <Text size="sm">
            Only do this if the customer asked to hear from you again: the lead may then be sent to GHL and texted by the campaign. A number or email on the Opt-outs list stays blocked until it is taken off there.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setIsConfirmingAllow(false)}>
              Keep do-not-contact
            </Button>
            <Button
              color="grape"
              loading={busy === 'dnc'}
              onClick={async () => {
                await allowContact();
                setIsConfirmingAllow(false);
              }}
            >
              Allow contact
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={isConfirmingDelete} onClose={() => setIsConfirmingDelete(false)} title="Delete this lead?" centered>
        <Stack>
          <Text size="sm">
            {leadDisplayName(lead)} is removed from this computer, with any sends still waiting.
            {/* An office deletes a lead to stop contacting someone: the campaign in GHL would go on texting her (a review). */}
            {lead.ghlContactId ? ' The contact already in GHL stays there, and so does its campaign: to stop the texts, keep the lead and mark it do-not-contact instead (GHL then gets do-not-disturb).' : ''}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setIsConfirmingDelete(false)}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={busy === 'delete'}
              onClick={async () => {
                const ok = await run('delete', () => api.leads.remove({ id: lead.id }), 'Lead deleted.');
                setIsConfirmingDelete(false);
                if (ok) onDeleted();
              }}
            >
              Delete lead
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

// One date style in the panel (the service date was ISO next to locale timestamps).
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The import history, where the file a lead came from is listed (its rejected rows, its undo). */
const ImportHistoryLink = () => <Anchor href="#/batches">Import history</Anchor>;

function LeadFacts({ lead }: { lead: Lead }) {
  const place = [lead.address1, lead.city, lead.state, lead.postalCode].filter(Boolean);
  // The country alone is no address: every lead has one ('US' by default), and "Address: US" read as a value the file gave.
  const address = place.length > 0 ? [...place, lead.country].filter(Boolean).join(', ') : '';
  return (
    <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
      <Fact label="Phone" value={[formatPhone(lead.phone), lead.phoneExt && `ext. ${lead.phoneExt}`].filter(Boolean).join(' ') || null} hint={lead.phoneRaw !== lead.phone ? lead.phoneRaw : null} />
      <Fact label="Email" value={lead.email} />
      <Fact label="Address" value={address || null} />
      <Fact label="Source" value={lead.source} />
      <Fact label="Last service date" value={lead.lastServiceDate ? dayFormat.format(new Date(`${lead.lastServiceDate}T12:00:00`)) : null} />
      <Fact label="Tag" value={lead.tag} />
      <Fact label="Do not contact" value={lead.doNotContact ? 'Yes' : 'No'} />
      {/* "Not yet" beside a do-not-contact lead read as if it would still go. */}
      {/* A contact id without a finished send: GHL has it (its upsert answered, the rest not done; or found after a lost answer). */}
      {/* When it first went: an edit's update moved the date, and the panel said it was sent then (a review). */}
      <Fact
        label="Sent to GHL"
        value={sentText(lead)}
      />
      <Fact label="Old CRM record" value={crmLine(lead.crm)} />
      <Fact label="Sends follow the time zone" value={zoneText(lead)} />
      {lead.customFields.length > 0 && (
        <Fact label="GHL custom fields" value={lead.customFields.map((field) => `${field.name}: ${field.value}`).join('\n')} />
      )}
      <Fact label="Added" value={momentFormat.format(lead.createdAt)} />
      <Fact label="Last changed" value={momentFormat.format(lead.updatedAt)} />
      <div style={{ gridColumn: '1 / -1' }}>
        <Fact label="Notes" value={lead.notes} />
      </div>
    </SimpleGrid>
  );
}

/**
 * What the office shows when a complaint arrives (issue #13): where the lead came from, when it first came
 * in, its consent note, and when it was enrolled, in which zone and window. The words are main's
 * (consent-record.ts), the same as the export's "Came from" and "Enrolled …" columns.
 */
function ConsentRecordSection({ lead }: { lead: Lead }) {
  const record = lead.consentRecord;
  const isOutsideWindow = record.enrolment?.isInsideWindow === false;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Consent record">
      <Text fw={600} mb="sm">
        Consent record
      </Text>
      <Stack gap="sm">
        <Fact
          label="Came from"
          value={
            lead.batchId === null ? (
              record.cameFrom
            ) : (
              <>
                {record.cameFrom} · <ImportHistoryLink />
              </>
            )
          }
        />
        <Fact label="Original lead date" value={record.originalDate ? dayFormat.format(new Date(`${record.originalDate}T12:00:00`)) : lead.batchId === null ? 'Not recorded' : 'Not in the file'} />
        <Fact label="Consent note" value={record.consentNote ?? 'None recorded'} />
        <Fact label="Enrolled in the campaign" value={<Text span size="sm" c={isOutsideWindow ? 'orange.8' : undefined}>{record.enrolled}</Text>} />
      </Stack>
    </Paper>
  );
}

/** "Lost Estimate · Roof replacement · came in Mar 14, 2019 · tags: storm, VIP", or null when the lead had no old CRM record. */
function crmLine(crm: Lead['crm']): string | null {
  const parts = [
    crm.status,
    crm.jobType,
    crm.originalDate && `came in ${dayFormat.format(new Date(`${crm.originalDate}T12:00:00`))}`,
    crm.tags && `tags: ${crm.tags.split(';').map((tag) => tag.trim()).filter(Boolean).join(', ')}`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

function Fact({ label, value, hint }: { label: string; value: ReactNode; hint?: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {value ?? '—'}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          As entered: {hint}
        </Text>
      )}
    </div>
  );
}

/** What still stands between the lead and GHL once the key is saved: "starts by itself" only when nothing does. */
function afterTheKey(lead: Lead, company: Company, isAllPaused: boolean): string {
  if (lead.status === 'new') return 'then send it with “Send to GoHighLevel” below.';
  if (company.syncPausedReason === 'user') return 'sending is also paused for this company: resume it on the Dashboard.';
  if (company.syncPausedReason === 'workflow-missing') return "GHL also no longer has the campaign's workflow: choose one in the company's settings.";
  if (isAllPaused) return 'all sending is paused too: resume it on the Dashboard.';
  return 'sending then starts by itself.';
}

/** "Sent to GHL": when it first went, and when its record last went there if later (an edit's update). */
function sentText(lead: Lead): string {
  const first = lead.firstSyncedAt ?? lead.syncedAt;
  if (first === null) return lead.ghlContactId ? 'The contact is in GHL' : lead.doNotContact ? 'No: do not contact' : 'Not yet';
  const last = lead.syncedAt;
  return last !== null && last > first ? `${momentFormat.format(first)} (updated there ${momentFormat.format(last)})` : momentFormat.format(first);
}
