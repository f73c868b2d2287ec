/**
 * Worker-thread entry (built as `import-parse-worker`): the read → fix → validate half of an import
 * (validated-chunks.ts), run beside the thread that writes, so the two halves overlap on two cores.
 * 100k rows: ~0.9 s of parsing and validating no longer waits for ~1.3 s of writing. It sends at most
 * `window` chunks ahead of the writer. No database. Its job comes as workerData, or (started ahead of
 * it, workerData null) as the first message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportFileError } from '../../parsing/import-file-error';
import { DraftPacker } from './draft-codec';
import type { ParseJob, ParseMessage, ToParseThread } from './parse-protocol';
import { validatedChunksInto } from './validated-chunks';
import { ignoredOptOutCounter } from '../../../shared/opt-out-words';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('import-parse-worker must run in a worker thread');
  const send = (message: ParseMessage) => port.postMessage(message);
  let credit = 0;
  let wake: (() => void) | null = null;
  const started = Promise.withResolvers<ParseJob>();
  port.on('message', (message: ToParseThread) => {
    if (message.type === 'start') return started.resolve(message.job);
    credit += message.n;
    wake?.();
  });
  try {
    const job = (workerData as ParseJob | null) ?? (await started.promise);
    credit += job.window;
    // Columns left out that say "DNC" anywhere in the file: `rlm import` warned of its first 20 rows only. Nothing to
    // watch in a file whose columns are all mapped (the per-row cost is one loop over none).
    const ignoredOptOuts = ignoredOptOutCounter(job.mapping.columns);
    for await (const chunk of validatedChunksInto(job, () => job.chunkRows, (cells) => ignoredOptOuts.add(cells), new DraftPacker())) {
      while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credit -= 1;
      send({ type: 'chunk', ...chunk });
    }
    send({ type: 'end', ignoredOptOuts: ignoredOptOuts.result(true) });
  } catch (error) {
    send({ type: 'error', fileError: error instanceof ImportFileError ? error.code : null, message: error instanceof Error ? error.message : String(error) });
  } finally {
    port.close();
  }
}

void main();
