/** How a lead is named on every page: its name, or the same words for one without (a list once said "Lead 3", another "A lead without a name"). */
export const leadDisplayName = (lead: { firstName: string | null; lastName: string | null }): string =>
  [lead.firstName, lead.lastName].filter(Boolean).join(' ') || 'A lead without a name';
