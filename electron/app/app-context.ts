import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db, type OpenOptions } from '../../db/open';
import { applyStagedRestore, carryOverDone, letGoCarryOvers, pendingCarryOvers, snapshotBeforeMigration, waitingRestore } from '../core/backup/backup-service';
import { carryOverOptOuts, OptOutsUnreadableError } from '../core/optouts/carry-over';
import { carryOverGhlRecord, GhlRecordUnreadableError } from '../core/backup/ghl-record-carry-over';
import { CompanyService } from '../core/companies/company-service';
import { DashboardService } from '../core/dashboard/dashboard-service';
import { LeadBrowser } from '../core/dashboard/lead-browser';
import { databaseFile, defaultDataDir, resolveDataDir } from '../core/data-dir';
import { EventBus } from '../core/events';
import { OutsideChanges } from './outside-changes';
import { FileGrants } from '../core/file-grants';
import { Logger, logDirOf } from '../core/log';
import { holdOpen } from '../core/open-processes';
import { OsKeychain, type SecretStore } from '../core/secrets/secret-store';
import { storageError } from '../core/storage-errors';
import { SyncService } from '../sync/sync-service';
import { tuningFromEnv } from '../sync/config';
import { ImportService } from '../core/imports/import-service';
import { CustomFieldService } from '../core/imports/custom-fields';
import { LeadService } from '../core/leads/lead-service';
import { AudienceService } from '../core/audiences/audience-service';
import { JobQueue } from '../core/jobs/job-queue';
import { WriteTurn } from '../core/write-turn';
import type { ImportServiceOptions } from '../core/imports/import-service';
import { runBulkWritesInThread } from '../core/jobs/bulk-write-thread';
import { UploadedCopies } from './uploaded-copies';
import { OptOutService } from '../core/optouts/opt-out-service';
import { SearchIndexThread } from '../core/leads/search-index-thread';

/** What only the desktop shell can do (open a folder in the file manager); absent in the CLI/harness. */
export interface PlatformHooks {
  openPath?: (path: string) => Promise<boolean>;
}

export interface AppContextOptions {
  platform?: PlatformHooks;
  dataDir?: string;
  secrets?: SecretStore;
  migrationsDir?: string;
  beforeMigrate?: OpenOptions['beforeMigrate'];
  /** The clock the sending schedule follows (the system's by default): tests move it. */
  now?: () => number;
  /**
   * How other processes name this one while it sends (`rlm status`, the dashboard: "Sending is run by …");
   * by default the desktop app under Electron, the command line elsewhere.
   */
  processLabel?: string;
  /**
   * How imports write when no window waits on this process (ImportServiceOptions): the command line copies their pages
   * back in a thread of their own and sets leads' insert triggers aside; the app does neither.
   */
  importTuning?: Pick<ImportServiceOptions, 'checkpoints' | 'setsInsertTriggersAside'>;
}

/**
 * Everything the main process owns for one data directory: the database, the services and the
 * event bus. The desktop app, the CLI and the browser harness all start from here.
 */
export class AppContext {
  readonly events = new EventBus();
  /** Files the renderer may name by handle (chosen in a dialog, dropped, uploaded to the harness). */
  readonly fileGrants = new FileGrants();
  /** Copies of files the renderer handed over as bytes (browser uploads, files dropped on the window). */
  readonly uploads: UploadedCopies;
  readonly log: Logger;
  readonly companies: CompanyService;
  readonly dashboard: DashboardService;
  readonly leadBrowser: LeadBrowser;
  readonly sync: SyncService;
  readonly leads: LeadService;
  readonly imports: ImportService;
  readonly customFields: CustomFieldService;
  readonly audiences: AudienceService;
  readonly optOuts: OptOutService;
  /** Keeps the search index caught up in a worker thread; the main thread only reads the index. */
  readonly searchIndex: SearchIndexThread;
  private readonly closers: Array<() => void | Promise<void>> = [];
  /** Turns at the write lock between this (main) thread and the import and bulk-write threads. */
  readonly writeTurn: WriteTurn;
  /** What the office must know from opening the data folder (an opt-out list a restore could not carry over). */
  readonly warnings: string[] = [];
  /** How other programs name this one ("the app in a browser (npm run web)"); unset: the desktop app or the CLI. */
  private readonly processLabel: string | undefined;

