import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/ipc/events';
import { api } from '../../lib/api';

type Progress = EventPayload<'import:progress'>;

/** Latest progress of every import running while the page is open, by batch id. */
export function useRunningProgress(): ReadonlyMap<number, Progress> {
  const [byBatch, setByBatch] = useState<ReadonlyMap<number, Progress>>(new Map());
  useEffect(
    () =>
      api.on('import:progress', (event) =>
        setByBatch((current) => {
          const next = new Map(current);
          next.set(event.batchId, event);
          return next;
        }),
      ),
    [],
  );
  return byBatch;
}
