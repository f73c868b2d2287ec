import * as z from 'zod';
import { idSchema, timestampSchema } from '../fields';
import { isCustomFieldTarget, type CustomFieldTarget } from '../custom-fields';
import { LEAD_FIELDS } from '../import-mapping';
import { sendPlanSchema } from '../send-plan';
import { channel } from './define';

/** Lead fields a CSV column can feed (the list lives in shared/import-mapping.ts). */
export const importFields = LEAD_FIELDS;
/** A lead field, "ignore", or `custom:<GHL field id>` (shared/custom-fields.ts). */
export const mappingTargetSchema = z.union([
  z.enum([...importFields, 'ignore']),
  z.custom<CustomFieldTarget>(isCustomFieldTarget, { message: 'A custom field target is "custom:" followed by the GHL field id' }),
]);

export const customFieldSchema = z.object({ id: z.string(), name: z.string(), dataType: z.string() });

/** The most columns a file's mapping holds: a wider file is refused at inspect, in words (import-service.ts). */
export const MAX_COLUMNS = 500;

export const columnMappingSchema = z.object({
  columns: z
    .array(
      z.object({
        index: z.number().int().nonnegative(),
        header: z.string(),
        field: mappingTargetSchema,
        confidence: z.number().min(0).max(1).default(1),
      }),
    )
    .max(MAX_COLUMNS),
});
export type ColumnMappingInput = z.input<typeof columnMappingSchema>;

export const encodingSchema = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']);
export const delimiterSchema = z.enum([',', ';', '\t', '|']);

const sheetNameSchema = z.string().min(1).max(255);

/**
 * How to read the file: what inspect detected, possibly corrected by the user. Workbooks use
 * `hasHeader` and `sheet` (encoding and delimiter are placeholders there); CSV ignores `sheet`.
 */
export const csvOptionsSchema = z.object({ encoding: encodingSchema, delimiter: delimiterSchema, hasHeader: z.boolean(), sheet: sheetNameSchema.optional() });
export type CsvOptions = z.infer<typeof csvOptionsSchema>;

/**
 * The file to read. From the renderer: a handle main granted for a file the user chose (dropped,
 * picked, uploaded; `api.files.handleFor`); any other string is refused. In-process callers (the
 * CLI, tests) may give a path. main/electron/core/file-grants.ts owns the rule.
 */
const pathSchema = z.string().min(1, 'Choose a file').max(4096);

/** A value typed in the preview for one row, replacing (or supplying) that field's cell. */
export const rowFixSchema = z.object({
  rowNumber: z.number().int().positive(),
  field: z.enum(importFields),
  /**
   * The column (its index in the file) whose cell the fix replaces, when the problem was in one of several columns of
   * the field (Home Phone beside Mobile); absent, the first column mapped to the field. A fix of Home Phone's number
   * went into Mobile's cell, and the row's good mobile number was lost (a review).
   */
  column: z.number().int().nonnegative().optional(),
  value: z.string().max(10_000),
});
export type RowFix = z.infer<typeof rowFixSchema>;

export const inspectResultSchema = z.object({
  fileName: z.string(),
  fileBytes: z.number(),
  encoding: encodingSchema,
  delimiter: delimiterSchema,
  hasHeader: z.boolean(),
  headers: z.array(z.string()),
  previewRows: z.array(z.array(z.string())),
  /** Each preview row's number as the review and the rejected rows say it (Excel's: the header is row 1). */
  previewRowNumbers: z.array(z.number().int().positive()),
  warnings: z.array(z.string()),
  mapping: columnMappingSchema,
  /** 'remembered': this company imported a file with the same headers before and its mapping is reused. */
  mappingSource: z.enum(['remembered', 'suggested']),
  headerKey: z.string(),
  /** Mapping problems to fix before importing (e.g. no phone or email column). */
  mappingErrors: z.array(z.string()),
  defaultTag: z.string(),
  /** Workbooks: every sheet and its rows (0 = empty), for the sheet picker; empty for CSV. */
  sheets: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative(), isHidden: z.boolean() })),
  /** Workbooks: the sheet read (the first with data unless one was asked for); null for CSV. */
  sheet: z.string().nullable(),
});
export type InspectResult = z.infer<typeof inspectResultSchema>;

