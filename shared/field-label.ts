// No imports: the command line's --help loads this (electron/cli/output.ts) and must load nothing else.

const ACRONYMS: Record<string, string> = { api: 'API', ghl: 'GHL', id: 'ID', url: 'URL', csv: 'CSV', zip: 'ZIP' };

/**
 * The field a message is about, in the words of the form ("apiKey" → "API key", "patch.schedule.dailyCap" →
 * "Daily cap"): the message is shown to the office as it is ("apiKey: That does not look like …" was).
 */
export function fieldLabel(path: ReadonlyArray<PropertyKey>): string {
  const name = [...path].reverse().find((part): part is string => typeof part === 'string' && !/^\d+$/.test(part));
  if (!name) return '';
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_-]+/).map((word) => ACRONYMS[word] ?? word);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
