import { Alert, Button, Card, Group, LoadingOverlay, Pagination, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FIELD_LABELS, homeOrWorkPhoneHint, homeOrWorkPhonesNotice } from '../../../../shared/import-mapping';
import type { CsvOptions, PreviewCounts, ProblemKind, RowFix } from '../../../../shared/ipc/imports';
import { companiesQuery } from '../../lib/queries';
import { fieldLabel } from './field-labels';
import { IgnoredOptOutsNotice } from './IgnoredOptOutsNotice';
import { ImportSettingsForm } from './ImportSettingsForm';
import { newLeadCount, PreviewStats } from './PreviewStats';
import { NotTextedNotice } from './NotTextedNotice';
import { PROBLEM_LABELS } from './problem-labels';
import { LeadDetailDrawer } from '../leads/LeadDetailDrawer';
import { ProblemRowsTable } from './ProblemRowsTable';
import { usePreview } from './use-preview';
import { WizardNav } from './WizardNav';
import type { ImportSettings, MappingColumn } from './wizard-types';

const PAGE_SIZE = 50;

interface Props {
  path: string;
  companyId: number;
  options: CsvOptions;
  columns: MappingColumn[];
  fixes: RowFix[];
  onFix: (fix: RowFix) => void;
  onUndoFix: (fix: RowFix) => void;
  settings: ImportSettings;
  /** The campaign tag used when the tag field is left empty. */
  defaultTag: string;
  onSettingsChange: (patch: Partial<ImportSettings>) => void;
  onBack: () => void;
  onStart: () => void;
  isStarting: boolean;
  startError: string | null;
}

type Filter = ProblemKind | 'all';

/** Step 3: what will happen to every row, with the chance to fix bad cells before anything is written. */
export function ReviewStep(props: Props) {
  const { path, companyId, options, columns, fixes, settings } = props;
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [openLeadId, setOpenLeadId] = useState<number | null>(null);
  const preview = usePreview({
    path,
    companyId,
    options,
    columns,
    fixes,
    kind: filter === 'all' ? null : filter,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const enrolMode = useQuery(companiesQuery()).data?.find((company) => company.id === companyId)?.enrolMode ?? null;
  const counts = preview.result?.counts;
  const total = preview.result?.problemsTotal ?? 0;
  const canStart = counts !== undefined && !preview.error && hasSomethingToImport(counts, settings);

  return (
    <Stack>
      {preview.error && (
        <Alert color="red" role="alert" title="The file could not be checked">
          {preview.error.message}
        </Alert>
      )}
      {counts ? <PreviewStats counts={counts} /> : <Text c="dimmed">Checking every row of the file…</Text>}
      {counts && <NotTextedNotice counts={counts} />}
      {counts && counts.homeOrWorkPhones > 0 && (
        <Alert color="yellow" title={homeOrWorkPhonesNotice(counts.homeOrWorkPhones, preview.result?.homeOrWorkPhoneRows)} data-testid="home-or-work-phones">
          <Text size="sm">{homeOrWorkPhoneHint({ columns })}</Text>
        </Alert>
      )}
      {/* Over every row of the file: the Columns step could only look at its first rows, and opt-outs are rare. */}
      {preview.result && (
        <IgnoredOptOutsNotice columns={preview.result.ignoredOptOuts} mapTo={`go back to Columns and map it to “${FIELD_LABELS.doNotContact}”`} testId="ignored-opt-outs" />
      )}

      <Card withBorder padding="md" pos="relative">
        <LoadingOverlay visible={preview.isLoading} loaderProps={{ size: 'sm' }} overlayProps={{ blur: 1 }} />
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>Rows that need a look</Title>
            <SegmentedControl
              aria-label="Show problems"
              size="xs"
              value={filter}
              onChange={(value) => {
                setFilter(isFilter(value) ? value : 'all');
                setPage(1);
              }}
              data={filterOptions(counts)}
            />
          </Group>
          {fixes.length > 0 && <FixList fixes={fixes} onUndo={props.onUndoFix} />}
          {preview.result && preview.result.problems.length === 0 ? (
            <Text c="dimmed" ta="center" py="md">
              {filter === 'all' ? 'No problems found: every row can be imported.' : 'No rows of this kind.'}
            </Text>
          ) : (
            preview.result && <ProblemRowsTable rows={preview.result.problems} columns={columns} fixes={fixes} onFix={props.onFix} onUndoFix={props.onUndoFix} onOpenLead={setOpenLeadId} />
          )}
          {total > PAGE_SIZE && (
            <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" aria-label="Problem pages" />
          )}
        </Stack>
      </Card>

      <ImportSettingsForm settings={settings} defaultTag={props.defaultTag} enrolMode={enrolMode} onChange={props.onSettingsChange} />
      <LeadDetailDrawer leadId={openLeadId} row={null} onClose={() => setOpenLeadId(null)} />
      {props.startError && (
        <Alert color="red" role="alert" title="The import did not start">
          {props.startError}
        </Alert>
      )}
      <WizardNav
        onBack={props.onBack}
        nextLabel={counts ? startLabel(counts, settings) : 'Start import'}
        onNext={props.onStart}
        isNextDisabled={!canStart || preview.isLoading}
        isNextLoading={props.isStarting}
      />
    </Stack>
  );
}

const updatesExisting = (counts: PreviewCounts, settings: ImportSettings) => settings.onDuplicate === 'update' && counts.duplicatesExisting > 0;

function hasSomethingToImport(counts: PreviewCounts, settings: ImportSettings): boolean {
  return newLeadCount(counts) > 0 || updatesExisting(counts, settings);
}

function startLabel(counts: PreviewCounts, settings: ImportSettings): string {
  const label = `Import ${newLeadCount(counts).toLocaleString()} new leads`;
  return updatesExisting(counts, settings) ? `${label} and update ${counts.duplicatesExisting.toLocaleString()}` : label;
}

const isFilter = (value: string): value is Filter => value === 'all' || value in PROBLEM_LABELS;

function filterOptions(counts: PreviewCounts | undefined) {
  const withCount = (label: string, count: number | undefined) => (count === undefined ? label : `${label} (${count})`);
  return [
    { value: 'all', label: 'All' },
    { value: 'invalid', label: withCount(PROBLEM_LABELS.invalid, counts?.invalid) },
    { value: 'duplicate-in-file', label: withCount(PROBLEM_LABELS['duplicate-in-file'], counts?.duplicatesInFile) },
    { value: 'duplicate-existing', label: withCount(PROBLEM_LABELS['duplicate-existing'], counts?.duplicatesExisting) },
    { value: 'warning', label: withCount('Notes', counts?.withWarnings) },
  ];
}

/** The corrections the import will apply, each one removable. */
function FixList({ fixes, onUndo }: { fixes: RowFix[]; onUndo: (fix: RowFix) => void }) {
  return (
    <Alert color="blue" title={`${fixes.length} correction${fixes.length === 1 ? '' : 's'} will be applied`} data-testid="fix-list">
      <Stack gap={2}>
        {fixes.map((fix) => (
          <Group key={`${fix.rowNumber}-${fix.field}-${fix.column ?? ''}`} gap="xs">
            <Text size="sm">
              Row {fix.rowNumber}, {fieldLabel(fix.field)} → “{fix.value}”
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => onUndo(fix)}>
              Undo
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
