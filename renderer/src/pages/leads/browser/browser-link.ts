import { isLeadStatus } from '../../dashboard/lead-status';
import type { BrowseFilters } from '../../../../../shared/ipc/dashboard';

/** What the lead browser keeps in the hash (`#/leads/<id>?status=failed&companyId=2`): links from the dashboard land filtered. */
export interface BrowserLocation {
  filters: BrowseFilters;
  leadId: number | null;
}

type LinkFilters = { [K in keyof BrowseFilters]?: BrowseFilters[K] | null };

export function browserLink(filters: LinkFilters, leadId: number | null = null): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const search = query.toString();
  return `#/leads${leadId === null ? '' : `/${leadId}`}${search ? `?${search}` : ''}`;
}

export function parseBrowserHash(hash: string): BrowserLocation {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const query = new URLSearchParams(search);
  const idPart = path.split('/')[1];
  const positive = (value: string | null | undefined) => {
    const n = Number(value);
    return value && Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const status = query.get('status');
  return {
    leadId: positive(idPart) ?? null,
    filters: {
      companyId: positive(query.get('companyId')),
      status: isLeadStatus(status) ? status : undefined,
      batchId: positive(query.get('batchId')),
      tag: query.get('tag') ?? undefined,
      search: query.get('search') ?? undefined,
    },
  };
}
