/**
 * An old CRM's tags: read from a cell, kept whole within the stored list's length, and merged by an 'update' import.
 * Its own small file: the import's writer (lead-writer.ts) merges tags, and must not load the row validator's phone
 * metadata (tests/unit/electron/worker-location.test.ts).
 */
import { LENGTH_LIMITS } from './length-limits';

/**
 * A lead's stored tag list with another's added (an 'update' import): each tag once (GHL ignores case), the lead's first,
 * whole tags only within the stored list's length; `left`, those that did not fit (for the notes). The stored list
 * itself when nothing is added.
 */
export function mergedTags(stored: string | null, added: string | null): { tags: string | null; left: string[] } {
  let left: string[] = [];
  if (!added) return { tags: stored, left };
  const merged = keptTags(splitTags(`${stored ?? ''};${added}`), (rest) => (left = rest));
  return { tags: merged === null || merged === stored ? stored : merged, left };
}

/** The tags that fit the stored list whole, in order ("; "-joined), or null; `onLeft` gets the rest, if any. */
export function keptTags(tags: readonly string[], onLeft: (left: string[], all: number) => void): string | null {
  let length = 0;
  let fit = 0;
  for (const tag of tags) {
    const next = length + (fit > 0 ? 2 : 0) + tag.length;
    if (next > LENGTH_LIMITS.crmTags) break;
    length = next;
    fit += 1;
  }
  if (fit < tags.length) onLeft(tags.slice(fit), tags.length);
  return fit > 0 ? tags.slice(0, fit).join('; ') : null;
}

/** A tags cell of an old CRM: "storm; 2019 , VIP|vip" → ["storm", "2019", "VIP"] (split on ; , |, case-insensitive de-duplication). */
export function splitTags(text: string): string[] {
  // Most files have no tags column (or an empty cell): this runs for every row.
  if (text.length === 0) return [];
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of text.split(/[;,|]/)) {
    const tag = part.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}
