/**
 * LeadDrafts as flat arrays, for the trip from the parse thread to the writer (parse-thread.ts):
 * structured clone rebuilds objects slowly (210 ms for 100k drafts, measured), a flat array of
 * strings and numbers in ~80 ms, and rebuilding the objects from it as literals costs ~15 ms.
 */
import type { CustomValue, LeadDraft } from '../../parsing/row-validator';

/** Every LeadDraft key, in the packed order; `satisfies` makes adding a key to LeadDraft fail here until it is packed. */
const DRAFT_KEYS = [
  'firstName', 'lastName', 'phone', 'phoneRaw', 'phoneExt', 'email', 'emailKey', 'address1', 'city', 'state', 'postalCode', 'country',
  'source', 'notes', 'lastServiceDate', 'consentNote', 'doNotContact', 'companyName', 'originalDate', 'crmStatus', 'jobType', 'crmTags',
  'sourceRow', 'customValues',
] as const satisfies readonly (keyof LeadDraft)[];

type MissingKey = Exclude<keyof LeadDraft, (typeof DRAFT_KEYS)[number]>;
// A compile-time check only: never read.
const everyKeyPacked: [MissingKey] extends [never] ? true : MissingKey = true;
void everyKeyPacked;

export const PACKED_FIELDS = DRAFT_KEYS.length;

export type PackedDrafts = unknown[];

/**
 * Built by push, never `new Array(n)`: an array made with holes stays "holey" once filled, and postMessage
 * copies such an array as a sparse one, index by index. 100k rows: ~0.25–0.55 s to serialize and ~0.3–0.6 s
 * to read back that way, ~0.1 s and ~0.2–0.3 s dense (v8.serialize, measured).
 */
export function packDrafts(drafts: readonly LeadDraft[]): PackedDrafts {
  const out: unknown[] = [];
  for (const d of drafts) {
    out.push(
      d.firstName, d.lastName, d.phone, d.phoneRaw, d.phoneExt, d.email, d.emailKey, d.address1, d.city, d.state, d.postalCode, d.country,
      d.source, d.notes, d.lastServiceDate, d.consentNote, d.doNotContact, d.companyName, d.originalDate, d.crmStatus, d.jobType, d.crmTags,
      d.sourceRow ?? null, d.customValues.length > 0 ? d.customValues : 0,
    );
  }
  return out;
}

export function unpackDrafts(packed: PackedDrafts): LeadDraft[] {
  const drafts: LeadDraft[] = new Array(packed.length / PACKED_FIELDS);
  const s = (i: number) => packed[i] as string | null;
  for (let row = 0, i = 0; i < packed.length; row++, i += PACKED_FIELDS) {
    drafts[row] = {
      firstName: s(i), lastName: s(i + 1), phone: s(i + 2), phoneRaw: s(i + 3), phoneExt: s(i + 4), email: s(i + 5), emailKey: s(i + 6),
      address1: s(i + 7), city: s(i + 8), state: s(i + 9), postalCode: s(i + 10), country: s(i + 11), source: s(i + 12), notes: s(i + 13),
      lastServiceDate: s(i + 14), consentNote: s(i + 15), doNotContact: packed[i + 16] === true, companyName: s(i + 17), originalDate: s(i + 18),
      crmStatus: s(i + 19), jobType: s(i + 20), crmTags: s(i + 21), sourceRow: packed[i + 22] as number | null,
      customValues: packed[i + 23] === 0 ? [] : (packed[i + 23] as CustomValue[]),
    };
  }
  return drafts;
}
