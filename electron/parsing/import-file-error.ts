/** A problem with the file as a whole; the message is shown to office staff as is. */
export type ImportFileErrorCode = 'empty-file' | 'binary-file' | 'record-too-large' | 'read-failed' | 'unknown-sheet' | 'workbook-too-large' | 'file-changed';

export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}
