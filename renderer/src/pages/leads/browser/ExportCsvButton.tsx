import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { BrowseFilters } from '../../../../../shared/ipc/dashboard';
import { api } from '../../../lib/api';

/** Main writes the CSV of exactly the current filter; the user then keeps a copy (a download in the harness). */
export function ExportCsvButton({ filters }: { filters: BrowseFilters }) {
  const [isBusy, setIsBusy] = useState(false);

  async function exportCsv() {
    setIsBusy(true);
    try {
      const result = await api.leads.export({ filters });
      if (!result.ok) {
        notifications.show({ color: 'red', title: 'Export failed', message: result.error.message });
        return;
      }
      if (result.value.rows === 0) {
        notifications.show({ color: 'yellow', message: 'No leads match these filters; nothing to export.' });
        return;
      }
      // Main names the file (company, status, local date), the same name `rlm export` suggests.
      await api.files.saveCopy(result.value.path, result.value.fileName);
      notifications.show({ color: 'green', message: `${result.value.rows.toLocaleString()} leads exported.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export failed', message: String(error) });
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
