import { useEffect, useRef, useState } from 'react';
import type { CsvOptions, PreviewResult, ProblemKind, RowFix } from '../../../../shared/ipc/imports';
import type { AppErrorData } from '../../../../shared/ipc/result';
import { api } from '../../lib/api';
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
 * screen while a newer one is computed; answers to superseded requests are dropped.
 */
export function usePreview(request: PreviewRequest) {
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const generation = useRef(0);
  const key = JSON.stringify(request);

  useEffect(() => {
    const current = ++generation.current;
    setIsLoading(true);
    const { path, companyId, options, columns, fixes, kind, offset, limit } = request;
    void api.imports
      .preview({ path, companyId, options, mapping: { columns }, fixes, offset, limit, ...(kind ? { kind } : {}) })
      .then((answer) => {
        if (current !== generation.current) return;
        setIsLoading(false);
        if (answer.ok) {
          setResult(answer.value);
          setError(null);
        } else setError(answer.error);
      });
    // `key` stands for every field of the request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { result, error, isLoading };
}
