/** The real SyncTransport: the GHL client, with every HTTP attempt written to sync_attempts. */
import { GhlClient, isContactDnd, isContactNotFound, type UpsertResult } from '../ghl/client';
import { GhlWaitEndedError, isGhlError } from '../ghl/errors';
import { RateLimiterRegistry } from '../ghl/rate-limiter';
import type { AttemptRecord } from '../ghl/http';
import type { SyncConfig } from './config';
import { isSamePhone } from './phone-kept';
import type { AttemptRow } from './sync-store';
import type { AttemptTarget, ClassifiedError, ContactDnd, ContactMatch, SyncTransport, TransportCallOptions, TransportCompany, TransportFactory, TransportHooks, UpsertOutcome } from './transport';

export interface GhlTransportDeps {
  config: Pick<SyncConfig, 'clientAttempts' | 'requestTimeoutMs' | 'bulkTagBatch' | 'retryBaseMs'>;
  recordAttempts: (rows: AttemptRow[]) => void;
  /** One registry per runner: each location's limiter is shared by all its calls. */
  rateLimiters?: RateLimiterRegistry;
}

/**
 * GhlError kinds the lane does not handle yet map to the kind it treated them as before (so nothing
 * changes for it), with a flag: `unknown-outcome` (a non-idempotent call sent, outcome unknown: the lane
 * should resolve it by reading GHL before any second attempt) was offline (no answer) or transient
 * (5xx, unreadable 2xx); `superseded` (dropped before sending: when the lane's shouldContinue says no, or the sync stopped while it waited)
 * is transient.
 */
export function classifyError(error: unknown): ClassifiedError {
  if (isGhlError(error)) {
    const base = { message: error.message, status: error.status, resetsAt: error.resetsAt?.getTime() ?? null, retryAfterMs: error.retryAfterMs };
    switch (error.kind) {
      case 'unknown-outcome':
        return { ...base, kind: error.status === null ? 'offline' : 'transient', isOutcomeUnknown: true, isSuperseded: false };
      case 'superseded':
        return { ...base, kind: 'transient', isOutcomeUnknown: false, isSuperseded: true };
      default:
        return { ...base, kind: error.kind, isOutcomeUnknown: false, isSuperseded: false };
    }
  }
  return { kind: 'transient', message: error instanceof Error ? error.message : String(error), status: null, resetsAt: null, isOutcomeUnknown: false, isSuperseded: false };
}

const UNWRITTEN_MAX = 1_000;

export function createGhlTransportFactory(deps: GhlTransportDeps): TransportFactory {
  const limiters = deps.rateLimiters ?? new RateLimiterRegistry();
  return (company, token, hooks = {}) => new GhlTransport(company, token, deps, limiters, hooks);
}

/** A contact write's answer as the sync reads it. */
function outcomeOf(result: Omit<UpsertResult, 'isNew'>, isNew: boolean): UpsertOutcome {
  return { contactId: result.contactId, isNew, isDnd: result.dnd, phone: result.phone, email: result.email, tags: result.tags };
}

class GhlTransport implements SyncTransport {
  // #private: the token never shows in inspect/JSON output of the transport.
  readonly #token: string;
  private unwritten: AttemptRow[] = [];

  constructor(
    private readonly company: TransportCompany,
    token: string,
    private readonly deps: GhlTransportDeps,
    private readonly limiters: RateLimiterRegistry,
    private readonly hooks: TransportHooks,
  ) {
    this.#token = token;
  }

  /** A client per call, so its attempt callback knows which jobs the attempt served. Cheap: the limiter is shared. */
  private client(targets: readonly AttemptTarget[]): GhlClient {
    return new GhlClient({
      token: this.#token,
      locationId: this.company.locationId,
      baseUrl: this.company.baseUrl,
      timeoutMs: this.deps.config.requestTimeoutMs,
      rateLimiters: this.limiters,
      bulkTagBatchSize: this.deps.config.bulkTagBatch,
      retry: { attempts: Math.max(1, this.deps.config.clientAttempts), baseDelayMs: 250, maxDelayMs: 5_000 },
      onAttempt: (attempt) => this.record(attempt, targets),
      ...(this.hooks.stopped ? { waitSignal: this.hooks.stopped } : {}),
    });
  }

  private record(attempt: AttemptRecord, targets: readonly AttemptTarget[]): void {
    const base = {
      companyId: this.company.id,
      operation: attempt.operation,
      httpStatus: attempt.status,
      errorCode: attempt.errorKind,
      message: attempt.message,
      traceId: attempt.traceId,
      durationMs: attempt.durationMs,
      at: attempt.at,
    };
    const rows: AttemptRow[] =
      targets.length === 0 ? [{ ...base, jobId: null, leadId: null }] : targets.map((t) => ({ ...base, jobId: t.jobId, leadId: t.leadId }));
    // The log must never turn GHL's answer into an error: a throw here (a locked database) would make a
    // successful enrolment look failed, and the lane could send it again. Rows that cannot be written now
    // wait (bounded) for the next attempt's write.
    this.unwritten.push(...rows);
    try {
      this.deps.recordAttempts(this.unwritten);
      this.unwritten = [];
    } catch {
      if (this.unwritten.length > UNWRITTEN_MAX) this.unwritten = this.unwritten.slice(-UNWRITTEN_MAX);
    }
    if (attempt.status === null) return;
    // Nor may the connection's news: it is saved to the database too.
    try {
      this.hooks.onAnswer?.();
    } catch {
      // The call's own outcome tells the connection again.
    }
  }

