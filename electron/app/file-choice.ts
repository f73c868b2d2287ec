import { basename } from 'node:path';
import type { ChosenFile } from '../../shared/ipc/contract';
import { filePurposes, type FileGrants, type FilePurpose } from '../core/file-grants';

export const isFilePurpose = (value: unknown): value is FilePurpose => filePurposes.includes(value as FilePurpose);

/** The OS dialog's file-type filters per purpose (the glue in electron/main.ts opens the dialog). */
export const DIALOG_FILTERS: Record<FilePurpose, Array<{ name: string; extensions: string[] }>> = {
  'import-source': [
    { name: 'Customer lists', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xlsm', 'xls', 'ods'] },
    { name: 'All files', extensions: ['*'] },
  ],
  'restore-source': [{ name: 'Backups', extensions: ['sqlite', 'db', 'backup'] }, { name: 'All files', extensions: ['*'] }],
  'backup-target': [{ name: 'Backup', extensions: ['sqlite'] }],
};

export const suggestedBackupName = (now = new Date()) => `roofing-leads-backup-${now.toISOString().slice(0, 10)}.sqlite`;

/** What the renderer gets for a path the user chose in main's dialog: a handle for this one purpose, and the name. */
export function chosenFile(grants: FileGrants, path: string, purpose: FilePurpose): ChosenFile {
  return { handle: grants.grant(path, purpose), name: basename(path) };
}
