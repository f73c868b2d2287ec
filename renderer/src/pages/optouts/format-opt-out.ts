import type { OptOut } from '../../../../shared/ipc/optouts';

/** +15125550142 → (512) 555-0142, as the office writes US numbers; other countries stay in their international form. */
export function formatOptOut(entry: Pick<OptOut, 'kind' | 'value'>): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(entry.value);
  return entry.kind === 'phone' && us ? `(${us[1]}) ${us[2]}-${us[3]}` : entry.value;
}
