import { displayFileName } from '../../../shared/file-name';

/** The file row a listed number or email came from, as the Opt-outs page shows it. */
export interface FileRow {
  firstName: string | null;
  lastName: string | null;
  /** As a spreadsheet numbers it; null when unknown. */
  sourceRow?: number | null | undefined;
}

/**
 * Why a number or email that no lead keeps is on the opt-out list: the row of the file it came from. A bare
 * "Lead marked do-not-contact" beside a number the Leads page cannot find pointed at nobody.
 */
export const fileRowReasons = {
  /** A do-not-contact row's other phone or email (a Home Phone column, a second email). */
  otherKey: (row: FileRow, fileName: string, kind: 'phone' | 'email') =>
    `Also ${kind === 'phone' ? 'a number' : 'an email'} of ${nameOf(row)} (${rowOf(row, fileName)}), who is do-not-contact`,
  /** A row marked do-not-contact that the import refused: its keys are listed all the same. */
  rejected: (rowNumber: number, fileName: string, why: string) =>
    `Row ${rowNumber} of ${displayFileName(fileName)}, marked do-not-contact; the row was not imported (${why})`,
  /** A row marked do-not-contact that is a lead already in the company (matched by its other key). */
  duplicate: (row: FileRow, fileName: string) =>
    `From ${rowOf(row, fileName)} (${nameOf(row)}), marked do-not-contact: the same customer as a lead already in this company`,
};

const nameOf = (row: FileRow) => [row.firstName, row.lastName].filter(Boolean).join(' ') || 'a lead';
const rowOf = (row: FileRow, fileName: string) => (row.sourceRow ? `row ${row.sourceRow} of ${displayFileName(fileName)}` : displayFileName(fileName));
