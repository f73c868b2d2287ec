import type { Connectivity } from './connectivity';
import { classifyError } from './ghl-transport';
import type { SyncTransport } from './transport';

/**
 * Calls started after a failed one and answered just before it failed that show the network worked: a few, not
 * one. Only later calls count (answers to calls sent before it came in before an outage too), and only answers of
 * the last moments of its wait (an outage that began while it waited cut the answers off before its end).
 */
const LATER_ANSWERS_THAT_PROVE_THE_NETWORK = 3;
/** The later calls' numbers kept, newest last: enough to count a few answered during any one wait. */
const ANSWERED_KEPT = 256;
/** Jobs whose last failure is remembered, at most (an outage fails every job in flight; memory stays small). */
const REMEMBERED_JOBS = 10_000;

/**
 * The kind of request a call is: evidence for a failed call comes from calls of its kind only. GHL's tag endpoint
 * can hang for every contact while contacts are still upserted (an incident at GHL, not one contact): judged by the
 * upserts answered meanwhile, every lead spent its attempts on it and failed. The bulk and the one-contact tag calls
 * are one endpoint; the reads are GETs of contacts, notes and workflows.
 */
type CallKind = 'probe' | 'upsert' | 'update' | 'tags' | 'workflow' | 'note' | 'dnd' | 'read';

/**
 * A job's last failure without an answer: when, how many comebacks of the connection had been seen then, and when
 * its run of such failures (each soon after the one before) began.
 */
interface LastFailure {
  at: number;
  comebacks: number;
  runStart: number;
}

/** A failed call judged: whether the failure is the call's own, and whether the job had failed so just before. */
export interface Verdict {
  isOwn: boolean;
  isRepeat: boolean;
}

/**
 * Whether a call that got no answer (a timeout, a broken connection) failed on its own rather than for the
 * network. Such a failure is the call's (a contact GHL chokes on, a request it never finishes); taken for an
 * outage, it used no attempt and went again for ever, a timeout each time, and its failures in a row called the
 * connection down for every company, again and again (company-lane.ts handleFailure). It is the call's own when:
 * - GHL answered calls of its kind sent after it while it waited (its answer was not lost to the network), or
 * - the same job failed so just before, and since its run of failures began GHL answered calls of its kind (for
 *   other leads), or since its last failure the connection came back (the probe found GHL answering) while no other
 *   lead's call of its kind failed. A lone call, with no other calls at the same time to go by, is known by its
 *   loop: fail, "offline" or the same calls answered, fail again.
 * In an outage neither holds: calls sent after it fail too, and a job waiting out the outage fails once. Nor when
 * one endpoint of GHL hangs for everyone: no call of that kind is answered, and all of them fail.
 */
export class AnsweredMeanwhile {
  private sent = 0;
  /** The calls answered lately (any HTTP answer, an error status too), in the order they were answered. */
  private readonly answered: Array<{ number: number; at: number; kind: CallKind }> = [];
  /** Per failure thrown by a call: the call's number and kind. */
  private readonly callOf = new WeakMap<object, { number: number; kind: CallKind }>();
  private readonly lastFailure = new Map<number, LastFailure>();
  /** The failures without an answer lately, newest last: the jobs' own calls of a kind failing too. */
  private readonly failed: Array<{ jobId: number; at: number; kind: CallKind }> = [];

  /**
   * `recentMs`: how close to a failure the later calls' answers must be. `loopMs`: how soon a call failing on its
   * own fails again (its timeouts, the probe's wait, the claim): a job's earlier failure counts only that recently
   * (a job failed in Monday's outage is not Tuesday's evidence).
   */
  constructor(
    private readonly connectivity: Pick<Connectivity, 'comebacksSoFar'>,
    private readonly timing: { recentMs: number; loopMs: number },
    private readonly now: () => number,
  ) {}

