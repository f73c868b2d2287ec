import type { Connectivity } from './connectivity';
import type { SyncTransport } from './transport';

/**
 * Answers to other calls while a failed call waited that show the network worked: a few, not one, since an
 * outage starts with requests in flight that still get their answers.
 */
const ANSWERS_THAT_PROVE_THE_NETWORK = 3;

/** Jobs whose last failure is remembered, at most (an outage fails every job in flight; memory stays small). */
const REMEMBERED_JOBS = 10_000;

/**
 * Whether a call that got no answer (a timeout, a broken connection) failed on its own rather than for the
 * network: GHL answered other calls while it waited, or answered something (the runner's probe that found the
 * connection back) since the same job's last such failure. Such a failure is the call's (a contact GHL chokes
 * on, a request it never finishes). Taken for an outage it used no attempt and went again for ever, a timeout
 * each time, and its failures in a row called the connection down for every company, again and again
 * (company-lane.ts handleFailure). A lone call has no other answers to go by: its first failures still count
 * toward "offline" until the probe answers.
 */
export class AnsweredMeanwhile {
  /** Per failure thrown by a call: how many answers had come when the call started. */
  private readonly answersAtStart = new WeakMap<object, number>();
  /** Per job: how many answers had come at its last failure without an answer. */
  private readonly answersAtLastFailure = new Map<number, number>();

  constructor(private readonly connectivity: Pick<Connectivity, 'answersSoFar'>) {}

  /** The transport, its calls noting what had been answered when each started. */
  watch(transport: SyncTransport): SyncTransport {
    const noted =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const before = this.connectivity.answersSoFar();
        try {
          return await call(...args);
        } catch (error) {
          if (typeof error === 'object' && error !== null) this.answersAtStart.set(error, before);
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

  /**
   * Whether `error`, a failure without an answer thrown by a watched call for `jobIds`, is the call's own: GHL
   * answered enough other calls since the call started, or anything since each job's last such failure.
   * Remembers this failure for the jobs' next one.
   */
  isOwnFailure(error: unknown, jobIds: readonly number[]): boolean {
    const answers = this.connectivity.answersSoFar();
    const atStart = typeof error === 'object' && error !== null ? this.answersAtStart.get(error) : undefined;
    const isDuringCall = atStart !== undefined && answers - atStart >= ANSWERS_THAT_PROVE_THE_NETWORK;
    const isSinceLastFailure = jobIds.length > 0 && jobIds.every((id) => answers > (this.answersAtLastFailure.get(id) ?? Infinity));
    if (this.answersAtLastFailure.size + jobIds.length > REMEMBERED_JOBS) this.answersAtLastFailure.clear();
    for (const id of jobIds) this.answersAtLastFailure.set(id, answers);
    return isDuringCall || isSinceLastFailure;
  }
}
