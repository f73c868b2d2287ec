/**
 * The import's validated chunks, parsed in a thread of their own (parse-worker.ts) while this thread
 * writes the previous ones: the chunks validatedChunks() yields, regrouped to the size the writer asks
 * for before each chunk. On 2 cores the halves overlap: 100k rows spent ~0.9 s parsing and validating
 * plus ~1.3 s writing one after the other; now the writing alone sets the pace (bench:import).
 */
import { Worker } from 'node:worker_threads';
import { ImportFileError } from '../../parsing/import-file-error';
import { IdleThread } from '../workers/idle-thread';
import { workerLocation } from '../workers/worker-location';
import { unpackDrafts, type PackedDrafts } from './draft-codec';
import type { CreditMessage, ParseJob, ParseMessage, StartMessage } from './parse-protocol';
import type { ValidatedChunk } from './validated-chunks';
import type { ImportJob } from './worker-protocol';
import type { IgnoredOptOutColumn } from '../../../shared/opt-out-words';

/** Rows per message: small enough that the writer's first chunk starts early, big enough that messages are few. */
export const PARSE_CHUNK_ROWS = 1_000;
/** Messages parsed ahead of the writer (here 8k rows at most: a few MB). */
const PARSE_WINDOW = 8;

export interface ParsedChunks {
  /** `chunkRows` is asked before each chunk: the writer sizes chunks to what it can commit quickly. */
  chunks(chunkRows: () => number): AsyncGenerator<ValidatedChunk>;
  /** Ends the thread (also when chunks() was never iterated). */
  stop(): Promise<void>;
  /** Once chunks() ran to the file's end: the columns left out whose cells say opt-out, of every row; else null. */
  ignoredOptOuts(): IgnoredOptOutColumn[] | null;
}

/** A chunk whose messages' drafts are still packed, with its drafts made objects, in the file's order. */
function unpacked(chunk: ValidatedChunk<PackedDrafts[]>): ValidatedChunk {
  return { ...chunk, drafts: chunk.drafts.flatMap(unpackDrafts) };
}

/**
 * Starts a parse thread that waits for its job, so that loading its code (~125 ms: the validation and
 * phone libraries) overlaps with whatever comes before the import (warm-import-worker.ts); startParsing()
 * gives it the job, or starts another if it died meanwhile.
 */
export function prestartParseThread(): IdleThread {
  return new IdleThread(new Worker(workerLocation('import-parse-worker'), { workerData: null }));
}

/**
 * Starts parsing at once, so the file is being read while the writer opens the database; in `idle`, a
 * thread started ahead (prestartParseThread) when there is one.
 */
export function startParsing(job: Pick<ImportJob, 'path' | 'options' | 'mapping' | 'fixes'>, idle: IdleThread | null = null): ParsedChunks {
  const parseJob: ParseJob = { path: job.path, options: job.options, mapping: job.mapping, fixes: job.fixes, chunkRows: PARSE_CHUNK_ROWS, window: PARSE_WINDOW };
  const adopted = idle && !idle.isGone() ? idle.adopt() : null;
  adopted?.postMessage({ type: 'start', job: parseJob } satisfies StartMessage);
  const worker = adopted ?? new Worker(workerLocation('import-parse-worker'), { workerData: parseJob });
  const inbox: ParseMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const deliver = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: ParseMessage) => {
    inbox.push(message);
    deliver();
  });
  worker.on('error', (error) => {
    failure ??= new Error(`The import's file reader stopped unexpectedly: ${error.message}`);
    deliver();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`The import's file reader stopped unexpectedly (exit code ${code}).`);
    deliver();
  });
  const next = async (): Promise<ParseMessage> => {
    for (;;) {
      const message = inbox.shift();
      if (message) return message;
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  let ignoredOptOuts: IgnoredOptOutColumn[] | null = null;
  const stop = async () => {
    worker.removeAllListeners('exit');
    await worker.terminate();
  };

  async function* chunks(chunkRows: () => number): AsyncGenerator<ValidatedChunk> {
    // The messages' drafts stay packed until their chunk is written: made into objects on arrival, they lived through
    // this thread's young-generation collections while the chunk before was written, and were copied by each.
    let pending: ValidatedChunk<PackedDrafts[]> | null = null;
    let size = chunkRows();
    try {
      for (;;) {
        const message = await next();
        if (message.type === 'error') throw message.fileError ? new ImportFileError(message.fileError, message.message) : new Error(message.message);
        if (message.type === 'end') {
          ignoredOptOuts = message.ignoredOptOuts;
          break;
        }
        worker.postMessage({ type: 'more', n: 1 } satisfies CreditMessage);
        if (pending === null) {
          const { rows, drafts, rejections, withWarnings, headers, processedBytes, totalBytes } = message;
          pending = { rows, drafts: [drafts], rejections, withWarnings, headers, processedBytes, totalBytes };
        } else {
          pending.drafts.push(message.drafts);
          for (const rejection of message.rejections) pending.rejections.push(rejection);
          pending.rows += message.rows;
          pending.withWarnings += message.withWarnings;
          pending.processedBytes = message.processedBytes;
          pending.totalBytes = message.totalBytes;
        }
        if (pending.rows >= size) {
          const chunk = unpacked(pending);
          pending = null;
          yield chunk;
          size = chunkRows(); // resumed: the writer has written that chunk and sized the next one
        }
      }
      if (pending !== null) yield unpacked(pending);
    } finally {
      await stop();
    }
  }
  return { chunks, stop, ignoredOptOuts: () => ignoredOptOuts };
}
