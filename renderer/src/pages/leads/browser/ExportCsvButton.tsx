import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { BrowseFilters } from '../../../../../shared/ipc/dashboard';
import { api, ApiError } from '../../../lib/api';
import { useWrite } from '../../../lib/use-write';

/** Main writes the CSV of exactly the current filter; the user then keeps a copy (a download in the harness). */
export function ExportCsvButton({ filters }: { filters: BrowseFilters }) {
  const [isBusy, setIsBusy] = useState(false);
  // Writes a file in exports/; the database is unchanged, so nothing to refresh.
  const exportWrite = useWrite((input: { filters: BrowseFilters }) => api.leads.export(input), []);

  async function exportCsv() {
    setIsBusy(true);
    try {
      const exported = await exportWrite.mutateAsync({ filters });
      if (exported.rows === 0) {
        notifications.show({ color: 'yellow', message: 'No leads match these filters; nothing to export.' });
        return;
      }
      // Main names the file (company, status, local date), the same name `rlm export` suggests.
      const outcome = await api.files.saveCopy(exported.path, exported.fileName);
      // Closing the save dialog is a choice, not a failure: nothing to say, and nothing was exported.
      if (outcome === 'cancelled') return;
      notifications.show({ color: 'green', message: `${exported.rows.toLocaleString()} leads exported.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <Button variant="light" loading={isBusy} onClick={() => void exportCsv()}>
      Export CSV
    </Button>
  );
}
