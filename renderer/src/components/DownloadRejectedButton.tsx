import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api } from '../lib/api';
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
  if (rejected === 0) return null;

  async function download() {
    setIsBusy(true);
    try {
      const result = await api.imports.rejectedFile({ batchId });
      if (!result.ok) {
        notifications.show({ color: 'red', title: 'Could not get the rejected rows', message: result.error.message });
        return;
      }
      if (!result.value.path) {
        notifications.show({ color: 'yellow', title: 'No rejected rows file', message: 'This import did not keep a file of rejected rows.' });
        return;
      }
      await api.files.saveCopy(result.value.path, rejectedFileName(fileName));
    } catch (error) {
      notifications.show({ color: 'red', title: 'Download failed', message: String(error) });
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
