import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';

/**
 * Pauses one company's sending (remembered, obeyed by every program that sends: the app and `rlm sync`): the
 * office whose phones are down for a day stops that company's texts and not the rest. Resumed from the panel
 * above the cards ("Sending is paused for …"), where every pause says why.
 */
export function PauseCompanyButton({ companyId, companyName }: { companyId: number; companyName: string }) {
  const pause = useWrite((id: number) => api.sync.pause({ companyId: id }), ['sync', 'companies']);
  return (
    // Outlined: a subtle gray one read as a word beside the company's name, not as something to press.
    <Button
      size="compact-xs"
      variant="default"
      aria-label={`Pause sending for ${companyName}`}
      loading={pause.isPending}
      onClick={() => pause.mutate(companyId, { onError: (error) => notifications.show({ color: 'red', title: 'Not paused', message: error.message }) })}
    >
      Pause company
    </Button>
  );
}
