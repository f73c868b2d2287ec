import '@mantine/dropzone/styles.css';
import { Alert, Badge, Group, List, Loader, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CsvOptions } from '../../../../shared/ipc/imports';
import { CompanyPicker } from '../../components/CompanyPicker';
import { api, ApiError } from '../../lib/api';
import { fileInspectionQuery } from '../../lib/queries';
import { CsvOptionsBar } from './CsvOptionsBar';
import { FilePreviewTable } from './FilePreviewTable';
import { optionsOf, type LoadedFile } from './wizard-types';

interface Props {
  companyId: number | null;
  onCompanyChange: (companyId: number | null) => void;
  file: LoadedFile | null;
  onLoaded: (file: LoadedFile) => void;
}

// Windows reports .csv as an Excel type; browsers often give .tsv/.txt no type at all, so extensions count too.
const ACCEPT = {
  'text/csv': ['.csv'],
  'application/vnd.ms-excel': ['.csv', '.xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.ms-excel.sheet.macroEnabled.12': ['.xlsm'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
  'text/tab-separated-values': ['.tsv'],
  'text/plain': ['.txt', '.csv', '.tsv'],
};

/** Step 1: pick the file, see how it is read, correct the reading if needed. */
export function FileStep({ companyId, onCompanyChange, file, onLoaded }: Props) {
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();

  /** Asked on a drop, a company change or an override, not on render: through the query cache, imperatively. */
  async function inspect(handle: string, fileName: string, forCompany: number, overrides: Partial<CsvOptions> = {}) {
    setIsBusy(true);
    setError(null);
    try {
      const inspection = await queryClient.fetchQuery(fileInspectionQuery({ path: handle, companyId: forCompany, ...overrides }));
      onLoaded({ handle, fileName, inspection });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    } finally {
      setIsBusy(false);
    }
  }

  /** A dropped file (or `null`: open the file dialog, which main opens in the desktop app). */
  async function pick(picked: File | null) {
    if (companyId === null) return setError('Choose the company first: the file’s leads will belong to it.');
    setIsBusy(true);
    setError(null);
    try {
      const chosen = picked ? await api.files.handleFor(picked) : await api.files.choose('import-source');
      if (!chosen) return setIsBusy(false);
      await inspect(chosen.handle, chosen.name, companyId);
    } catch (failure) {
      setIsBusy(false);
      setError(`The file could not be read: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  }

  function changeCompany(next: number | null) {
    onCompanyChange(next);
    // A company may have a remembered mapping for this file's headers: ask again.
    if (file && next !== null && next !== companyId) void inspect(file.handle, file.fileName, next, optionsOf(file.inspection));
  }

  const inspection = file?.inspection;
  return (
    <Stack>
      <CompanyPicker value={companyId} onChange={changeCompany} description="Whose customers are in this file?" disabled={isBusy} />
      <Dropzone
        onDrop={(files) => files[0] && void pick(files[0])}
        // A click or Enter opens the file dialog through the file bridge (main's OS dialog in the desktop app).
        activateOnClick={false}
        activateOnKeyboard={false}
        onClick={() => !isBusy && companyId !== null && void pick(null)}
        onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && !isBusy && companyId !== null && void pick(null)}
        onReject={() => setError('That is not a CSV, TSV or TXT file, nor an Excel or OpenDocument workbook (.xlsx, .xls, .ods).')}
        accept={ACCEPT}
        multiple={false}
        loading={isBusy}
        disabled={companyId === null}
        aria-label="Drop a CSV file here or click to choose one"
      >
        <Stack align="center" gap={4} py="lg" style={{ pointerEvents: 'none' }}>
          <Text size="lg" fw={600}>
            {file ? 'Drop another file to replace it' : 'Drag the customer list here, or click to choose it'}
          </Text>
          <Text size="sm" c="dimmed">
            CSV, TSV or TXT as exported from your CRM, or an Excel workbook (.xlsx, .xls, .ods). Big files are fine.
          </Text>
        </Stack>
      </Dropzone>
      {error && (
        <Alert color="red" role="alert" title="Problem with the file">
          {error}
        </Alert>
      )}
      {inspection && file && (
        <Stack gap="sm">
          <Group gap="xs">
            <Text fw={600}>{file.fileName}</Text>
            <Badge variant="light">{formatBytes(inspection.fileBytes)}</Badge>
            {isBusy && <Loader size="xs" />}
          </Group>
          {inspection.warnings.length > 0 && (
            <Alert color="yellow" title="Worth a look">
              <List size="sm">
                {inspection.warnings.map((warning) => (
                  <List.Item key={warning}>{warning}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <CsvOptionsBar
            options={optionsOf(inspection)}
            sheets={inspection.sheets}
            disabled={isBusy}
            onOverride={(patch) =>
              companyId !== null &&
              // Another sheet has its own header row: let inspect detect it again.
              void inspect(file.handle, file.fileName, companyId, patch.sheet !== undefined ? { sheet: patch.sheet } : { ...optionsOf(inspection), ...patch })
            }
          />
          <Text size="sm" c="dimmed">
            The first rows as the app reads them:
          </Text>
          <FilePreviewTable label="File preview" headers={inspection.headers} rows={inspection.previewRows} rowNumbers={inspection.previewRowNumbers} />
        </Stack>
      )}
    </Stack>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
