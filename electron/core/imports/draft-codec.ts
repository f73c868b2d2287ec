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

export function packDrafts(drafts: readonly LeadDraft[]): PackedDrafts {
  const out: unknown[] = new Array(drafts.length * PACKED_FIELDS);
  let i = 0;
  for (const d of drafts) {
    out[i++] = d.firstName; out[i++] = d.lastName; out[i++] = d.phone; out[i++] = d.phoneRaw; out[i++] = d.phoneExt; out[i++] = d.email;
    out[i++] = d.emailKey; out[i++] = d.address1; out[i++] = d.city; out[i++] = d.state; out[i++] = d.postalCode; out[i++] = d.country;
    out[i++] = d.source; out[i++] = d.notes; out[i++] = d.lastServiceDate; out[i++] = d.consentNote; out[i++] = d.doNotContact;
    out[i++] = d.companyName; out[i++] = d.originalDate; out[i++] = d.crmStatus; out[i++] = d.jobType; out[i++] = d.crmTags;
    out[i++] = d.sourceRow ?? null; out[i++] = d.customValues.length > 0 ? d.customValues : 0;
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