  constructor(
    readonly dataDir: string,
    readonly db: Db,
    readonly secrets: SecretStore,
    readonly platform: PlatformHooks = {},
    readonly now: () => number = Date.now,
    { processLabel, importTuning }: Pick<AppContextOptions, 'processLabel' | 'importTuning'> = {},
  ) {
    this.processLabel = processLabel;
    this.log = new Logger(logDirOf(dataDir), 'info');
    // Before any service exists, so every write transaction of the main connection is counted: they go
    // before the next chunk of an import or a bulk write (both write back to back, write-turn.ts).
    const writeTurn = (this.writeTurn = new WriteTurn());
    writeTurn.takeTurnsOn(db.$client);
    // Queueing, undoing, retrying or cancelling a whole batch runs in a thread of its own.
    runBulkWritesInThread(db.$client, { dbFile: databaseFile(dataDir), writeTurn });
    // Registered first, so it runs last: an import still reading an uploaded copy has stopped by then.
    this.uploads = new UploadedCopies(this);
    this.fileGrants.startSweeping();
    this.onClose(() => this.uploads.removeAll());
    this.onClose(() => this.fileGrants.releaseAll());
    this.companies = new CompanyService(db, secrets, this.events, dataDir);
    this.companies.onCopyFound = (original) =>
      this.log.warn(`This data folder is a copy of ${original}, which is still in use: its companies start without API keys here (the originals keep theirs).`);
    this.dashboard = new DashboardService(db.$client);
    this.leadBrowser = new LeadBrowser(db.$client, dataDir);
    this.sync = new SyncService({
      db: db.$client,
      dbFile: databaseFile(dataDir),
      events: this.events,
      log: this.log,
      apiKey: (companyId) => this.companies.apiKey(companyId),
      now,
      processLabel,
      tuning: tuningFromEnv(),
    });
    // New leads (form, import) and saved keys (lifting an auth pause) wake the runner at once
    // instead of at its next idle poll.
    this.events.on('data:changed', ({ domain }) => {
      if (domain === 'companies' || domain === 'leads') this.sync.poke();
    });
    this.companies.onKeyChanged = (companyId) => this.sync.keyChanged(companyId);
    this.onClose(() => this.sync.stop());
    this.leads = new LeadService(db, this.events, now);
    this.optOuts = new OptOutService(db, this.events);
    this.searchIndex = new SearchIndexThread({ dbFile: databaseFile(dataDir), log: this.log, writeTurn });
    this.events.on('data:changed', ({ domain }) => {
      if (domain === 'leads' || domain === 'imports') this.searchIndex.wake();
    });
    this.onClose(() => this.searchIndex.stop());
    this.searchIndex.wake();
    this.imports = new ImportService(db, this.events, { dataDir, databasePath: databaseFile(dataDir), writeTurn, ...importTuning });
    this.customFields = new CustomFieldService(db.$client, this.companies);
    this.audiences = new AudienceService(db.$client, new JobQueue(db.$client), this.events);
    // Registered after sync's closer, so it runs first (reverse order): imports stop at a chunk boundary.
    this.onClose(() => this.imports.shutdown());
  }

  get databasePath(): string {
    return databaseFile(this.dataDir);
  }

  /**
   * For a process that shows pages (the desktop app, the browser app): what other connections commit (the
   * sync worker, another process) is announced too, about once a second (outside-changes.ts).
   */
  watchOutsideChanges(): void {
    const watcher = new OutsideChanges(this.db.$client, this.events, this.sync);
    watcher.start();
    this.onClose(() => watcher.stop());
  }

  /**
   * For a process that keeps the folder open (the desktop app, the browser app): it is recorded as such until it
   * closes, so a staged restore waits for it even while its sending is stopped (open-processes.ts).
   */
  holdOpen(): void {
    const release = holdOpen(this.db.$client, this.processLabel ?? (process.versions.electron ? 'the desktop app' : 'the app'));
    this.onClose(release);
  }

  /**
   * A restore staged but not swapped in, and what it waits for, in words (null: none). Read at each call, not at
   * the open: the process in its way may stop, or the restore may be staged after this program started.
   */
  restoreWaiting(): string | null {
    return waitingRestore(this.dataDir, this.db.$client);
  }

  /** The office's "Done" on the restore warnings: what the restore could not carry over is let go, and the warnings end. */
  dismissRestoreWarnings(): number {
    const dismissed = letGoCarryOvers(this.dataDir);
    this.warnings.splice(0);
    return dismissed;
  }

  /** Registers cleanup that runs (in reverse order) when the context closes. */
  onClose(closer: () => void | Promise<void>): void {
    this.closers.push(closer);
  }

  async close(): Promise<void> {
    // First: a start waiting for another program's lock must not take it while the rest closes (a review).
    this.sync.cancelStartWhenFree();
    for (const closer of this.closers.reverse()) await closer();
    this.db.$client.close();
  }
}

