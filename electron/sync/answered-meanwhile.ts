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

/** A job's last failure without an answer: when, and how many comebacks of the connection had been seen then. */
interface LastFailure {
  at: number;
  comebacks: number;
}

/**
 * Whether a call that got no answer (a timeout, a broken connection) failed on its own rather than for the
 * network. Such a failure is the call's (a contact GHL chokes on, a request it never finishes); taken for an
 * outage, it used no attempt and went again for ever, a timeout each time, and its failures in a row called the
 * connection down for every company, again and again (company-lane.ts handleFailure). It is the call's own when:
 * - GHL answered calls sent after it while it waited (its answer was not lost to the network), or
 * - the same job failed so just before, and GHL has answered since (the probe that found the connection back, or
 *   any other call): a lone call, with no other calls at the same time to go by, is known by its loop: fail,
 *   "offline" or other calls answered, fail again.
 * In an outage neither holds: calls sent after it fail too, and a job waiting out the outage fails once.
 */
export class AnsweredMeanwhile {
  private sent = 0;
  /** The calls answered lately (any HTTP answer, an error status too), in the order they were answered. */
  private readonly answered: Array<{ number: number; at: number }> = [];
  /** Per failure thrown by a call: the call's number. */
  private readonly numberOf = new WeakMap<object, number>();
  private readonly lastFailure = new Map<number, LastFailure>();

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
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const number = ++this.sent;
        try {
          const result = await call(...args);
          this.noteAnswer(number);
          return result;
        } catch (error) {
          // An error status is an answer too: the network carried it.
          if (classifyError(error).status !== null) this.noteAnswer(number);
          else if (typeof error === 'object' && error !== null) this.numberOf.set(error, number);
          throw error;
        }
      };
    return {
      probe: noted(() => transport.probe()),
      upsertContact: noted((...args: Parameters<SyncTransport['upsertContact']>) => transport.upsertContact(...args)),
      bulkAddTags: noted((...args: Parameters<SyncTransport['bulkAddTags']>) => transport.bulkAddTags(...args)),
      addToWorkflow: noted((...args: Parameters<SyncTransport['addToWorkflow']>) => transport.addToWorkflow(...args)),
      workflowStatus: noted((...args: Parameters<SyncTransport['workflowStatus']>) => transport.workflowStatus(...args)),
      isContactDnd: noted((...args: Parameters<SyncTransport['isContactDnd']>) => transport.isContactDnd(...args)),
      getContactTags: noted((...args: Parameters<SyncTransport['getContactTags']>) => transport.getContactTags(...args)),
      addTags: noted((...args: Parameters<SyncTransport['addTags']>) => transport.addTags(...args)),
      createNote: noted((...args: Parameters<SyncTransport['createNote']>) => transport.createNote(...args)),
      listNotes: noted((...args: Parameters<SyncTransport['listNotes']>) => transport.listNotes(...args)),
      findContact: noted((...args: Parameters<SyncTransport['findContact']>) => transport.findContact(...args)),
      setDnd: noted((...args: Parameters<SyncTransport['setDnd']>) => transport.setDnd(...args)),
      whenSendable: () => transport.whenSendable(),
      requestsUsedToday: () => transport.requestsUsedToday(),
    } satisfies SyncTransport;
  }

  private noteAnswer(number: number): void {
    this.answered.push({ number, at: this.now() });
    if (this.answered.length > ANSWERED_KEPT) this.answered.splice(0, this.answered.length - ANSWERED_KEPT);
  }

  /**
   * Whether `error`, a failure without an answer thrown by a watched call for one job, is the call's own (see the
   * class). Remembers the failure for the job's next one.
   */
  isOwnFailure(error: unknown, jobId: number): boolean {
    const number = typeof error === 'object' && error !== null ? this.numberOf.get(error) : undefined;
    const now = this.now();
    const laterAnswered = number === undefined ? 0 : this.answered.filter((answer) => answer.number > number && now - answer.at <= this.timing.recentMs).length;
    const comebacks = this.connectivity.comebacksSoFar();
    const last = this.lastFailure.get(jobId);
    // Since its last failure, the connection came back (a comeback) or GHL answered any call (a lone lead's own other
    // steps: the contact read and upserted each time before its tag call hangs).
    const isAnsweredSince = last !== undefined && (comebacks > last.comebacks || this.answered.some((answer) => answer.at > last.at));
    const isLooping = last !== undefined && isAnsweredSince && now - last.at <= this.timing.loopMs;
    if (this.lastFailure.size >= REMEMBERED_JOBS) this.lastFailure.clear();
    this.lastFailure.set(jobId, { at: now, comebacks });
    return laterAnswered >= LATER_ANSWERS_THAT_PROVE_THE_NETWORK || isLooping;
  }
}
