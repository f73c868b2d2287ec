/**
 * Worker-thread entry (built as `import-parse-worker`): the read → fix → validate half of an import
 * (validated-chunks.ts), run beside the thread that writes, so the two halves overlap on two cores.
 * 100k rows: ~0.9 s of parsing and validating no longer waits for ~1.3 s of writing. It sends at most
 * `window` chunks ahead of the writer. No database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportFileError } from '../../parsing/import-file-error';
import { packDrafts } from './draft-codec';
import type { CreditMessage, ParseJob, ParseMessage } from './parse-protocol';
import { validatedChunks } from './validated-chunks';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('import-parse-worker must run in a worker thread');
  const job = workerData as ParseJob;
  const send = (message: ParseMessage) => port.postMessage(message);
  let credit = job.window;
  let wake: (() => void) | null = null;
  port.on('message', (message: CreditMessage) => {
    credit += message.n;
    wake?.();
  });
  try {
    for await (const chunk of validatedChunks(job, () => job.chunkRows)) {
      while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credit -= 1;
      const { rows, drafts, rejections, withWarnings, headers, processedBytes, totalBytes } = chunk;
      send({ type: 'chunk', rows, drafts: packDrafts(drafts), rejections, withWarnings, headers, processedBytes, totalBytes });
    }
    send({ type: 'end' });
  } catch (error) {
    send({ type: 'error', fileError: error instanceof ImportFileError ? error.code : null, message: error instanceof Error ? error.message : String(error) });
  } finally {
    port.close();
  }
}

void main();
