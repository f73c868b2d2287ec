import { describe, expect, it } from 'vitest';
import { AnsweredMeanwhile } from '../../../electron/sync/answered-meanwhile';
import type { SyncTransport } from '../../../electron/sync/transport';

const RECENT_MS = 1_000;
const LOOP_MS = 60_000;

/**
 * A transport whose calls wait until the test answers or fails them, a clock the test moves, and the
 * connection's comebacks (offline → online) the test counts.
 */
function world() {
  let now = 0;
  let comebacks = 0;
  const witness = new AnsweredMeanwhile({ comebacksSoFar: () => comebacks }, { recentMs: RECENT_MS, loopMs: LOOP_MS }, () => now);
  const settle = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let started = 0;
  const call = () => {
    const id = ++started;
    return new Promise<never>((resolve, reject) => settle.set(id, { resolve: () => resolve(undefined as never), reject }));
  };
  const transport = witness.watch({ setDnd: call, upsertContact: call } as Partial<SyncTransport> as SyncTransport);
  /** Starts a call for `jobId` (a DND update, or an upsert: another kind); `fail()` ends it without an answer and says whether it was the call's own failure. */
  const start = (jobId: number, kind: 'dnd' | 'upsert' = 'dnd') => {
    const id = started + 1;
    const target = { jobId, leadId: jobId };
    const sent = kind === 'dnd' ? transport.setDnd('c1', target) : transport.upsertContact({} as never, target);
    const pending = sent.catch((error: unknown) => error);
    return {
      answer: async () => {
        settle.get(id)!.resolve();
        await pending;
      },
      fail: async () => {
        settle.get(id)!.reject(new Error('No answer from GoHighLevel within 1000 ms'));
        return witness.judge(await pending, jobId).isOwn;
      },
    };
  };
  return { witness, start, tick: (ms: number) => (now += ms), comeBack: () => (comebacks += 1) };
}

describe('a failure without an answer: the network’s or the call’s own', () => {
  it('is the network’s in an outage, though calls sent after it were answered before the network went', async () => {
    const { start, tick } = world();
    const stuck = start(1);
    for (let job = 2; job <= 6; job++) await start(job).answer(); // answered before the drop
    tick(2_000); // the network goes; the call's wait runs out
    expect(await stuck.fail()).toBe(false);
  });

  it('is the call’s own when calls sent after it are answered right up to its end', async () => {
    const { start, tick } = world();
    const stuck = start(1);
    tick(1_500);
    await start(2).answer();
    await start(3).answer();
    expect(await stuck.fail()).toBe(false); // two: not enough
    const again = start(1);
    for (let job = 4; job <= 6; job++) await start(job).answer();
    tick(500);
    expect(await again.fail()).toBe(true);
  });

  it('a lone call is known by its loop: it failed just before, and the connection has come back since', async () => {
    const { start, tick, comeBack } = world();
    expect(await start(7).fail()).toBe(false);
    tick(5_000);
    expect(await start(7).fail()).toBe(false); // failed again, the connection never went and came back: an outage
    comeBack(); // the probe found GHL answering
    tick(5_000);
    expect(await start(7).fail()).toBe(true);
    // Another job's first failure proves nothing of its own.
    expect(await start(9).fail()).toBe(false);
  });

  // A lone lead's tag call that hangs: its contact is read and upserted (answered) each time before it. The old rule
  // waited for a comeback, which those answers kept from ever coming: the lead went again for ever.
  it('a lone call is known by its loop too when GHL answered other calls between its failures', async () => {
    const { start, tick } = world();
    expect(await start(7).fail()).toBe(false);
    tick(5_000);
    const stuck = start(7);
    tick(2_000);
    expect(await stuck.fail()).toBe(false); // nothing answered between the two: an outage
    tick(1_000);
    await start(8).answer(); // its contact upserted, before its next call
    expect(await start(7).fail()).toBe(true);
  });

  // GHL's tag endpoint hanging for every contact while contacts are upserted: each lead spent its attempts and failed.
  it('answers to calls of another kind prove nothing of this one’s endpoint', async () => {
    const { start, tick } = world();
    const stuck = start(1);
    tick(1_500);
    for (let job = 2; job <= 6; job++) await start(job, 'upsert').answer();
    expect(await stuck.fail()).toBe(false);
    tick(1_000);
    await start(7, 'upsert').answer(); // its own next upsert, answered
    expect(await start(1).fail()).toBe(false);
  });

  it('the connection’s comeback is no evidence when other leads’ calls of its kind fail too: the endpoint is down', async () => {
    const { start, tick, comeBack } = world();
    expect(await start(7).fail()).toBe(false);
    expect(await start(8).fail()).toBe(false);
    comeBack();
    tick(5_000);
    expect(await start(7).fail()).toBe(false);
  });

  it('a job’s failure of long ago is no evidence: a job failed in Monday’s outage is not Tuesday’s', async () => {
    const { start, tick, comeBack } = world();
    expect(await start(7).fail()).toBe(false);
    comeBack();
    tick(LOOP_MS + 1);
    expect(await start(7).fail()).toBe(false);
  });
});
