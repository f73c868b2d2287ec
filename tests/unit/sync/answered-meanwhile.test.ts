import { describe, expect, it } from 'vitest';
import { AnsweredMeanwhile } from '../../../electron/sync/answered-meanwhile';
import type { SyncTransport } from '../../../electron/sync/transport';

/** A transport whose calls wait until the test settles them, and a count of GHL's answers the test moves. */
function world() {
  let answers = 0;
  const witness = new AnsweredMeanwhile({ answersSoFar: () => answers });
  const pending: Array<(error: Error) => void> = [];
  const hanging = () => new Promise<never>((_, reject) => pending.push(reject));
  const transport = witness.watch({ setDnd: hanging, upsertContact: hanging } as unknown as SyncTransport);
  const failNext = () => pending.shift()!(new Error('No answer from GoHighLevel within 1000 ms'));
  return { witness, transport, answer: (n = 1) => (answers += n), failNext };
}

describe('a failure without an answer: the network’s or the call’s own', () => {
  it('is the network’s in an outage: nothing was answered meanwhile, nor since the job last failed', async () => {
    const { witness, transport, failNext } = world();
    for (let round = 0; round < 3; round++) {
      const call = transport.setDnd('c1', { jobId: 7, leadId: 1 });
      failNext();
      const error = await call.catch((e: unknown) => e);
      expect(witness.isOwnFailure(error, [7])).toBe(false);
    }
  });

  it('is the call’s own when GHL answered three others while it waited', async () => {
    const { witness, transport, answer, failNext } = world();
    const call = transport.setDnd('c1', { jobId: 7, leadId: 1 });
    answer(2);
    failNext();
    expect(witness.isOwnFailure(await call.catch((e: unknown) => e), [7])).toBe(false); // two: an outage starts with answers in flight
    const again = transport.setDnd('c1', { jobId: 8, leadId: 2 });
    answer(3);
    failNext();
    expect(witness.isOwnFailure(await again.catch((e: unknown) => e), [8])).toBe(true);
  });

  it('is the call’s own when anything was answered since the same job last failed (the probe found the connection back)', async () => {
    const { witness, transport, answer, failNext } = world();
    const first = transport.upsertContact({} as never, { jobId: 7, leadId: 1 });
    failNext();
    expect(witness.isOwnFailure(await first.catch((e: unknown) => e), [7])).toBe(false);
    answer(); // the runner's probe
    const second = transport.upsertContact({} as never, { jobId: 7, leadId: 1 });
    failNext();
    expect(witness.isOwnFailure(await second.catch((e: unknown) => e), [7])).toBe(true);
    // Another job's first failure proves nothing of its own.
    const other = transport.upsertContact({} as never, { jobId: 9, leadId: 3 });
    failNext();
    expect(witness.isOwnFailure(await other.catch((e: unknown) => e), [9])).toBe(false);
  });
});
