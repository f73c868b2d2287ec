import { useQuery } from '@tanstack/react-query';
import type { CsvOptions, ProblemKind, RowFix } from '../../../../shared/ipc/imports';
import { importPreviewQuery } from '../../lib/queries';
import type { MappingColumn } from './wizard-types';

export interface PreviewRequest {
  path: string;
  companyId: number;
  options: CsvOptions;
  columns: MappingColumn[];
  fixes: RowFix[];
  kind: ProblemKind | null;
  offset: number;
  limit: number;
}

/**
 * Validates the whole file in main (a worker thread streams it) and keeps the last answer on
 * screen while a newer one is computed; answers to superseded requests are dropped (by their key).
 */
export function usePreview(request: PreviewRequest) {
  const { path, companyId, options, columns, fixes, kind, offset, limit } = request;
  const preview = useQuery(
    importPreviewQuery({ path, companyId, options, mapping: { columns }, fixes, offset, limit, ...(kind ? { kind } : {}) }),
  );
  return { result: preview.data ?? null, error: preview.error, isLoading: preview.isFetching };
}
