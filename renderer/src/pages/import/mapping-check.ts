import { FIELD_LABELS, MULTI_COLUMN_FIELDS } from './field-labels';
import type { MappingColumn, MappingTarget } from './wizard-types';

/**
 * The same rules main applies (electron/import/mapping.ts validateMapping), checked here so the
 * message appears while the user is choosing, not after a round trip.
 */
export function mappingProblems(columns: readonly MappingColumn[]): string[] {
  const problems: string[] = [];
  const fields = columns.map((column) => column.field);
  if (!fields.includes('phone') && !fields.includes('email')) {
    problems.push('No column is mapped to Phone or Email. Map at least one, or the leads cannot be contacted.');
  }
  const firstColumnOf = new Map<MappingTarget, string>();
  for (const column of columns) {
    if (column.field === 'ignore' || MULTI_COLUMN_FIELDS.has(column.field)) continue;
    const previous = firstColumnOf.get(column.field);
    if (previous === undefined) firstColumnOf.set(column.field, column.header);
    else problems.push(`“${previous}” and “${column.header}” both go to ${FIELD_LABELS[column.field]}: keep one and ignore the other.`);
  }
  return problems;
}
