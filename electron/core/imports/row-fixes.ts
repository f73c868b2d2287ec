import { isLeadField, type LeadField } from '../../parsing/fields';
import type { ColumnMapping } from '../../parsing/mapping';
import { ImportFileError } from '../../parsing/import-file-error';
import type { RowFix, importFields } from '../../../shared/ipc/imports';

// shared/ may not import the import core, so it repeats the field list; a field added on one side only fails to compile here.
type SharedField = (typeof importFields)[number];
export const fieldListsMatch = true satisfies [SharedField] extends [LeadField] ? ([LeadField] extends [SharedField] ? true : false) : false;

export interface RowFixer {
  /** The mapping extended with a virtual column for every fixed field the file has no column for. */
  mapping: ColumnMapping;
  /** The row's cells with the fixes for that row applied (the original array when there are none). */
  apply(rowNumber: number, cells: string[]): string[];
}

/**
 * A mapping names only columns the file has. One made for another file (a script on the IPC; the wizard
 * never sends one) rejected every row as "No phone or email", and the import said "completed".
 */
export function assertMappingFits(mapping: ColumnMapping, columnCount: number): void {
  const outside = mapping.columns.find((column) => column.field !== 'ignore' && column.index >= columnCount);
  if (outside) {
    throw new ImportFileError(
      'read-failed',
      `The column mapping names column ${outside.index + 1} ("${outside.header}"), but the file has ${columnCount} column(s): inspect the file again and map its own columns.`,
    );
  }
}

/**
 * Applies values typed in the preview. A fix replaces the cell of its column; one that names no column, the cell of
 * the first column mapped to its field; a field without a column (say an email added to a phone-only file) gets a
 * virtual column after the real ones, so the validator needs no special case. A fix naming a column no longer mapped
 * to its field (mapped again since, to Ignore) is not applied: it fell back to the first column, and replaced a good
 * number there (a review).
 */
export function createRowFixer(mapping: ColumnMapping, columnCount: number, fixes: readonly RowFix[]): RowFixer {
  if (fixes.length === 0) return { mapping, apply: (_, cells) => cells };
  const columnOf = new Map<LeadField, number>();
  for (const column of mapping.columns) {
    if (isLeadField(column.field) && !columnOf.has(column.field)) columnOf.set(column.field, column.index);
  }
  const columns = [...mapping.columns];
  let nextIndex = Math.max(columnCount, ...mapping.columns.map((column) => column.index + 1));
  for (const fix of fixes) {
    if (columnOf.has(fix.field)) continue;
    columnOf.set(fix.field, nextIndex);
    columns.push({ index: nextIndex, header: `${fix.field} (fixed)`, field: fix.field, confidence: 1 });
    nextIndex++;
  }
  // The columns each field is mapped to: a fix naming another column (or one of another field) is not trusted with it.
  const isColumnOf = (fix: RowFix) => fix.column !== undefined && mapping.columns.some((column) => column.index === fix.column && column.field === fix.field);
  const byRow = new Map<number, RowFix[]>();
  for (const fix of fixes) byRow.set(fix.rowNumber, [...(byRow.get(fix.rowNumber) ?? []), fix]);
  return {
    mapping: { columns },
    apply(rowNumber, cells) {
      const rowFixes = byRow.get(rowNumber);
      if (!rowFixes) return cells;
      const fixed = [...cells];
      for (const fix of rowFixes) {
        if (fix.column !== undefined && !isColumnOf(fix)) continue;
        const index = fix.column ?? columnOf.get(fix.field)!;
        while (fixed.length < index) fixed.push('');
        fixed[index] = fix.value;
      }
      return fixed;
    },
  };
}