  async whenSendable(): Promise<void> {
    try {
      await this.limiters.get(this.company.locationId).whenFree(this.hooks.stopped);
    } catch (error) {
      // Sending stopped while the call waited for its turn: dropped unsent, as the client drops one (GhlWaitEndedError).
      if (this.hooks.stopped?.aborted) throw new GhlWaitEndedError(null);
      throw error;
    }
  }

  async probe(): Promise<void> {
    await this.client([]).getLocation();
  }

  async upsertContact(body: Parameters<SyncTransport['upsertContact']>[0], target: AttemptTarget, call?: TransportCallOptions) {
    const result = await this.client([target]).upsertContact(body, call);
    return outcomeOf(result, result.isNew);
  }

  async updateContact(contactId: string, body: Parameters<SyncTransport['updateContact']>[1], target: AttemptTarget, call?: TransportCallOptions) {
    const result = await this.client([target]).updateContact(contactId, body, call);
    return result === 'gone' ? result : outcomeOf(result, false);
  }

  async bulkAddTags(contactIds: string[], tags: string[], targets: AttemptTarget[], call?: TransportCallOptions) {
    const results = await this.client(targets).bulkAddTags(this.company.locationId, contactIds, tags, call);
    return results.map((r) => ({ contactId: r.contactId, isOk: r.ok, message: r.message }));
  }

  async addToWorkflow(contactId: string, workflowId: string, target: AttemptTarget, call?: TransportCallOptions): Promise<void> {
    await this.client([target]).addToWorkflow(contactId, workflowId, call);
  }

  async workflowStatus(workflowId: string, target: AttemptTarget): Promise<'published' | 'unpublished' | 'missing'> {
    const workflow = (await this.client([target]).listWorkflows()).find((w) => w.id === workflowId);
    if (!workflow) return 'missing';
    // The picker lists only published workflows (connection-test.ts); a status GHL leaves out counts as published there too.
    return (workflow.status ?? 'published') === 'published' ? 'published' : 'unpublished';
  }

  async readContactDnd(contactId: string, call?: TransportCallOptions, lookup?: ContactMatch): Promise<ContactDnd | 'gone'> {
    const client = this.client([]);
    let contact;
    try {
      contact = await client.getContact(contactId, call);
    } catch (error) {
      if (!isContactNotFound(error)) throw error;
      return lookup ? this.readFoundContactDnd(lookup, call) : 'gone';
    }
    return { isDnd: isContactDnd(contact), phone: contact.phone ?? null, email: contact.email ?? null };
  }

  /**
   * Her contact found again by her number (else her email), its DND read from the contact itself. By number first, and
   * only a contact that holds her number: GHL's duplicate search matches by email first, and a spouse's contact with
   * the same email answered for her number.
   */
  private async readFoundContactDnd(lookup: ContactMatch, call?: TransportCallOptions): Promise<ContactDnd | 'gone'> {
    const client = this.client([]);
    const found = await client.findContact(lookup.phone !== null ? { phone: lookup.phone, email: null } : lookup, call);
    if (found === null) return 'gone';
    const contact = await client.getContact(found.contactId, call);
    const phone = contact.phone ?? null;
    if (lookup.phone !== null && !isSamePhone(phone, lookup.phone)) return 'gone';
    return { isDnd: isContactDnd(contact), phone, email: contact.email ?? null };
  }

  async getContactTags(contactId: string, target: AttemptTarget): Promise<string[]> {
    const contact = await this.client([target]).getContact(contactId);
    return contact.tags ?? [];
  }

  async addTags(contactId: string, tags: string[], target: AttemptTarget, call?: TransportCallOptions): Promise<void> {
    await this.client([target]).addTags(contactId, tags, call);
  }

  findContact(match: { phone: string | null; email: string | null }, target: AttemptTarget, call?: TransportCallOptions): Promise<{ contactId: string; dnd: boolean } | null> {
    return this.client([target]).findContact(match, call);
  }

  setDnd(contactId: string, target: AttemptTarget, call?: TransportCallOptions): Promise<'set' | 'already-gone'> {
    return this.client([target]).setDnd(contactId, call);
  }

  async createNote(contactId: string, body: string, target: AttemptTarget, call?: TransportCallOptions): Promise<{ noteId: string }> {
    const note = await this.client([target]).createNote(contactId, body, call);
    return { noteId: note.id };
  }

  async listNotes(contactId: string, target: AttemptTarget): Promise<Array<{ id: string | null; body: string | null }>> {
    const notes = await this.client([target]).listNotes(contactId);
    return notes.map((note) => ({ id: note.id ?? null, body: note.body ?? null }));
  }

  requestsUsedToday(): number | null {
    const snap = this.limiters.get(this.company.locationId).snapshot();
    if (snap.dailyLimit !== null && snap.dailyRemaining !== null) return snap.dailyLimit - snap.dailyRemaining;
    return snap.requestsToday;
  }
}
