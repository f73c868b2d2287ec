import { Stack, Stepper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import type { ImportBatch, RowFix } from '../../../../shared/ipc/imports';
import { api } from '../../lib/api';
import { customFieldsQuery } from '../../lib/queries';
import { useWrite } from '../../lib/use-write';
import { FileStep } from './FileStep';
import { ImportProgressStep } from './ImportProgressStep';
import { MapColumnsStep } from './MapColumnsStep';
import { mappingProblems } from './mapping-check';
import { ReviewStep } from './ReviewStep';
import { SummaryStep } from './SummaryStep';
import { WizardNav } from './WizardNav';
import { fixesStillMapped, optionsOf, upsertFix, withoutFix, type ImportSettings, type LoadedFile, type MappingColumn } from './wizard-types';

// `done` is past the last step: the Stepper then ticks every step, Summary included, and shows Stepper.Completed.
const STEP = { file: 0, map: 1, review: 2, import: 3, summary: 4, done: 5 } as const;

/** The Import step's mark and words once the import ended short of its file; a finished one keeps the tick. */
function importStepEnd(batch: ImportBatch | null): { description: string; color?: string; completedIcon?: ReactNode } {
  if (batch?.state === 'cancelled') return { description: 'Cancelled part-way', color: 'orange', completedIcon: <span aria-hidden>✕</span> };
  if (batch?.state === 'failed') return { description: 'Stopped by an error', color: 'red', completedIcon: <span aria-hidden>✕</span> };
  return { description: 'Saving the leads' };
}

/** Import a customer list: file → columns → review → import → summary. Nothing is written before "Import". */
export function ImportWizardPage() {
  const [active, setActive] = useState<number>(STEP.file);
  const [companyId, setCompanyId] = useState<number | null>(null);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [columns, setColumns] = useState<MappingColumn[]>([]);
  const [fixes, setFixes] = useState<RowFix[]>([]);
  const [settings, setSettings] = useState<ImportSettings>({ tag: '', onDuplicate: 'skip', queueSync: true });
  const [batchId, setBatchId] = useState<number | null>(null);
  const [finished, setFinished] = useState<ImportBatch | null>(null);
  const startWrite = useWrite((input: ChannelInput<'imports:start'>) => api.imports.start(input), ['imports']);
  // The same cached read as the mapping step's (no second GHL call): names custom fields in the problems.
  const customFields = useQuery({ ...customFieldsQuery(companyId ?? 0), enabled: companyId !== null && file !== null });
  const problems = mappingProblems(columns, customFields.data ?? []);
  const isRunning = active >= STEP.import;
  const stepperRef = useRef<HTMLDivElement>(null);
  const isFirstStep = useRef(true);

  // A new step moves keyboard focus to its name in the stepper ("Columns, Match them…"): the next
  // Tab enters that step, instead of starting again from the top of the page.
  useEffect(() => {
    if (isFirstStep.current) {
      isFirstStep.current = false;
      return;
    }
    stepperRef.current?.querySelector<HTMLElement>('[data-progress]')?.focus();
  }, [active]);

  function loaded(next: LoadedFile) {
    setFile(next);
    // New reading of the file: its columns, suggestions and row numbers may all differ.
    setColumns(next.inspection.mapping.columns);
    setFixes([]);
    setSettings((current) => ({ ...current, tag: next.inspection.defaultTag }));
  }

  /** A fix of a column mapped to something else since is dropped with it (wizard-types.ts fixesStillMapped). */
  function changeColumns(next: MappingColumn[]) {
    setColumns(next);
    setFixes((current) => fixesStillMapped(current, next));
  }

  function start() {
    if (!file || companyId === null) return;
    startWrite.mutate(
      {
        path: file.handle,
        companyId,
        options: optionsOf(file.inspection),
        mapping: { columns },
        tag: settings.tag,
        onDuplicate: settings.onDuplicate,
        queueSync: settings.queueSync,
        fixes,
      },
      {
        onSuccess: (started) => {
          setBatchId(started.batchId);
          setActive(STEP.import);
        },
      },
    );
  }

  const onFinished = useCallback((batch: ImportBatch) => {
    setFinished(batch);
    setActive(STEP.done);
  }, []);

  function reset() {
    setActive(STEP.file);
    setFile(null);
    setColumns([]);
    setFixes([]);
    setBatchId(null);
    setFinished(null);
  }

  return (
    <Stack>
      <div>
        <Title order={2}>Import leads</Title>
        <Text c="dimmed" size="sm">
          Bring in an old customer list. The app cleans phone numbers, skips repeats and shows every problem before importing.
        </Text>
      </div>
      <div ref={stepperRef}>
        <Stepper active={active} onStepClick={(step) => !isRunning && step < active && setActive(step)} size="sm" allowNextStepsSelect={false}>
          <Stepper.Step label="File" description="Choose the list">
            <FileStep companyId={companyId} onCompanyChange={setCompanyId} file={file} onLoaded={loaded} />
            {/* Keyed per step: a shared instance kept keyboard focus on the next step's "Next", so a
                second Enter skipped the column check unseen. */}
            <WizardNav key="file-nav" nextLabel="Next: match columns" onNext={() => setActive(STEP.map)} isNextDisabled={!file || companyId === null} />
          </Stepper.Step>
          <Stepper.Step label="Columns" description="Match them to fields">
            {file && companyId !== null && (
              <MapColumnsStep inspection={file.inspection} companyId={companyId} columns={columns} problems={problems} onChange={changeColumns} />
            )}
            <WizardNav key="columns-nav" onBack={() => setActive(STEP.file)} nextLabel="Next: review" onNext={() => setActive(STEP.review)} isNextDisabled={problems.length > 0} />
          </Stepper.Step>
          <Stepper.Step label="Review" description="Fix problems, choose options">
            {file && companyId !== null && (
              <ReviewStep
                path={file.handle}
                companyId={companyId}
                options={optionsOf(file.inspection)}
                columns={columns}
                fixes={fixes}
                onFix={(fix) => setFixes((current) => upsertFix(current, fix))}
                onUndoFix={(fix) => setFixes((current) => withoutFix(current, fix))}
                settings={settings}
                defaultTag={file.inspection.defaultTag}
                onSettingsChange={(patch) => setSettings((current) => ({ ...current, ...patch }))}
                onBack={() => setActive(STEP.map)}
                onStart={start}
                isStarting={startWrite.isPending}
                startError={startWrite.error?.message ?? null}
              />
            )}
          </Stepper.Step>
          {/* A cancelled or failed import is not ticked as done: the step says how it ended. */}
          <Stepper.Step label="Import" {...importStepEnd(finished)}>
            {batchId !== null && <ImportProgressStep batchId={batchId} onFinished={onFinished} />}
          </Stepper.Step>
          <Stepper.Step label="Summary" description="What happened" />
          <Stepper.Completed>{finished && <SummaryStep batch={finished} onImportAnother={reset} />}</Stepper.Completed>
        </Stepper>
      </div>
    </Stack>
  );
}
