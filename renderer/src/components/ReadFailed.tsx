import { Alert } from '@mantine/core';

/**
 * A read that failed, said where its answer would have been. Without it a failed read looked like its
 * answer being "nothing": no leads, no sends in two weeks, sending not paused, no plan.
 * `meanwhile` says what the rest of the page can and cannot be trusted for until a reload reads it.
 */
export function ReadFailed({ what, error, meanwhile }: { what: string; error: Error; meanwhile?: string }) {
  return (
    <Alert color="red" variant="light" title={`Could not read ${what}`} aria-label={`Could not read ${what}`}>
      {error.message} {meanwhile ? `${meanwhile} ` : ''}Reload the page to try again.
    </Alert>
  );
}
