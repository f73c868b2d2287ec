import { Alert, Badge, Card, Group, List, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isCustomFieldTarget, matchCustomFields } from '../../../../shared/custom-fields';
import type { InspectResult } from '../../../../shared/ipc/imports';
import { optOutsInIgnoredColumns } from '../../../../shared/opt-out-words';
import { customFieldsQuery } from '../../lib/queries';
import { CreateCustomFieldModal, type CreateRequest } from './CreateCustomFieldModal';
import { IgnoredOptOutsNotice } from './IgnoredOptOutsNotice';
import { CREATE_CUSTOM_FIELD, FIELD_LABELS, isMappingTarget, mappingOptions } from './field-labels';
import type { MappingColumn } from './wizard-types';

interface Props {
  inspection: InspectResult;
  companyId: number;
  columns: MappingColumn[];
  problems: string[];
  onChange: (columns: MappingColumn[]) => void;
}

/** Step 2: one choice per column; several phone columns are fine (the first good number wins). */
export function MapColumnsStep({ inspection, companyId, columns, problems, onChange }: Props) {
  const isRemembered = inspection.mappingSource === 'remembered';
  const customFields = useQuery(customFieldsQuery(companyId));
  const fields = customFields.data ?? null;
  const [creating, setCreating] = useState<CreateRequest | null>(null);
  const ignoredOptOuts = optOutsInIgnoredColumns(columns, inspection.previewRows);

  // Auto mapping with the location's custom fields, once per file and list: a column whose header names
  // one maps to it (unless it is a lead field by name). A remembered mapping is the user's: left alone.
  const matchedFor = useRef<string | null>(null);
  useEffect(() => {
    const key = `${inspection.headerKey}:${companyId}`;
    if (fields === null || isRemembered || matchedFor.current === key) return;
    matchedFor.current = key;
    const matched = matchCustomFields(columns, fields);
    if (matched.some((column, i) => column.field !== columns[i]?.field)) onChange(matched);
  }, [fields, isRemembered, inspection.headerKey, companyId, columns, onChange]);

  function setField(index: number, value: string | null) {
    if (value === CREATE_CUSTOM_FIELD) {
      const column = columns.find((candidate) => candidate.index === index);
      if (column) setCreating({ columnIndex: index, name: column.header.trim() });
      return;
    }
    if (!value || !isMappingTarget(value)) return;
    onChange(columns.map((column) => (column.index === index ? { ...column, field: value, confidence: 1 } : column)));
  }

  return (
    <Stack>
      {isRemembered ? (
        <Alert color="teal" title="Mapping remembered">
          This company imported a file with the same columns before; the same choices are selected again.
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          The app guessed where each column goes.{columns.some((column) => needsCheck(column, isRemembered)) ? ' Check the guesses marked “check”, and' : ''} Set any column you don’t need to “Ignore”.
        </Text>
      )}
      {customFields.isError && (
        // A notice, not an alert: the import goes on without them (the mapping problems are the step's alert).
        <Alert color="yellow" title="GHL custom fields not available" role="status">
          {customFields.error.message}
        </Alert>
      )}
      <IgnoredOptOutsNotice columns={ignoredOptOuts} />
      {problems.length > 0 && (
        <Alert color="red" title="Fix the mapping to continue" role="alert">
          <List size="sm">
            {problems.map((problem) => (
              <List.Item key={problem}>{problem}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Card withBorder padding={0}>
        <ScrollArea type="auto">
          <Table aria-label="Column mapping" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Column in the file</Table.Th>
                <Table.Th>Example values</Table.Th>
                <Table.Th w={340}>Goes to</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {columns.map((column) => (
                <Table.Tr key={column.index}>
                  <Table.Td fw={500}>{column.header || `Column ${column.index + 1}`}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={1} maw={360}>
                      {examples(inspection.previewRows, column.index) || '(empty)'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Select
                        aria-label={`Map column ${column.header || column.index + 1}`}
                        data={mappingOptions(column.header, fields, column.field)}
                        value={column.field}
                        allowDeselect={false}
                        onChange={(value) => setField(column.index, value)}
                        style={{ flex: 1 }}
                        // As wide as the longest choice ("+ Create text field … in GHL…"), never narrower than the input.
                        comboboxProps={{ withinPortal: true, width: 'max-content', position: 'bottom-end' }}
                      />
                      <ConfidenceBadge column={column} isRemembered={isRemembered} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Card>
      <Text size="xs" c="dimmed">
        {FIELD_LABELS.phone}, {FIELD_LABELS.email} and {FIELD_LABELS.notes} can take several columns: extra phone numbers and
        emails are kept in the notes. A column mapped to a GHL custom field fills that field on the contact.
      </Text>
      <CreateCustomFieldModal
        companyId={companyId}
        request={creating}
        onClose={() => setCreating(null)}
        onCreated={(target, columnIndex) => {
          setCreating(null);
          onChange(columns.map((column) => (column.index === columnIndex ? { ...column, field: target, confidence: 1 } : column)));
        }}
      />
    </Stack>
  );
}

/** A guess the app is not sure of (not a remembered choice, not ignored, not a GHL custom field). */
function needsCheck(column: MappingColumn, isRemembered: boolean): boolean {
  return !isRemembered && !isCustomFieldTarget(column.field) && column.field !== 'ignore' && (column.confidence ?? 1) < 0.9;
}

function ConfidenceBadge({ column, isRemembered }: { column: MappingColumn; isRemembered: boolean }) {
  // Closed, a custom field's name reads like a lead field's: say where it goes.
  if (isCustomFieldTarget(column.field)) {
    return (
      <Badge color="indigo" variant="light" title="A custom field of the company's GHL location">
        GHL field
      </Badge>
    );
  }
  if (!needsCheck(column, isRemembered)) return null;
  return (
    <Badge color="yellow" variant="light" title="A guess from the column name or its values">
      check
    </Badge>
  );
}

/** The first few non-empty values of a column, for recognising it at a glance. */
function examples(rows: string[][], index: number): string {
  return rows
    .map((row) => (row[index] ?? '').trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' · ');
}
