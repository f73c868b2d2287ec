import type { ColumnMappingInput, CsvOptions, InspectResult, RowFix } from '../../../../shared/ipc/imports';

export type MappingColumn = ColumnMappingInput['columns'][number];
export type MappingTarget = MappingColumn['field'];

/** The chosen file: main's handle for it (the renderer never knows its path), how it is read, and what inspect found. */
export interface LoadedFile {
  handle: string;
  /** The name on the user's disk (main may only know a stored copy's name). */
  fileName: string;
  inspection: InspectResult;
}

export const optionsOf = (inspection: InspectResult): CsvOptions => ({
  encoding: inspection.encoding,
  delimiter: inspection.delimiter,
  hasHeader: inspection.hasHeader,
  // Workbooks: the sheet inspect read, so preview and import read the same one.
  ...(inspection.sheet !== null ? { sheet: inspection.sheet } : {}),
});

export interface ImportSettings {
  tag: string;
  onDuplicate: 'skip' | 'update';
  queueSync: boolean;
}

/** The same row, field and column (a fix of Home Phone is not one of Mobile's). */
const isSameCell = (a: RowFix, b: Pick<RowFix, 'rowNumber' | 'field' | 'column'>) => a.rowNumber === b.rowNumber && a.field === b.field && a.column === b.column;

/** One correction per cell: a later edit of the same row and field replaces the earlier one. */
export function upsertFix(fixes: RowFix[], fix: RowFix): RowFix[] {
  return [...withoutFix(fixes, fix), fix];
}

/** The corrections but the one of this row and field. */
export function withoutFix(fixes: RowFix[], cell: Pick<RowFix, 'rowNumber' | 'field' | 'column'>): RowFix[] {
  return fixes.filter((f) => !isSameCell(f, cell));
}

/** The correction of this row and field, if any. */
export function fixOf(fixes: readonly RowFix[], cell: Pick<RowFix, 'rowNumber' | 'field' | 'column'>): RowFix | undefined {
  return fixes.find((f) => isSameCell(f, cell));
}

/**
 * The corrections whose column is still mapped to their field, after the columns step changed the mapping: a fix of
 * Home Phone, once Home Phone is ignored, replaced the first phone column's good number instead (a review).
 */
export function fixesStillMapped(fixes: RowFix[], columns: readonly MappingColumn[]): RowFix[] {
  const kept = fixes.filter((fix) => fix.column === undefined || columns.some((column) => column.index === fix.column && column.field === fix.field));
  return kept.length === fixes.length ? fixes : kept;
}