export function openAppContext(options: AppContextOptions = {}): AppContext {
  // An empty RLM_DATA_DIR is no folder (resolve('') is the current one); the command line refuses it outright.
  const dataDir = resolve(options.dataDir ?? (process.env.RLM_DATA_DIR?.trim() || defaultDataDir()));
  try {
    resolveDataDir(dataDir);
    applyStagedRestore(dataDir);
    const db = openDatabase(databaseFile(dataDir), {
      migrationsDir: options.migrationsDir,
      // Every migration of an existing database is preceded by a snapshot the user can restore.
      beforeMigrate: options.beforeMigrate ?? ((client, from, to) => snapshotBeforeMigration(client, dataDir, from, to)),
    });
    const warnings = carryOverAfterRestore(db, dataDir, (options.now ?? Date.now)());
    const ctx = new AppContext(dataDir, db, options.secrets ?? new OsKeychain(), options.platform, options.now, options);
    for (const warning of warnings) ctx.log.warn(warning);
    ctx.warnings.push(...warnings);
    return ctx;
  } catch (error) {
    throw storageError(error, { dataDir, doing: 'Opening the database' }) ?? error;
  }
}

/**
 * A restore warning as lines: what happened; "What to do:" and numbered steps; the details last, so the office reads
 * what happened and what to do first. The command line prints the lines as they are; the dashboard shows the steps as
 * a list (RestoreWarning.tsx): one sentence of ~90 words was a wall of text there.
 */
function restoreWarningText(happened: string, steps: string[], replacedFile: string, reason: string): string {
  return [happened, 'What to do:', ...steps.map((step, i) => `${i + 1}. ${step}`), `The database the restore replaced: ${replacedFile}: ${reason}.`].join('\n');
}

/** The way out of a restore warning: Done on the dashboard, or (the command line's way) the marker deleted. */
const DISMISS_STEP = (marker: string) => `Press Done under this warning on the dashboard (from the command line: delete ${marker}).`;

const PAUSE_STEP = 'Pause sending (Pause on the dashboard, or stop rlm sync).';
const CHECK_STEP = 'Check in GHL the leads sent since the backup.';

/**
 * The opt-outs made since the backup stay (carry-over.ts), at the first open after a restore and, should that
 * fail, at every open after it. A replaced file that cannot be read does not keep the office out of its
 * restored database (the restore was how it got out of the damage): it is told instead, at every open
 * (`rlm` on stderr and in `status --json`, the dashboard), until the file reads or the office lets it go.
 * Each warning says what is missing, then what to do, step by step, and the file last (it read like a log line).
 */
function carryOverAfterRestore(db: Db, dataDir: string, now: number): string[] {
  const { replacedFiles, marker } = pendingCarryOvers(dataDir);
  const warnings: string[] = [];
  for (const replacedFile of replacedFiles) {
    // What went to GHL since the backup (its notes and enrolments are not sent again), then the opt-outs: each
    // is tried whatever the other did, and the carry-over is done when both are.
    let ghlRecordError: GhlRecordUnreadableError | null = null;
    try {
      carryOverGhlRecord(db.$client, replacedFile, now);
    } catch (error) {
      if (!(error instanceof GhlRecordUnreadableError)) throw error;
      ghlRecordError = error;
    }
    try {
      carryOverOptOuts(db.$client, replacedFile, now);
      if (ghlRecordError === null) carryOverDone(dataDir, replacedFile);
      else {
        warnings.push(
          restoreWarningText(
            'What went to GHL since the backup could not be read, so leads sent after the backup was made may be sent again.',
            [PAUSE_STEP, CHECK_STEP, DISMISS_STEP(marker)],
            replacedFile,
            ghlRecordError.reason,
          ),
        );
      }
    } catch (error) {
      if (!(error instanceof OptOutsUnreadableError)) throw error;
      const alsoSent = ghlRecordError !== null;
      warnings.push(
        restoreWarningText(
          'The opt-outs made since the backup could not be read, so customers who opted out after it was made are not on the list' +
            (alsoSent ? '; what went to GHL since could not be read either, so leads sent after the backup may be sent again.' : '.'),
          [
            ...(alsoSent ? [PAUSE_STEP] : []),
            'Add them on the Opt-outs page (from your STOP replies, or the contacts GHL has on do-not-disturb).',
            ...(alsoSent ? [CHECK_STEP] : []),
            DISMISS_STEP(marker),
          ],
          replacedFile,
          error.reason,
        ),
      );
    }
  }
  return warnings;
}

export function appVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '../../../package.json'), join(here, '../../package.json'), join(here, '../package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'roofing-lead-manager' && pkg.version) return pkg.version;
    } catch {
      // try the next layout (source tree vs bundled app)
    }
  }
  return '0.0.0';
}
