import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/ipc/events';
import { api } from '../../lib/api';

export type ImportProgress = EventPayload<'import:progress'>;

/** The latest `import:progress` event of one batch (main pushes them while its worker runs). */
export function useImportProgress(batchId: number): ImportProgress | null {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => api.on('import:progress', (event) => event.batchId === batchId && setProgress(event)), [batchId]);
  return progress;
}

/** "about 2 min left" style wording; null when main cannot estimate yet. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'estimating time left…';
  if (seconds < 5) return 'almost done';
  if (seconds < 60) return `about ${Math.round(seconds)} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `about ${minutes} min left` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}
