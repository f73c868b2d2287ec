import { validateMapping } from '../../../../shared/import-mapping';
import type { MappingColumn } from './wizard-types';

/** Main's own mapping rules (shared/import-mapping.ts), run here so problems show while choosing. */
export function mappingProblems(columns: readonly MappingColumn[]): string[] {
  const result = validateMapping({ columns });
  return result.ok ? [] : result.errors;
}
