import type { ProblemKind } from '../../../../shared/ipc/imports';

export const PROBLEM_LABELS = {
  invalid: 'Cannot be imported',
  'duplicate-in-file': 'Repeated in this file',
  'duplicate-existing': 'Already in the app',
  // Said before anything is imported: "Imported" read as done (a review).
  warning: 'To import, with a note',
} as const satisfies Record<ProblemKind, string>;

export const PROBLEM_COLORS = {
  invalid: 'red',
  'duplicate-in-file': 'orange',
  'duplicate-existing': 'orange',
  warning: 'yellow',
} as const satisfies Record<ProblemKind, string>;
