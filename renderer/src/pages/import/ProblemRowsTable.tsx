import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { importFields, type ProblemRow, type RowFix } from '../../../../shared/ipc/imports';
import { fieldLabel } from './field-labels';
import { FixableCell } from './FixableCell';
import { PROBLEM_COLORS, PROBLEM_LABELS } from './problem-labels';
import { fixOf, type MappingColumn } from './wizard-types';

type ImportField = RowFix['field'];
const isImportField = (field: string): field is ImportField => (importFields as readonly string[]).includes(field);

interface Props {
  rows: ProblemRow[];
  columns: MappingColumn[];
  fixes: RowFix[];
  onFix: (fix: RowFix) => void;
  onUndoFix: (fix: RowFix) => void;
  /** Shows an existing lead without leaving the wizard (navigating away would drop the file and its fixes). */
  onOpenLead: (leadId: number) => void;
}

/**
 * Problem rows with the reason next to each bad cell; cells of rows that cannot be imported are editable, and so is the
 * phone of a row imported with a note about it (kept for its email, it would go to GHL with no number to text: the
 * review offered no way to correct "555-0105", a review found).
 */
export function ProblemRowsTable({ rows, columns, fixes, onFix, onUndoFix, onOpenLead }: Props) {
  return (
    <Table aria-label="Problem rows" verticalSpacing="xs" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={70}>Row</Table.Th>
          <Table.Th w={225}>Problem</Table.Th>
          <Table.Th>What is wrong</Table.Th>
          <Table.Th>Row content</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={`${row.kind}-${row.rowNumber}`}>
            <Table.Td>{row.rowNumber}</Table.Td>
            <Table.Td>
              {/* Its whole label: cut to "TO IMPORT, WITH A N…" it said nothing (a review). */}
              <Badge color={PROBLEM_COLORS[row.kind]} variant="light" style={{ minWidth: 'max-content' }}>
                {PROBLEM_LABELS[row.kind]}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Stack gap={6}>
                {row.issues.length === 0 && <DuplicateNote row={row} onOpenLead={onOpenLead} />}
                {row.issues.map((issue, index) => {
                  const columnName = issue.column ?? fieldLabel(issue.field);
                  const key = `${issue.field}-${index}`;
                  if ((row.kind === 'invalid' || (row.kind === 'warning' && issue.field === 'phone')) && isImportField(issue.field)) {
                    const field = issue.field;
                    // The cell's own column, when the field has several (Home Phone beside Mobile): the fix goes there.
                    const column = columns.find((c) => c.header === issue.column && c.field === field)?.index ?? firstColumnOf(columns, field);
                    return (
                      <FixableCell
                        key={key}
                        label={`Row ${row.rowNumber} ${columnName}`}
                        value={currentValue(row, field, column, columns, fixes)}
                        columnName={columnName}
                        reason={issue.message}
                        onFix={(value) => onFix(withColumn({ rowNumber: row.rowNumber, field, value }, column))}
                      />
                    );
                  }
                  return (
                    <Text key={key} size="sm">
                      {/* Row-level reasons (no contact, duplicate) are sentences of their own. */}
                      {isImportField(issue.field) && (
                        <Text span fw={600}>
                          {columnName}:{' '}
                        </Text>
                      )}
                      {issue.message}
                    </Text>
                  );
                })}
                {row.kind === 'duplicate-in-file' &&
                  (['phone', 'email'] as const)
                    .filter((field) => columns.some((c) => c.field === field))
                    .map((field) => (
                      <FixableCell
                        key={`own-${field}`}
                        label={`Row ${row.rowNumber} own ${field}`}
                        columnName={field === 'phone' ? 'Their own phone' : 'Their own email'}
                        // Empty until typed: filled with the row's value, it showed the very number that clashes as if it were the answer.
                        value={fixOf(fixes, { rowNumber: row.rowNumber, field, column: firstColumnOf(columns, field) })?.value ?? ''}
                        // Emptied again: back to the row as it is (an empty fix would blank its phone or email, unseen).
                        onFix={(value) => (value.trim() === '' ? onUndoFix : onFix)(withColumn({ rowNumber: row.rowNumber, field, value }, firstColumnOf(columns, field)))}
                      />
                    ))}
                {canSupplyPhone(row, columns) && (
                  <FixableCell
                    label={`Row ${row.rowNumber} add a phone`}
                    columnName="Add a phone to import this row"
                    value={currentValue(row, 'phone', firstColumnOf(columns, 'phone'), columns, fixes)}
                    onFix={(value) => onFix(withColumn({ rowNumber: row.rowNumber, field: 'phone', value }, firstColumnOf(columns, 'phone')))}
                  />
                )}
                {row.kind === 'duplicate-existing' && row.existingLeadId !== null && row.issues.length > 0 && (
                  <OpenLeadLink leadId={row.existingLeadId} onOpenLead={onOpenLead} />
                )}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed" lineClamp={2} maw={420}>
                {row.cells.filter((cell) => cell.trim()).join(' · ')}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function OpenLeadLink({ leadId, onOpenLead }: { leadId: number; onOpenLead: (leadId: number) => void }) {
  return (
    <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onOpenLead(leadId)}>
      Open the existing lead
    </Anchor>
  );
}

function DuplicateNote({ row, onOpenLead }: { row: ProblemRow; onOpenLead: (leadId: number) => void }) {
  if (row.kind === 'duplicate-existing' && row.existingLeadId !== null) {
    const leadId = row.existingLeadId;
    return (
      <Text size="sm">
        Same phone or email as{' '}
        <Anchor component="button" type="button" onClick={() => onOpenLead(leadId)}>
          an existing lead
        </Anchor>
        .
      </Text>
    );
  }
  if (row.kind === 'duplicate-in-file' && row.firstRowNumber !== null) {
    return <Text size="sm">Same phone or email as row {row.firstRowNumber}; only the first is imported.</Text>;
  }
  return null;
}

/**
 * A row refused for a reason not tied to one cell (no phone and no email at all) can still be
 * rescued by typing a phone, when the file has a phone column to put it in.
 */
function canSupplyPhone(row: ProblemRow, columns: MappingColumn[]): boolean {
  return row.kind === 'invalid' && !row.issues.some((issue) => isImportField(issue.field)) && columns.some((c) => c.field === 'phone');
}

/** What the cell holds now: the user's correction if any, else the file's value. */
/**
 * The column a fix of `field` replaces when no particular one is named: the field's first (as the import applies it,
 * row-fixes.ts). Every fix names its column, so one cell's fix is found again whichever box typed it (the "add a phone"
 * box and the phone issue's box are one cell), and is never listed twice.
 */
const firstColumnOf = (columns: MappingColumn[], field: ImportField): number | undefined => columns.find((c) => c.field === field)?.index;

/** The fix with its column, when it has one (a field with no column gets a virtual one at import). */
const withColumn = (fix: Omit<RowFix, 'column'>, column: number | undefined): RowFix => (column === undefined ? fix : { ...fix, column });

/** `columnIndex`: the cell's own column, when the problem names one of the field's columns. */
function currentValue(row: ProblemRow, field: ImportField, columnIndex: number | undefined, columns: MappingColumn[], fixes: RowFix[]): string {
  const fix = fixOf(fixes, { rowNumber: row.rowNumber, field, column: columnIndex });
  if (fix) return fix.value;
  const column = columns.find((c) => c.index === columnIndex && c.field === field) ?? columns.find((c) => c.field === field);
  return column ? (row.cells[column.index] ?? '') : '';
}
