import { validateMapping } from '../../../../shared/import-mapping';
import type { MappingColumn } from './wizard-types';

/** Main's own mapping rules (shared/import-mapping.ts), run here so problems show while choosing; custom fields named by `fields`. */
export function mappingProblems(columns: readonly MappingColumn[], fields: ReadonlyArray<{ id: string; name: string }> = []): string[] {
  const result = validateMapping({ columns }, new Map(fields.map((field) => [field.id, field.name])));
  return result.ok ? [] : result.errors;
}
