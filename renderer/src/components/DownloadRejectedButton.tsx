import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../lib/api';
import { rejectedFileQuery } from '../lib/queries';
import { displayFileName } from './file-name';

interface Props {
  batchId: number;
  fileName: string;
  /** How many rows were rejected; the button hides itself when there are none. */
  rejected: number;
  size?: 'xs' | 'sm';
}

/** Asks main where the rejected-rows CSV is, then lets the user keep a copy (a download in the browser). */
export function DownloadRejectedButton({ batchId, fileName, rejected, size = 'sm' }: Props) {
  const [isBusy, setIsBusy] = useState(false);
  const queryClient = useQueryClient();
  if (rejected === 0) return null;

  async function download() {
    setIsBusy(true);
    try {
      const { path } = await queryClient.fetchQuery(rejectedFileQuery(batchId));
      if (!path) {
        notifications.show({ color: 'yellow', title: 'No rejected rows file', message: 'This import did not keep a file of rejected rows.' });
        return;
      }
      await api.files.saveCopy(path, rejectedFileName(fileName));
    } catch (error) {
      if (error instanceof ApiError) notifications.show({ color: 'red', title: 'Could not get the rejected rows', message: error.message });
      else notifications.show({ color: 'red', title: 'Download failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <Button size={size} variant="light" loading={isBusy} onClick={() => void download()}>
      Download rejected rows ({rejected})
    </Button>
  );
}

/** "old-leads.csv" → "old-leads-rejected.csv": next to the original in the user's Downloads. */
export function rejectedFileName(fileName: string): string {
  const base = displayFileName(fileName).replace(/\.(csv|tsv|txt)$/i, '');
  return `${base}-rejected.csv`;
}
