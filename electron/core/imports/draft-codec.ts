/**
 * LeadDrafts as flat arrays, for the trip from the parse thread to the writer (parse-worker.ts → parsed-chunks.ts):
 * structured clone rebuilds objects slowly (210 ms for 100k drafts, measured), flat arrays of
 * strings and numbers in ~80 ms, and rebuilding the objects from them as literals costs ~15 ms.
 */
import type { ContactKey } from '../../parsing/contact-values';
import type { CustomValue, LeadDraft } from '../../parsing/row-validator';

/** Every LeadDraft key, in the packed order; `satisfies` makes adding a key to LeadDraft fail here until it is packed. */
const DRAFT_KEYS = [
  'firstName', 'lastName', 'phone', 'phoneRaw', 'phoneExt', 'email', 'emailKey', 'address1', 'city', 'state', 'postalCode', 'country',
  'source', 'notes', 'lastServiceDate', 'consentNote', 'doNotContact', 'companyName', 'originalDate', 'crmStatus', 'jobType', 'crmTags',
  'sourceRow', 'customValues', 'otherContactKeys',
] as const satisfies readonly (keyof LeadDraft)[];

type MissingKey = Exclude<keyof LeadDraft, (typeof DRAFT_KEYS)[number]>;
// A compile-time check only: never read.
const everyKeyPacked: [MissingKey] extends [never] ? true : MissingKey = true;
void everyKeyPacked;

/** One array per field (DRAFT_KEYS order), each with one value per draft. */
export type PackedDrafts = unknown[][];
/** The same as a tuple, so that each field's column can be named. */
type ColumnsOf<Keys extends readonly unknown[]> = { -readonly [I in keyof Keys]: unknown[] };
type Columns = ColumnsOf<typeof DRAFT_KEYS>;

/**
 * A column per field, never one array of every value: 1,000 rows of 24 fields make an array of 192 KB,
 * past V8's largest ordinary object (128 KB), so each growth while pushing, and the copy the writer
 * reads back, went to fresh memory of their own (page faults, a runtime call per growth): ~0.3 s of
 * CPU over the two threads for 100k rows (perf). A column of 1,000 values is 8 KB.
 *
 * Each column by `map`: its result is dense and of its final size at once. Never `new Array(n)`: an array
 * made with holes stays "holey" once filled, and postMessage copies such an array as a sparse one, index
 * by index (~2× slower at both ends, measured). One function per field, not `draft[key]` over DRAFT_KEYS:
 * a single property access site for 24 names is megamorphic.
 */
export function packDrafts(drafts: readonly LeadDraft[]): PackedDrafts {
  return [
    drafts.map((d) => d.firstName), drafts.map((d) => d.lastName), drafts.map((d) => d.phone), drafts.map((d) => d.phoneRaw),
    drafts.map((d) => d.phoneExt), drafts.map((d) => d.email), drafts.map((d) => d.emailKey), drafts.map((d) => d.address1),
    drafts.map((d) => d.city), drafts.map((d) => d.state), drafts.map((d) => d.postalCode), drafts.map((d) => d.country),
    drafts.map((d) => d.source), drafts.map((d) => d.notes), drafts.map((d) => d.lastServiceDate), drafts.map((d) => d.consentNote),
    drafts.map((d) => d.doNotContact), drafts.map((d) => d.companyName), drafts.map((d) => d.originalDate), drafts.map((d) => d.crmStatus),
    drafts.map((d) => d.jobType), drafts.map((d) => d.crmTags),
    // A missing source row as null; no custom values as 0 (an empty array would be an object per row to copy).
    drafts.map((d) => d.sourceRow ?? null), drafts.map((d) => (d.customValues.length > 0 ? d.customValues : 0)),
    // Only a row with a second phone or email has them: 0 for the others, as for custom values.
    drafts.map((d) => d.otherContactKeys ?? 0),
  ] satisfies Columns;
}

export function unpackDrafts(packed: PackedDrafts): LeadDraft[] {
  const [firstName, lastName, phone, phoneRaw, phoneExt, email, emailKey, address1, city, state, postalCode, country, source, notes,
    lastServiceDate, consentNote, doNotContact, companyName, originalDate, crmStatus, jobType, crmTags, sourceRow, customValues, otherContactKeys] = packed as Columns;
  const drafts: LeadDraft[] = [];
  const s = (column: unknown[], row: number) => column[row] as string | null;
  for (let row = 0; row < firstName.length; row++) {
    const custom = customValues[row];
    const others = otherContactKeys[row];
    drafts.push({
      firstName: s(firstName, row), lastName: s(lastName, row), phone: s(phone, row), phoneRaw: s(phoneRaw, row), phoneExt: s(phoneExt, row),
      email: s(email, row), emailKey: s(emailKey, row), address1: s(address1, row), city: s(city, row), state: s(state, row),
      postalCode: s(postalCode, row), country: s(country, row), source: s(source, row), notes: s(notes, row),
      lastServiceDate: s(lastServiceDate, row), consentNote: s(consentNote, row), doNotContact: doNotContact[row] === true,
      companyName: s(companyName, row), originalDate: s(originalDate, row), crmStatus: s(crmStatus, row), jobType: s(jobType, row),
      crmTags: s(crmTags, row), sourceRow: sourceRow[row] as number | null, customValues: custom === 0 ? [] : (custom as CustomValue[]),
      otherContactKeys: others === 0 ? undefined : (others as ContactKey[]),
    });
  }
  return drafts;
}