export const problemKinds = ['invalid', 'duplicate-in-file', 'duplicate-existing', 'warning'] as const;
export const problemKindSchema = z.enum(problemKinds);
export type ProblemKind = (typeof problemKinds)[number];

export const rowIssueSchema = z.object({ field: z.string(), column: z.string().nullable(), message: z.string() });

export const problemRowSchema = z.object({
  rowNumber: z.number().int(),
  kind: problemKindSchema,
  cells: z.array(z.string()),
  issues: z.array(rowIssueSchema),
  /** For duplicates: the lead it duplicates (existing) or the first row with the same phone/email (in file). */
  existingLeadId: z.number().int().nullable(),
  firstRowNumber: z.number().int().nullable(),
});
export type ProblemRow = z.infer<typeof problemRowSchema>;

export const previewCountsSchema = z.object({
  rows: z.number(),
  valid: z.number(),
  invalid: z.number(),
  duplicatesInFile: z.number(),
  duplicatesExisting: z.number(),
  withWarnings: z.number(),
  /** Blank rows in the file: skipped, never counted in `rows`, but the row numbers still count them. */
  blankRows: z.number(),
  /**
   * New leads (not duplicates, not do-not-contact) whose texted number comes from a Home/Work/Office/Business
   * column (isHomeOrWorkPhoneHeader): often a landline, which cannot receive the campaign's texts.
   */
  homeOrWorkPhones: z.number(),
  /** New leads (not duplicates) with no textable phone: they go to GHL with their email, but no text reaches them. */
  noPhone: z.number(),
  /** Valid rows the file itself marks do-not-contact (the import's `markedDoNotContact`, counted the same way). */
  markedDoNotContact: z.number(),
  /** Valid rows with a phone or email on the office-wide opt-out list, the lead's own or another of the row's (the import's `optedOut`). */
  optedOut: z.number(),
  /**
   * Repeats (in the file or of leads already in the app) the file marks do-not-contact whose lead is not yet: whatever is
   * done with repeats, each makes that lead do-not-contact, and the import counts it as updated (lead-writer.ts).
   */
  repeatsMarkingDoNotContact: z.number(),
});
export type PreviewCounts = z.infer<typeof previewCountsSchema>;

export const previewInputSchema = z.object({
  path: pathSchema,
  companyId: idSchema,
  options: csvOptionsSchema,
  mapping: columnMappingSchema,
  fixes: z.array(rowFixSchema).max(10_000).optional(),
  /** Which problems to list (all kinds when absent), and the page. */
  kind: problemKindSchema.optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(1000).default(100),
});

export const previewResultSchema = z.object({
  counts: previewCountsSchema,
  problems: z.array(problemRowSchema),
  /** Problems matching `kind`, for paging. */
  problemsTotal: z.number(),
  /** The first rows (up to 10, as Excel numbers them) counted in `counts.homeOrWorkPhones`, to name in the notice. */
  homeOrWorkPhoneRows: z.array(z.number().int()),
  /** Columns left out whose cells say the customer opted out, counted over the whole file (shared/opt-out-words.ts). */
  ignoredOptOuts: z.array(
    z.object({ header: z.string(), example: z.string(), rows: z.number().int(), sampled: z.number().int(), isWholeFile: z.boolean(), other: z.string().nullable() }),
  ),
});
export type PreviewResult = z.infer<typeof previewResultSchema>;

export const onDuplicateSchema = z.enum(['skip', 'update']);

export const startInputSchema = z.object({
  path: pathSchema,
  companyId: idSchema,
  options: csvOptionsSchema,
  mapping: columnMappingSchema,
  tag: z.string().trim().max(80).nullish().transform((value) => (value ? value : null)),
  /** 'update' fills the existing lead's EMPTY fields only; nothing is ever overwritten. */
  onDuplicate: onDuplicateSchema.default('skip'),
  /** false: leads are stored as 'new' without a sync job. */
  queueSync: z.boolean().default(true),
  fixes: z.array(rowFixSchema).max(10_000).optional(),
});
export type StartImportInput = z.input<typeof startInputSchema>;

export const batchStates = ['running', 'completed', 'cancelled', 'failed', 'undone'] as const;

