import type { Audience, AudienceCounts } from '../../../../../shared/ipc/audiences';

export type Place = 'anywhere' | 'zips' | 'near';

/** The audience choices as typed on the Leads page. */
export interface AudienceDraft {
  status: string | null;
  jobType: string | null;
  tag: string | null;
  from: string;
  to: string;
  place: Place;
  zips: string;
  nearZip: string;
  miles: number | '';
}

export const emptyAudience: AudienceDraft = { status: null, jobType: null, tag: null, from: '', to: '', place: 'anywhere', zips: '', nearZip: '', miles: 15 };

const ZIP = /^\d{5}$/;

/** "78701, 78702 78703" → the ZIPs, and the pieces that are not 5-digit ZIPs. */
export function parseZipList(text: string): { zips: string[]; bad: string[] } {
  const pieces = text.split(/[\s,;]+/).filter(Boolean);
  return { zips: [...new Set(pieces.filter((p) => ZIP.test(p)))], bad: pieces.filter((p) => !ZIP.test(p)) };
}

/**
 * The audience main is asked about, or what to fix first (in the words shown under the field): a
 * half-typed ZIP is not sent, so the preview never counts something other than what is on screen.
 */
export function toAudience(companyId: number, draft: AudienceDraft): { audience: Audience } | { problem: string } {
  const audience: Audience = { companyId };
  if (draft.status) audience.status = draft.status;
  if (draft.jobType) audience.jobType = draft.jobType;
  if (draft.tag) audience.tag = draft.tag;
  if (draft.from) audience.createdAfter = draft.from;
  if (draft.to) audience.createdBefore = draft.to;
  if (draft.from && draft.to && draft.from > draft.to) return { problem: 'The "from" date is after the "to" date.' };
  if (draft.place === 'zips') {
    const { zips, bad } = parseZipList(draft.zips);
    if (bad.length) return { problem: `Not a 5-digit ZIP: ${bad.slice(0, 3).join(', ')}` };
    if (!zips.length) return { problem: 'Type one or more ZIP codes, separated by commas or spaces.' };
    audience.zips = zips;
  }
  if (draft.place === 'near') {
    if (!ZIP.test(draft.nearZip.trim())) return { problem: 'Type a 5-digit ZIP to measure the distance from.' };
    if (draft.miles === '' || draft.miles <= 0 || draft.miles > 500) return { problem: 'Type a distance between 1 and 500 miles.' };
    audience.nearZip = draft.nearZip.trim();
    audience.radiusMiles = draft.miles;
  }
  return { audience };
}

/** "142 match: 120 will be queued, 15 already in GHL, 7 marked do not contact — never sent." */
export function previewSentence(counts: AudienceCounts): string {
  if (counts.matched === 0) return 'No lead of this company matches these choices.';
  const parts = [
    counts.queued > 0 ? `${counts.queued.toLocaleString()} will be queued` : 'none left to queue',
    counts.alreadyQueued > 0 && `${counts.alreadyQueued.toLocaleString()} already waiting to go`,
    counts.failed > 0 && `${counts.failed.toLocaleString()} failed — retry them from the Failed filter`,
    counts.alreadySent > 0 && `${counts.alreadySent.toLocaleString()} already in GHL`,
    // Not "opted out": most are rows a file marked, and "opted out" reads as a customer who replied STOP.
    counts.optedOut > 0 && `${counts.optedOut.toLocaleString()} marked do not contact — never sent`,
  ].filter(Boolean);
  return `${counts.matched.toLocaleString()} match: ${parts.join(', ')}.`;
}
