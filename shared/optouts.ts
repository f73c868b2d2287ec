/** Where an entry of the office-wide opt-out list came from (stored codes; the labels are what the screen shows). */
export const optOutSources = ['lead-dnc', 'ghl-dnd', 'import', 'manual'] as const;
export type OptOutSource = (typeof optOutSources)[number];

export const optOutSourceLabels: Record<OptOutSource, string> = {
  'lead-dnc': 'Lead marked do-not-contact',
  'ghl-dnd': 'GHL has this contact on do-not-disturb',
  import: 'Imported list',
  manual: 'Added by hand',
};
