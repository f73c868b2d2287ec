import { Alert, Button } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';

/**
 * A read that failed, said where its answer would have been. Without it a failed read looked like its
 * answer being "nothing": no leads, no sends in two weeks, sending not paused, no plan.
 * `meanwhile` says what the rest of the page can and cannot be trusted for until the read is tried again.
 * "Reload the page to try again" asked for what a desktop app has no button for: Try again reads every failed
 * read of the page once more.
 */
export function ReadFailed({ what, error, meanwhile }: { what: string; error: Error; meanwhile?: string }) {
  const queryClient = useQueryClient();
  return (
    <Alert color="red" variant="light" title={`Could not read ${what}`} aria-label={`Could not read ${what}`}>
      {error.message} {meanwhile ?? ''}
      <Button size="xs" variant="light" color="red" ml="xs" onClick={() => void queryClient.refetchQueries({ predicate: (query) => query.state.status === 'error' })}>
        Try again
      </Button>
    </Alert>
  );
}
