import { notifications } from '@mantine/notifications';

/**
 * Said instead of a green "0 leads queued": main counts what it really queued, and 0 means the leads no
 * longer waited (another window or `rlm` queued or sent them first, or they became do-not-contact).
 */
export function showNothingQueued(what: string): void {
  notifications.show({
    color: 'yellow',
    title: 'Nothing was queued',
    message: `${what}: none of them waited to be sent any more (another window or rlm may have sent them first, or they are do-not-contact). The Leads page shows each lead's status.`,
  });
}
