import { serialize } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftPacker, packDrafts, unpackDrafts } from '../../../electron/core/imports/draft-codec';
import { PARSE_CHUNK_ROWS, prestartParseThread, startParsing } from '../../../electron/core/imports/parsed-chunks';
import { validatedChunks, type ValidatedChunk } from '../../../electron/core/imports/validated-chunks';
import { suggestMapping } from '../../../electron/parsing/mapping';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import type { ImportJob } from '../../../electron/core/imports/worker-protocol';
import { tempDir } from './helpers';

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

const draft = (overrides: Partial<LeadDraft> = {}): LeadDraft => ({
  firstName: 'Ann', lastName: 'Peña', phone: '+15125550101', phoneRaw: '(512) 555-0101', phoneExt: '12', email: 'a@b.co', emailKey: 'a@b.co',
  address1: '1 Main St', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US', source: 'JobNimbus', notes: 'Roof "2019"\nhail',
  lastServiceDate: '2019-05-01', consentNote: 'web form', doNotContact: true, companyName: 'Acme', originalDate: '2018-01-02',
  crmStatus: 'Lost', jobType: 'Repair', crmTags: 'storm; VIP', sourceRow: 7, customValues: [{ fieldId: 'f1', value: 'Claim 12' }],
  ...overrides,
});

