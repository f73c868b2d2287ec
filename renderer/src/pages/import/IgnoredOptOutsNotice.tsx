import { Alert, List } from '@mantine/core';
import { ignoredOptOutText, type IgnoredOptOutColumn } from '../../../../shared/opt-out-words';

/**
 * Columns left out of the mapping that say "DNC" (shared/opt-out-words.ts), as the Columns step (first rows) and the
 * Review step (every row) say them. Not a mapping error: the column may say something else, and the office decides.
 */
export function IgnoredOptOutsNotice({ columns, mapTo, testId }: { columns: readonly IgnoredOptOutColumn[]; mapTo?: string; testId?: string }) {
  if (columns.length === 0) return null;
  return (
    <Alert color="orange" title="Opt-outs in a column that is not imported" role="status" data-testid={testId}>
      <List size="sm">
        {columns.map((column) => (
          <List.Item key={column.header}>{ignoredOptOutText(column, mapTo)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