export const importBatchSchema = z.object({
  id: idSchema,
  companyId: idSchema,
  fileName: z.string(),
  tag: z.string().nullable(),
  state: z.enum(batchStates),
  onDuplicate: onDuplicateSchema,
  queueSync: z.boolean(),
  totalRows: z.number().nullable(),
  /** Rows of committed chunks: after a cancel or crash, how far the import got. */
  processedRows: z.number(),
  imported: z.number(),
  updated: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  /** Rows with a phone or email on the office-wide opt-out list (any of the row's): stored as do-not-contact (counted within imported/updated/duplicates). */
  optedOut: z.number(),
  rejectedFile: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
  /** Leads of this batch stored without a sync job (imported with "queue for sync" off), do-not-contact ones excepted. */
  notQueued: z.number(),
  /** An undone batch's leads still in the app: they had reached GHL, so the undo kept them (0 for other states). */
  keptAfterUndo: z.number(),
  /** Leads of this batch waiting for their first text (queued or being sent, never enrolled): what Stop sending stops. */
  waiting: z.number(),
  /**
   * Where the batch's leads are now, by status: sent to GHL ('synced'; a sent lead being updated in GHL after an
   * edit counts again once GHL has the change), failed, and opted out (do-not-contact, the file's marks included, or
   * GHL's DND).
   */
  sent: z.number(),
  failed: z.number(),
  optedOutNow: z.number(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

export const syncedLeadSchema = z.object({
  id: idSchema,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  ghlContactId: z.string().nullable(),
  status: z.string(),
});

export const undoResultSchema = z.object({
  batchId: idSchema,
  removedLeads: z.number(),
  removedJobs: z.number(),
  /**
   * Leads of the batch that reached GoHighLevel, are reaching it, or may have (an upsert's answer lost).
   * They are kept, not deleted: the GHL contact exists and may be in a campaign; delete them there first if needed.
   */
  keptSyncedLeads: z.array(syncedLeadSchema),
  /** Of the kept leads, those not in the campaign yet whose sending this undo stopped (they can be sent again). */
  stoppedLeads: z.number(),
});
export type UndoResult = z.infer<typeof undoResultSchema>;

/**
 * What an undo would do, read before anything happens. Every lead of the batch is in exactly one count:
 * - appOnly: never reached GoHighLevel: removed from the app;
 * - createdInGhl: GHL answered that the import's upsert CREATED the contact: may be deleted there too;
 * - existedInGhl: the contact existed before and was only updated (or it is not known that the import
 *   created it): never deleted, the lead is kept;
 * - sendingNow: on its way to GHL at this moment (outcome not known yet): kept.
 * - mayBeInGhl: sent to GHL once, but GHL's answer was lost (a timeout, a gateway error): GHL may have the
 *   contact, so it is kept, never deleted there, and held back: nothing more goes unless the office sends the
 *   import again (Send to GHL).
 */
export const undoPlanSchema = z.object({
  batchId: idSchema,
  appOnly: z.number().int().nonnegative(),
  createdInGhl: z.number().int().nonnegative(),
  /** Created by this import, but another lead of the app uses the same GHL contact: never deleted. */
  sharedInGhl: z.number().int().nonnegative(),
  /** Created by this import, but the customer opted out (do-not-contact here, DND in GHL): never deleted, so GHL keeps her DND. */
  optedOutInGhl: z.number().int().nonnegative(),
  existedInGhl: z.number().int().nonnegative(),
  sendingNow: z.number().int().nonnegative(),
  mayBeInGhl: z.number().int().nonnegative(),
  /** Whether the company has an API key: deleting in GHL needs it. */
  hasApiKey: z.boolean(),
});
export type UndoPlan = z.infer<typeof undoPlanSchema>;

/** The word that confirms deleting in GHL, when the number is not typed instead. */
export const DELETE_CONFIRM_WORD = 'DELETE';

export const undoInputSchema = z.object({
  batchId: idSchema,
  /**
   * Also delete in GoHighLevel the contacts this import created there. Needs `confirmation`: the number
   * of such contacts (as the plan counted them) or the word DELETE, typed by the user.
   */
  deleteInGhl: z.boolean().default(false),
  confirmation: z.string().trim().max(40).optional(),
});
export type UndoInput = z.input<typeof undoInputSchema>;

/** What undo did to one lead; one row per lead in the result file. */
export const undoOutcomes = ['removed', 'deleted-in-ghl', 'already-gone-in-ghl', 'kept-existed-before', 'kept-created-not-deleted', 'kept-shared-contact', 'kept-opted-out', 'kept-sending-now', 'kept-may-be-in-ghl', 'failed', 'not-done'] as const;
export type UndoOutcome = (typeof undoOutcomes)[number];

export const undoGhlResultSchema = z.object({
  deleted: z.number().int().nonnegative(),
  alreadyGone: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Deletion stopped before the end (offline, key refused, daily limit): the rest is left; undo again to finish. */
  stopped: z.object({ code: z.string(), message: z.string(), notDone: z.number().int().nonnegative() }).nullable(),
});

export const undoResultWithReportSchema = undoResultSchema.extend({
  /** Null when GHL deletion was not asked for. */
  ghl: undoGhlResultSchema.nullable(),
  /** The per-lead result, a CSV in exports/ (download with `files.saveCopy`). */
  report: z.object({ path: z.string(), fileName: z.string(), rows: z.number().int().nonnegative() }),
});
export type UndoResultWithReport = z.infer<typeof undoResultWithReportSchema>;

export const importsChannels = {
  'imports:inspect': channel(
    z.object({
      path: pathSchema,
      companyId: idSchema,
      encoding: encodingSchema.optional(),
      delimiter: delimiterSchema.optional(),
      hasHeader: z.boolean().optional(),
      sheet: sheetNameSchema.optional(),
    }),
    inspectResultSchema,
  ),
  /** Validates every row in a worker thread (streamed) and lists a page of problem rows. */
  'imports:preview': channel(previewInputSchema, previewResultSchema),
  /** Starts the import in a worker thread; follow it with `import:progress` events and imports:get. */
  'imports:start': channel(startInputSchema, z.object({ batchId: idSchema })),
  'imports:cancel': channel(z.object({ batchId: idSchema }), z.object({ cancelled: z.boolean() })),
  'imports:get': channel(z.object({ batchId: idSchema }), importBatchSchema),
  'imports:list': channel(z.object({ companyId: idSchema.optional(), limit: z.number().int().positive().max(500).default(50) }), z.array(importBatchSchema)),
  /** What an undo would do (counts by where each lead is), before anything happens. */
  'imports:undoPlan': channel(z.object({ batchId: idSchema }), undoPlanSchema),
  /** Follow a GHL deletion with `undo:progress` events. */
  'imports:undo': channel(undoInputSchema, undoResultWithReportSchema),
  /** Queues for sync the batch's leads that were imported without (see `notQueued`). */
  'imports:queue': channel(z.object({ batchId: idSchema }), z.object({ queued: z.number() })),
  /** When the batch's leads go: how many of them wait, and their company's plan (they are the newest in its queue). */
  /**
   * What the counts do not say about a file's new leads: kept without a usable phone (no SMS campaign can text
   * them), and marked do-not-contact by the file itself (the opt-out list's are the batch's `optedOut`).
   */
  'imports:facts': channel(z.object({ batchId: idSchema }), z.object({ noPhone: z.number().int(), markedDoNotContact: z.number().int(), notesCut: z.number().int() })),
  // isProvisional: some of the company's waiting leads are not placed yet (their own zone is worked out when sending
  // starts), so the days named are reckoned in the company's zone and may move (PROVISIONAL_DAYS_TEXT).
  'imports:plan': channel(z.object({ batchId: idSchema }), z.object({ queued: z.number().int(), plan: sendPlanSchema, isProvisional: z.boolean() })),
  /**
   * The contact custom fields of the company's GHL location, read from GHL (the key stays in main) and
   * remembered for auto mapping, export and error messages. Offline or without a key: an error with
   * its code (`offline`, `no-api-key`, `ghl-auth`, `ghl-error`); the import works without them.
   */
  'imports:customFields': channel(z.object({ companyId: idSchema }), z.array(customFieldSchema)),
  /** Creates a text custom field on the location's contacts (after the user confirmed); returns it. */
  'imports:createCustomField': channel(
    z.object({ companyId: idSchema, name: z.string().trim().min(1, 'Give the field a name').max(100) }),
    customFieldSchema,
  ),
  'imports:rejectedFile': channel(z.object({ batchId: idSchema }), z.object({ path: z.string().nullable(), rows: z.number() })),
};