function csv(rows: number): string {
  const lines = ['First Name,Phone,Email,Notes'];
  for (let i = 0; i < rows; i++) {
    // Every 7th row has no phone (rejected when it has no email either), every 5th a multi-line note.
    const phone = i % 7 === 3 ? '' : `(512) ${String(200 + (i % 700))}-${String(i % 10_000).padStart(4, '0')}`;
    lines.push(`Lead ${i},${phone},${i % 2 ? `l${i}@example.com` : ''},${i % 5 ? 'ok' : '"two\nlines"'}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

const jobFor = (path: string): Pick<ImportJob, 'path' | 'options' | 'mapping' | 'fixes'> => ({
  path,
  options: { encoding: 'utf-8', delimiter: ',', hasHeader: true },
  mapping: suggestMapping(['First Name', 'Phone', 'Email', 'Notes']),
  fixes: [],
});

/** The job for a new file of `rows` generated rows (csv()). */
function jobForRows(rows: number): Pick<ImportJob, 'path' | 'options' | 'mapping' | 'fixes'> {
  const dir = tempDir();
  dirs.push(dir);
  return jobFor(dir.file('leads.csv', csv(rows)));
}

describe('the import parse thread', () => {
  it('packs and unpacks every field of a draft, custom values and a missing source row included', () => {
    const drafts = [draft(), draft({ customValues: [], sourceRow: null, doNotContact: false, email: null, emailKey: null }), draft({ sourceRow: undefined })];
    expect(unpackDrafts(packDrafts(drafts))).toEqual([drafts[0], drafts[1], { ...drafts[2], sourceRow: null }]);
  });

  it('packs into arrays the message can copy densely (an array with holes is copied index by index, ~2× slower at both ends)', () => {
    const packed = packDrafts(Array.from({ length: 50 }, (_, i) => draft({ sourceRow: i, phoneExt: null })));
    // A holey array (new Array(n), even once filled; Array.from and slice keep it so) serializes as a sparse one:
    // every element with its index, so more bytes than an array built by push.
    const pushed = packed.columns.map((column) => {
      const copy: unknown[] = [];
      for (const value of column) copy.push(value);
      return copy;
    });
    expect(serialize(packed.columns).length).toBe(serialize(pushed).length);
  });

  it("packs a message's rows into arrays small enough for V8's young generation (one array of every value went to its large-object space)", () => {
    const packed = packDrafts(Array.from({ length: PARSE_CHUNK_ROWS }, (_, i) => draft({ sourceRow: i })));
    // V8's largest ordinary object is 128 KB: 16,384 slots of 8 bytes. Past it, an array (and each copy while
    // it grows by push, and the writer's copy of the message) gets fresh memory of its own.
    const largestRegularArray = (128 * 1024) / 8;
    expect(Math.max(...packed.columns.map((array) => array.length))).toBeLessThan(largestRegularArray);
    expect(unpackDrafts(packed)).toHaveLength(PARSE_CHUNK_ROWS);
  });

  it('writes each message over the arrays of the one before (posted meanwhile); a smaller message unpacks only its own drafts', () => {
    const packer = new DraftPacker();
    for (let i = 0; i < 5; i++) packer.add(draft({ sourceRow: i, firstName: `First ${i}` }));
    const first = packer.take();
    // What postMessage does with it: a copy, taken before the next add().
    const posted = structuredClone(first);
    const arrays = first.columns;
    packer.add(draft({ sourceRow: 10, firstName: 'Second', email: null, emailKey: null }));
    const second = packer.take();
    expect(second.columns).toBe(arrays);
    expect(second.columns.every((column, index) => column === arrays[index])).toBe(true);
    expect(unpackDrafts(posted).map((d) => [d.sourceRow, d.firstName])).toEqual([0, 1, 2, 3, 4].map((i) => [i, `First ${i}`]));
    expect(unpackDrafts(second)).toEqual([draft({ sourceRow: 10, firstName: 'Second', email: null, emailKey: null })]);
  });

  it('yields the same drafts and rejections as reading in this thread, regrouped to the size the writer asks for', async () => {
    const job = jobForRows(5_300);
    const here: ValidatedChunk[] = [];
    for await (const chunk of validatedChunks(job, () => 5_300)) here.push(chunk);

    const sizes = [1_500, 2_500, 10_000];
    const asked: number[] = [];
    const threaded: ValidatedChunk[] = [];
    const parsing = startParsing(job);
    for await (const chunk of parsing.chunks(() => sizes[Math.min(asked.push(0) - 1, sizes.length - 1)]!)) threaded.push(chunk);

    // Messages of 1,000 rows are put together until the asked size is reached: 2,000 + 3,000 + the last 300.
    expect(threaded.map((c) => c.rows)).toEqual([2_000, 3_000, 300]);
    expect(threaded.flatMap((c) => c.drafts)).toEqual(here.flatMap((c) => c.drafts));
    expect(threaded.flatMap((c) => c.rejections)).toEqual(here.flatMap((c) => c.rejections));
    expect(threaded.flatMap((c) => c.rejections).length).toBeGreaterThan(300); // rows with neither phone nor email
    expect(threaded.at(-1)!.processedBytes).toBe(threaded.at(-1)!.totalBytes);
    expect(threaded[0]!.headers).toEqual(['First Name', 'Phone', 'Email', 'Notes']);
  });

  it('gives the job to a thread started ahead of it, which reads the same chunks; one that died is replaced', async () => {
    const job = jobForRows(2_300);
    const cold: ValidatedChunk[] = [];
    for await (const chunk of startParsing(job).chunks(() => 1_000)) cold.push(chunk);

    const idle = prestartParseThread();
    expect(idle.worker.threadId).toBeGreaterThan(0);
    const warm: ValidatedChunk[] = [];
    for await (const chunk of startParsing(job, idle).chunks(() => 1_000)) warm.push(chunk);
    expect(warm.map((c) => c.rows)).toEqual([1_000, 1_000, 300]);
    expect(warm.flatMap((c) => c.drafts)).toEqual(cold.flatMap((c) => c.drafts));
    // The reading ended that very thread (a thread never given its job would still be waiting).
    expect(idle.worker.threadId).toBe(-1);

    const dead = prestartParseThread();
    await dead.worker.terminate();
    expect(dead.isGone()).toBe(true);
    const replaced: ValidatedChunk[] = [];
    for await (const chunk of startParsing(job, dead).chunks(() => 5_000)) replaced.push(chunk);
    expect(replaced.flatMap((c) => c.drafts)).toEqual(cold.flatMap((c) => c.drafts));
  });

  it("reports the file's own problem as an ImportFileError, after the rows before it", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const path = dir.file('broken.csv', `${csv(1_200)}Bad,"(512) 555-0199,x@y.z,never closed\r\nmore,rows\r\n`);
    const job = jobFor(path);
    const rows: number[] = [];
    const parsing = startParsing(job);
    await expect(async () => {
      for await (const chunk of parsing.chunks(() => 1_000)) rows.push(chunk.rows);
    }).rejects.toMatchObject({ name: 'ImportFileError', code: 'read-failed' });
    expect(rows).toEqual([1_000]);
  });

  it('stops the thread when the writer stops early, and when it never started reading', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const path = dir.file('leads.csv', csv(20_000));
    const job = jobFor(path);
    const early = startParsing(job);
    for await (const chunk of early.chunks(() => 1_000)) {
      expect(chunk.rows).toBe(1_000);
      break;
    }
    await early.stop();
    const never = startParsing(job);
    await never.stop();
  });
});
