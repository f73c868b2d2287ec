import { ScrollArea, Table, Text } from '@mantine/core';

interface Props {
  headers: string[];
  rows: string[][];
  /** Each row's number in the file, as the review says it. */
  rowNumbers: number[];
  label: string;
  /** Optional line under each header (e.g. the field it is mapped to). */
  subHeaders?: (string | null)[];
}

/** The first rows of the file exactly as they will be read, so a wrong setting is obvious. */
export function FilePreviewTable({ headers, rows, rowNumbers, label, subHeaders }: Props) {
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Table striped withTableBorder withColumnBorders aria-label={label} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={56}>Row</Table.Th>
            {headers.map((header, index) => (
              <Table.Th key={index} style={{ whiteSpace: 'nowrap' }}>
                {header || `Column ${index + 1}`}
                {subHeaders?.[index] && (
                  <Text size="xs" c="dimmed" fw={400}>
                    {subHeaders[index]}
                  </Text>
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, rowIndex) => (
            <Table.Tr key={rowIndex}>
              {/* The file's row numbers (header = row 1), as the review names rows: "row 3" here was "row 4" there. */}
              <Table.Td c="dimmed">{rowNumbers[rowIndex]}</Table.Td>
              {headers.map((_, index) => (
                <Table.Td key={index} style={{ whiteSpace: 'nowrap', maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {row[index] ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
