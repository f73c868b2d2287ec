import { Alert, List } from '@mantine/core';
import type { PreviewCounts } from '../../../../shared/ipc/imports';

const rows = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'row is' : 'rows are'}`;

/**
 * What becomes of the rows the file marks do-not-contact, before the import and after it (SummaryStep). "Saved as
 * do-not-contact" was said of a row that saved nothing: its phone was a lead's already in the app, and that lead (under
 * another name) became do-not-contact, whether the file's repeats are skipped or fill in.
 */
export const dncRowsOutcome = (rows: number): string =>
  rows === 1
    ? 'its lead (new, or already in the app with the same phone or email) is do-not-contact: nothing more goes to GHL for it, and a contact already there gets do-not-disturb.'
    : 'their leads (new, or already in the app with the same phone or email) are do-not-contact: nothing more goes to GHL for them, and a contact already there gets do-not-disturb.';

/**
 * Before anything is written, what the row counts do not say: rows kept out of the campaign (the office's
 * opt-out list, the file's own do-not-contact marks) and new leads no text can reach. The import's summary
 * says the same afterwards (SummaryStep's facts), counted the same way.
 */
export function NotTextedNotice({ counts }: { counts: PreviewCounts }) {
  const { optedOut, markedDoNotContact, noPhone } = counts;
  if (optedOut + markedDoNotContact + noPhone === 0) return null;
  return (
    <Alert color="blue" title="Not everyone in this file will be texted" data-testid="not-texted">
      <List size="sm" spacing={4}>
        {optedOut > 0 && (
          <List.Item>
            {optedOut.toLocaleString()} {optedOut === 1 ? 'row has' : 'rows have'} a phone or email on the office’s opt-out list: saved as do-not-contact, never sent to GHL
            {markedDoNotContact > 0 ? ' (a row the file marks too is counted in both lines)' : ''}.
          </List.Item>
        )}
        {markedDoNotContact > 0 && <List.Item>{rows(markedDoNotContact)} marked do-not-contact in the file: {dncRowsOutcome(markedDoNotContact)}</List.Item>}
        {noPhone > 0 && (
          <List.Item>
            {noPhone.toLocaleString()} new {noPhone === 1 ? 'lead has' : 'leads have'} no usable phone number (none given, or one that cannot be texted:
            kept in the notes). {optedOut + markedDoNotContact > 0 ? 'Those not do-not-contact go' : 'They go'} to GHL with their email, but no SMS campaign can text them.
          </List.Item>
        )}
      </List>
    </Alert>
  );
}
