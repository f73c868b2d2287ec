import { Group, Select, Switch } from '@mantine/core';
import type { CsvOptions, InspectResult } from '../../../../shared/ipc/imports';
import { DELIMITER_LABELS, ENCODING_LABELS, toOptions } from './csv-labels';

interface Props {
  options: CsvOptions;
  /** A workbook's sheets (empty for CSV): a sheet picker replaces encoding and separator. */
  sheets: InspectResult['sheets'];
  disabled: boolean;
  /** Called with the one setting the user corrected; the file is read again with it. */
  onOverride: (patch: Partial<CsvOptions>) => void;
}

const isEncoding = (value: string): value is CsvOptions['encoding'] => value in ENCODING_LABELS;
const isDelimiter = (value: string): value is CsvOptions['delimiter'] => value in DELIMITER_LABELS;

/** What the app detected about the file, each one correctable when the preview looks wrong. */
export function CsvOptionsBar({ options, sheets, disabled, onOverride }: Props) {
  const isWorkbook = options.sheet !== undefined;
  return (
    <Group align="flex-end" gap="lg">
      {isWorkbook && sheets.length > 1 && (
        <Select
          label="Sheet"
          description="The workbook has several sheets: which one holds the customers?"
          data={sheets.map((sheet) => ({ value: sheet.name, label: `${sheet.name} (${sheet.isHidden ? 'hidden in Excel, ' : ''}${sheet.rows === 0 ? 'empty' : `${sheet.rows} rows`})` }))}
          value={options.sheet ?? null}
          allowDeselect={false}
          disabled={disabled}
          onChange={(value) => value && onOverride({ sheet: value })}
          w={260}
        />
      )}
      {!isWorkbook && (
        <>
          <Select
            label="Text encoding"
            description="Change it if letters like ñ or é look garbled"
            data={toOptions(ENCODING_LABELS)}
            value={options.encoding}
            allowDeselect={false}
            disabled={disabled}
            onChange={(value) => value && isEncoding(value) && onOverride({ encoding: value })}
            w={260}
          />
          <Select
            label="Columns separated by"
            description="Change it if everything lands in one column"
            data={toOptions(DELIMITER_LABELS)}
            value={options.delimiter}
            allowDeselect={false}
            disabled={disabled}
            onChange={(value) => value && isDelimiter(value) && onOverride({ delimiter: value })}
            w={260}
          />
        </>
      )}
      <Switch
        label="First row has the column names"
        checked={options.hasHeader}
        disabled={disabled}
        onChange={(event) => onOverride({ hasHeader: event.currentTarget.checked })}
        mb={8}
      />
    </Group>
  );
}