  /** The transport, its calls numbered as they start, and their answers noted. */
  watch(transport: SyncTransport): SyncTransport {
    const noted =
      <A extends unknown[], R>(kind: CallKind, call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const number = ++this.sent;
        try {
          const result = await call(...args);
          this.noteAnswer(number, kind);
          return result;
        } catch (error) {
          // An error status is an answer too: the network carried it.
          if (classifyError(error).status !== null) this.noteAnswer(number, kind);
          else if (typeof error === 'object' && error !== null) this.callOf.set(error, { number, kind });
          throw error;
        }
      };
    return {
      probe: noted('probe', () => transport.probe()),
      upsertContact: noted('upsert', (...args: Parameters<SyncTransport['upsertContact']>) => transport.upsertContact(...args)),
      // Its own kind: another endpoint (PUT /contacts/{id}), which GHL answering upserts proves nothing about.
      updateContact: noted('update', (...args: Parameters<SyncTransport['updateContact']>) => transport.updateContact(...args)),
      bulkAddTags: noted('tags', (...args: Parameters<SyncTransport['bulkAddTags']>) => transport.bulkAddTags(...args)),
      addToWorkflow: noted('workflow', (...args: Parameters<SyncTransport['addToWorkflow']>) => transport.addToWorkflow(...args)),
      workflowStatus: noted('read', (...args: Parameters<SyncTransport['workflowStatus']>) => transport.workflowStatus(...args)),
      readContactDnd: noted('read', (...args: Parameters<SyncTransport['readContactDnd']>) => transport.readContactDnd(...args)),
      getContactTags: noted('read', (...args: Parameters<SyncTransport['getContactTags']>) => transport.getContactTags(...args)),
      addTags: noted('tags', (...args: Parameters<SyncTransport['addTags']>) => transport.addTags(...args)),
      createNote: noted('note', (...args: Parameters<SyncTransport['createNote']>) => transport.createNote(...args)),
      listNotes: noted('read', (...args: Parameters<SyncTransport['listNotes']>) => transport.listNotes(...args)),
      findContact: noted('read', (...args: Parameters<SyncTransport['findContact']>) => transport.findContact(...args)),
      setDnd: noted('dnd', (...args: Parameters<SyncTransport['setDnd']>) => transport.setDnd(...args)),
      whenSendable: () => transport.whenSendable(),
      requestsUsedToday: () => transport.requestsUsedToday(),
    } satisfies SyncTransport;
  }

  private noteAnswer(number: number, kind: CallKind): void {
    this.answered.push({ number, at: this.now(), kind });
    if (this.answered.length > ANSWERED_KEPT) this.answered.splice(0, this.answered.length - ANSWERED_KEPT);
  }

  /**
   * `error`, a failure without an answer thrown by a watched call for one job, judged (see the class). Remembers the
   * failure for the job's next one.
   */
  judge(error: unknown, jobId: number): Verdict {
    const call = typeof error === 'object' && error !== null ? this.callOf.get(error) : undefined;
    const now = this.now();
    const ofItsKind = (answer: { kind: CallKind }) => call !== undefined && answer.kind === call.kind;
    const laterAnswered = this.answered.filter((answer) => ofItsKind(answer) && answer.number > call!.number && now - answer.at <= this.timing.recentMs).length;
    const comebacks = this.connectivity.comebacksSoFar();
    const previous = this.lastFailure.get(jobId);
    const last = previous !== undefined && now - previous.at <= this.timing.loopMs ? previous : undefined;
    const runStart = last?.runStart ?? now;
    // A lone lead whose tag call GHL chokes on has its contact read and upserted (answered) before each: the
    // connection never went down, so it never came back. The other leads' tag calls answered say it is this one's.
    const isAnsweredForOthers = this.answered.some((answer) => ofItsKind(answer) && answer.at > runStart);
    // The connection's comeback says the network works, not this endpoint: when other leads' calls of its kind fail
    // without an answer too, it is the endpoint's (GHL's tag endpoint hanging for everyone), not this call's.
    const isFailingForOthers = this.failed.some((failure) => call !== undefined && failure.kind === call.kind && failure.jobId !== jobId && now - failure.at <= this.timing.loopMs);
    const isLooping = last !== undefined && (isAnsweredForOthers || (comebacks > last.comebacks && !isFailingForOthers));
    if (this.lastFailure.size >= REMEMBERED_JOBS) this.lastFailure.clear();
    this.lastFailure.set(jobId, { at: now, comebacks, runStart });
    if (call !== undefined) {
      this.failed.push({ jobId, at: now, kind: call.kind });
      if (this.failed.length > ANSWERED_KEPT) this.failed.splice(0, this.failed.length - ANSWERED_KEPT);
    }
    return { isOwn: laterAnswered >= LATER_ANSWERS_THAT_PROVE_THE_NETWORK || isLooping, isRepeat: last !== undefined };
  }
}
