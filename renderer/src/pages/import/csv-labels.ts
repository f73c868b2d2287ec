import type { CsvOptions } from '../../../../shared/ipc/imports';

export const ENCODING_LABELS = {
  'utf-8': 'UTF-8 (most files)',
  'windows-1252': 'Windows / Excel (Western)',
  'utf-16le': 'UTF-16 LE (Excel “Unicode text”)',
  'utf-16be': 'UTF-16 BE',
} as const satisfies Record<CsvOptions['encoding'], string>;

export const DELIMITER_LABELS = {
  ',': 'Comma  ,',
  ';': 'Semicolon  ;',
  '\t': 'Tab',
  '|': 'Pipe  |',
} as const satisfies Record<CsvOptions['delimiter'], string>;

export const toOptions = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
