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

/** One array per field (DRAFT_KEYS order): the drafts' values are its first `count` (DraftPacker writes its arrays over). */
export interface PackedDrafts {
  count: number;
  columns: unknown[][];
}
/** The same as a tuple, so that each field's column can be named. */
type ColumnsOf<Keys extends readonly unknown[]> = { -readonly [I in keyof Keys]: unknown[] };
type Columns = ColumnsOf<typeof DRAFT_KEYS>;

/**
 * Drafts packed as they are validated (validated-chunks.ts validatedChunksInto): each draft's values go into the columns
 * at once, and the draft itself is garbage before the next row. Kept in an array until the message was full, 1,000 drafts
 * of 25 fields each lived through the parse thread's young-generation collections and were copied by each: packing as
 * they come cost ~0.1 s less of that thread per 100k rows (bench:import's file, measured apart).
 *
 * A column per field, never one array of every value: 1,000 rows of 24 fields make an array of 192 KB, past V8's
 * largest ordinary object (128 KB), so each growth while pushing, and the copy the writer reads back, went to fresh
 * memory of their own (page faults, a runtime call per growth): ~0.3 s of CPU over the two threads for 100k rows (perf).
 * A column of 1,000 values is 8 KB. Never made by `new Array(n)`: an array made with holes stays "holey" once filled,
 * and postMessage copies such an array as a sparse one, index by index (~2× slower at both ends, measured).
 *
 * The columns are the packer's own, written over by each message: take() hands them out to be posted (postMessage
 * copies them) before the next add(). New arrays per message, grown a push at a time, were a tenth of what the parse
 * thread allocated (56 of 545 MB for 100k rows: V8's sampling heap profiler), and so of its young-generation
 * collections. A column only grows where a message has more drafts than any before (`c[k][n]` at its length appends).
 * One store per field, not `draft[key]` over DRAFT_KEYS: a single property access site for 24 names is megamorphic.
 */
export class DraftPacker {
  private readonly columns: Columns = [[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []];
  private added = 0;

  /** How many drafts were added since the last take(). */
  get count(): number {
    return this.added;
  }

  add(d: LeadDraft): void {
    const c = this.columns;
    const n = this.added;
    c[0][n] = d.firstName; c[1][n] = d.lastName; c[2][n] = d.phone; c[3][n] = d.phoneRaw; c[4][n] = d.phoneExt; c[5][n] = d.email;
    c[6][n] = d.emailKey; c[7][n] = d.address1; c[8][n] = d.city; c[9][n] = d.state; c[10][n] = d.postalCode; c[11][n] = d.country;
    c[12][n] = d.source; c[13][n] = d.notes; c[14][n] = d.lastServiceDate; c[15][n] = d.consentNote; c[16][n] = d.doNotContact;
    c[17][n] = d.companyName; c[18][n] = d.originalDate; c[19][n] = d.crmStatus; c[20][n] = d.jobType; c[21][n] = d.crmTags;
    // A missing source row as null; no custom values as 0 (an empty array would be an object per row to copy).
    c[22][n] = d.sourceRow ?? null; c[23][n] = d.customValues.length > 0 ? d.customValues : 0;
    // Only a row with a second phone or email has them: 0 for the others, as for custom values.
    c[24][n] = d.otherContactKeys ?? 0;
    this.added = n + 1;
  }

  /** The drafts added since the last take(), in the packer's own columns: post them before the next add(). */
  take(): PackedDrafts {
    const packed = { count: this.added, columns: this.columns };
    this.added = 0;
    return packed;
  }
}

/** `drafts` packed at once (tests; the parse thread packs as it validates: DraftPacker). */
export function packDrafts(drafts: readonly LeadDraft[]): PackedDrafts {
  const packer = new DraftPacker();
  for (const draft of drafts) packer.add(draft);
  return packer.take();
}

export function unpackDrafts({ count, columns }: PackedDrafts): LeadDraft[] {
  const [firstName, lastName, phone, phoneRaw, phoneExt, email, emailKey, address1, city, state, postalCode, country, source, notes,
    lastServiceDate, consentNote, doNotContact, companyName, originalDate, crmStatus, jobType, crmTags, sourceRow, customValues, otherContactKeys] = columns as Columns;
  const drafts: LeadDraft[] = [];
  const s = (column: unknown[], row: number) => column[row] as string | null;
  for (let row = 0; row < count; row++) {
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
