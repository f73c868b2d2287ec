/**
 * GoHighLevel API v2 client for one company (one Private Integration token, one location). Every call
 * goes through openapi-fetch with its path, method, parameters and body typed from the vendored spec
 * (spec.ts); `sendOnce` (http.ts) is the one attempt, `withRetry` (retry.ts) the retries.
 * No `electron` import: it runs in the main process and in worker threads.
 */
import { GhlError, GhlOutcomeUnknownError, isGhlError } from './errors';
import { sendOnce } from './http';
import { sharedRateLimiters } from './rate-limiter';
import { withRetry } from './retry';
import { GHL_BASE_URL, VERSION_HEADER, createGhlApi } from './spec';
import { toUpsertBody } from './upsert-body';
import type { ApiAnswer, AttemptRecord, HttpContext, HttpResult, WireFetch } from './http';
import type { GhlOperation } from './operations';
import type { RateLimiter, RateLimiterRegistry } from './rate-limiter';
import type { RetryOptions } from './retry';
import type { GhlApi } from './spec';
import type { GhlUpdateContactBody, GhlUpsertContactBody } from './upsert-body';
import type { GhlContact, GhlCustomField, GhlNote, GhlWorkflow } from './types';

export interface GhlClientOptions {
  token: string;
  /** The company's location: its rate limiter is the one this client uses. */
  locationId: string;
  baseUrl?: string;
  /** Per-request timeout; default 20 s. */
  timeoutMs?: number;
  /** Per call, not per client: `signal` and `shouldContinue` come in CallOptions. */
  retry?: Omit<RetryOptions, 'signal' | 'shouldContinue' | 'operation' | 'waitSignal'>;
  /**
   * Ends every wait before a request of this client leaves (the rate limiter's, a retry's pause): the call ends with its
   * last try's error, or unsent with a GhlWaitEndedError before any try. A request already on its way is never cut: its answer may have acted
   * (the sync stops this way, and a 429's Retry-After no longer keeps a stop, or `rlm sync --timeout`, waiting).
   */
  waitSignal?: AbortSignal;
  /** Defaults to the thread-wide registry so clients of one location share its budget. */
  rateLimiters?: RateLimiterRegistry;
  /** Largest number of contacts per bulk tag call. */
  bulkTagBatchSize?: number;
  onAttempt?: (attempt: AttemptRecord) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Asked before every attempt (and again right before sending, after the rate limiter's wait); false
   * drops the request: with a GhlRequestSupersededError before its first try, else with that try's error
   * (a 503 may have done the work). For a caller whose data may change meanwhile.
   */
  shouldContinue?: () => boolean;
  /**
   * For a call GHL must not get twice (create-once.ts): told right before each attempt's request leaves
   * (after the rate limiter's wait), and when GHL's answer to an attempt proves it did not act (a 429, say)
   * and the client is about to try again. The intent of the call is written down exactly while a request
   * is on its way: a kill during the wait before a retry leaves nothing for a person to check, and the
   * wait for a note in flight counts from the request that is in flight, not from the first try.
   * What onSend throws stops the call unsent and reaches the caller as it was thrown (no retry).
   */
  onSend?: () => void;
  onRefused?: () => void;
}

export interface GhlLocation {
  id: string;
  name: string;
  allowDuplicateContact: boolean | null;
  /** The sub-account's IANA time zone. */
  timezone: string | null;
  companyId: string | null;
}

export interface UpsertResult {
  isNew: boolean;
  contactId: string;
  /** True when the contact opted out (global DND or SMS DND): do not enrol it. */
  dnd: boolean;
  /** The matched contact's own phone and email (GHL may match by one and hold another the lead lacks). */
  phone: string | null;
  email: string | null;
  /** The matched contact's tags before this call (an upsert without `tags` keeps them). */
  tags: string[];
  traceId: string | null;
}

export interface BulkTagResult {
  contactId: string;
  ok: boolean;
  message: string;
}

export interface CreatedNote {
  id: string;
  body: string;
  traceId: string | null;
}

/** The fields `createCustomField` sends: the app only creates text fields on contacts. */
export interface NewCustomField {
  name: string;
  dataType: 'TEXT';
  model: 'contact';
}

/** True when the contact must not be texted: global DND, or SMS DND active/permanent. */
export function isContactDnd(contact: { dnd?: boolean; dndSettings?: { SMS?: { status?: string } } } | undefined): boolean {
  if (!contact) return false;
  const sms = contact.dndSettings?.SMS?.status;
  return contact.dnd === true || sms === 'active' || sms === 'permanent';
}

/**
 * GET /contacts/search/duplicate's answer as public integrations read it (the spec leaves the 200 body
 * undocumented): `contact` is the match (with an id) or null. Anything else is no answer (undefined), never
 * "none". By hand, not zod: the sync worker that calls it starts without zod (tests/unit/electron/worker-location).
 */
function readDuplicateAnswer(body: unknown): { id: string; dnd?: boolean; dndSettings?: { SMS?: { status?: string } } } | null | undefined {
  if (typeof body !== 'object' || body === null || !('contact' in body)) return undefined;
  const contact: unknown = body.contact;
  if (contact === null) return null;
  if (typeof contact !== 'object' || !('id' in contact) || typeof contact.id !== 'string' || contact.id === '') return undefined;
  const dnd = 'dnd' in contact && typeof contact.dnd === 'boolean' ? contact.dnd : undefined;
  const settings = 'dndSettings' in contact ? contact.dndSettings : undefined;
  const sms = typeof settings === 'object' && settings !== null && 'SMS' in settings ? settings.SMS : undefined;
  const status = typeof sms === 'object' && sms !== null && 'status' in sms && typeof sms.status === 'string' ? sms.status : undefined;
  return { id: contact.id, dnd, dndSettings: { SMS: { status } } };
}

/** The spec types `responses` as string[], but GHL (and its own example) sends objects. */
function parseBulkResponses(raw: unknown): Map<string, { type: string; message: string }> {
  const out = new Map<string, { type: string; message: string }>();
  if (!Array.isArray(raw)) return out;
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const rec: Record<string, unknown> = { ...item };
    if (typeof rec.contactId !== 'string') continue;
    out.set(rec.contactId, {
      type: typeof rec.type === 'string' ? rec.type : 'error',
      message: typeof rec.message === 'string' ? rec.message : '',
    });
  }
  return out;
}

/** A 2xx answer without what a read needs: harmless to ask again. */
function malformed(operation: GhlOperation, what: string, traceId: string | null): GhlError {
  return new GhlError({ kind: 'transient', operation, traceId, message: `GoHighLevel answered without ${what}` });
}

/** A 2xx answer to a create without the created id: it was made, but which one is unknown until GHL is asked. */
function createdWithoutId(operation: GhlOperation, what: string, traceId: string | null): GhlError {
  return new GhlOutcomeUnknownError({ operation, traceId, message: `GoHighLevel answered without ${what}` });
}

/** GHL answers a missing contact with 400 "Contact not found" (or 404). */
function isNotFound(err: unknown): boolean {
  return err instanceof GhlError && err.kind === 'permanent' && (err.status === 404 || (err.status === 400 && /not found/i.test(err.message)));
}

/** Only the contact missing: a 400 naming a custom field "not found" is the field's. */
export function isContactNotFound(err: unknown): boolean {
  return isNotFound(err) && err instanceof GhlError && (err.status === 404 || /contact not found/i.test(err.message));
}

/** What the app reads of a contact GHL answers a write with: its DND, the phone and email it holds, its tags. */
function contactFacts(contact: { id: string; dnd?: boolean; dndSettings?: { SMS?: { status?: string } }; phone?: unknown; email?: unknown; tags?: unknown }) {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const tags = Array.isArray(contact.tags) ? contact.tags.filter((tag): tag is string => typeof tag === 'string') : [];
  return { contactId: contact.id, dnd: isContactDnd(contact), phone: text(contact.phone), email: text(contact.email), tags };
}

export class GhlClient {
  readonly locationId: string;
  private readonly limiter: RateLimiter;
  private readonly bulkBatch: number;
  // #private fields: util.inspect and JSON.stringify of the client never show the token.
  readonly #token: string;
  readonly #api: GhlApi;
  private readonly options: Omit<GhlClientOptions, 'token'>;

  constructor({ token, ...options }: GhlClientOptions) {
    if (!token) throw new Error('A GoHighLevel token is required');
    this.#token = token;
    this.#api = createGhlApi(options.baseUrl ?? GHL_BASE_URL, token);
    this.options = options;
    this.locationId = options.locationId;
    this.limiter = (options.rateLimiters ?? sharedRateLimiters).get(options.locationId);
    this.bulkBatch = Math.max(1, options.bulkTagBatchSize ?? 100);
  }

  get rateLimiter(): RateLimiter {
    return this.limiter;
  }

  async getLocation(locationId: string = this.locationId, call?: CallOptions): Promise<GhlLocation> {
    const res = await this.send('getLocation', call, (fetch) =>
      this.#api.GET('/locations/{locationId}', { params: { path: { locationId }, header: VERSION_HEADER }, fetch }),
    );
    const loc = res.data?.location;
    if (!loc?.id) throw malformed('getLocation', 'a location', res.traceId);
    return {
      id: loc.id,
      name: loc.name ?? '',
      allowDuplicateContact: loc.settings?.allowDuplicateContact ?? null,
      timezone: loc.timezone ?? null,
      companyId: loc.companyId ?? null,
    };
  }

  async getContact(contactId: string, call?: CallOptions): Promise<GhlContact> {
    const res = await this.send('getContact', call, (fetch) =>
      this.#api.GET('/contacts/{contactId}', { params: { path: { contactId }, header: VERSION_HEADER }, fetch }),
    );
    const contact = res.data?.contact;
    if (!contact) throw malformed('getContact', 'a contact', res.traceId);
    return contact;
  }

  /**
   * The contact GHL would match to this phone or email (as upsert matches: the location's dedupe rule), or
   * null when it has none; nothing is created. The spec leaves the answer's body undocumented: public
   * integrations read `{ contact: {...} | null }`, and anything else is an error here, never "none".
   */
  async findContact(match: { phone: string | null; email: string | null }, call?: CallOptions): Promise<{ contactId: string; dnd: boolean } | null> {
    const query = { locationId: this.locationId, ...(match.phone ? { number: match.phone } : {}), ...(match.email ? { email: match.email } : {}) };
    const res = await this.send('findContact', call, (fetch) =>
      this.#api.GET('/contacts/search/duplicate', { params: { query, header: VERSION_HEADER }, fetch }),
    );
    const contact = readDuplicateAnswer(res.data satisfies unknown);
    if (contact === undefined) throw malformed('findContact', '{ contact } (a contact or null)', res.traceId);
    return contact === null ? null : { contactId: contact.id, dnd: isContactDnd(contact) };
  }

  /** Creates or updates the contact GHL matches by email/phone; `timezone`, `companyName`, `customFields` ride along. */
  async upsertContact(body: GhlUpsertContactBody, call?: CallOptions): Promise<UpsertResult> {
    const res = await this.send('upsertContact', call, (fetch) =>
      this.#api.POST('/contacts/upsert', { params: { header: VERSION_HEADER }, body: toUpsertBody(body), fetch }),
    );
    const contact = res.data?.contact;
    if (!contact?.id) throw malformed('upsertContact', 'a contact id', res.traceId);
    return { isNew: res.data?.new === true, ...contactFacts({ ...contact, id: contact.id }), traceId: res.traceId };
  }

  /**
   * Writes the lead's fields to the contact with this id (PUT), the one its campaign texts: an upsert would match a
   * corrected number to nothing and make a second contact, leaving the enrolled one with the old. 'gone': GHL no
   * longer has it.
   */
  async updateContact(contactId: string, body: GhlUpdateContactBody, call?: CallOptions): Promise<Omit<UpsertResult, 'isNew'> | 'gone'> {
    let res;
    try {
      res = await this.send('updateContact', call, (fetch) =>
        this.#api.PUT('/contacts/{contactId}', { params: { path: { contactId }, header: VERSION_HEADER }, body, fetch }),
      );
    } catch (err) {
      // Not a custom field's "not found": the upsert would make the second contact this call is there to avoid.
      if (isContactNotFound(err)) return 'gone';
      throw err;
    }
    const contact = res.data?.contact;
    if (!contact?.id) throw malformed('updateContact', 'the contact', res.traceId);
    return { ...contactFacts({ ...contact, id: contact.id }), traceId: res.traceId };
  }

  async addTags(contactId: string, tags: string[], call?: CallOptions): Promise<string[]> {
    const res = await this.send('addTags', call, (fetch) =>
      this.#api.POST('/contacts/{contactId}/tags', { params: { path: { contactId }, header: VERSION_HEADER }, body: { tags }, fetch }),
    );
    return res.data?.tags ?? [];
  }

  /** Adds tags to many contacts, in batches; one result per requested contact. */
  async bulkAddTags(locationId: string, contactIds: string[], tags: string[], call?: CallOptions): Promise<BulkTagResult[]> {
    const results: BulkTagResult[] = [];
    for (let i = 0; i < contactIds.length; i += this.bulkBatch) {
      const contacts = contactIds.slice(i, i + this.bulkBatch);
      const res = await this.send('bulkAddTags', call, (fetch) =>
        this.#api.POST('/contacts/bulk/tags/update/{type}', {
          params: { path: { type: 'add' }, header: VERSION_HEADER },
          body: { locationId, contacts, tags },
          fetch,
        }),
      );
      const byId = parseBulkResponses(res.data?.responses);
      const allOk = res.data?.succeded === true && (res.data.errorCount ?? 0) === 0;
      for (const contactId of contacts) {
        const r = byId.get(contactId);
        results.push(
          r
            ? { contactId, ok: r.type === 'success', message: r.message }
            : { contactId, ok: allOk, message: allOk ? 'Tags updated' : 'GoHighLevel returned no result for this contact' },
        );
      }
    }
    return results;
  }

  /** Not idempotent (a second enrolment can text the customer twice): never resent after an unknown outcome. */
  async addToWorkflow(contactId: string, workflowId: string, call?: CallOptions): Promise<void> {
    const res = await this.send('addToWorkflow', call, (fetch) =>
      this.#api.POST('/contacts/{contactId}/workflow/{workflowId}', {
        params: { path: { contactId, workflowId }, header: VERSION_HEADER },
        body: {},
        fetch,
      }),
    );
    if (res.data?.succeded === false) {
      throw new GhlError({ kind: 'permanent', operation: 'addToWorkflow', status: res.status, traceId: res.traceId, message: 'GoHighLevel did not enrol the contact' });
    }
  }

  async listWorkflows(locationId: string = this.locationId, call?: CallOptions): Promise<GhlWorkflow[]> {
    const res = await this.send('listWorkflows', call, (fetch) =>
      this.#api.GET('/workflows/', { params: { query: { locationId }, header: VERSION_HEADER }, fetch }),
    );
    return res.data?.workflows ?? [];
  }

  /** Not idempotent (a second POST makes a second note): keep the returned id; never resent after an unknown outcome. */
  async createNote(contactId: string, body: string, call?: CallOptions): Promise<CreatedNote> {
    const res = await this.send('createNote', call, (fetch) =>
      this.#api.POST('/contacts/{contactId}/notes', { params: { path: { contactId }, header: VERSION_HEADER }, body: { body }, fetch }),
    );
    const note = res.data?.note;
    if (!note?.id) throw createdWithoutId('createNote', 'the new note’s id', res.traceId);
    return { id: note.id, body: note.body ?? body, traceId: res.traceId };
  }

  async listNotes(contactId: string, call?: CallOptions): Promise<GhlNote[]> {
    const res = await this.send('listNotes', call, (fetch) =>
      this.#api.GET('/contacts/{contactId}/notes', { params: { path: { contactId }, header: VERSION_HEADER }, fetch }),
    );
    return res.data?.notes ?? [];
  }

  /** All the location's custom fields (contact and opportunity; each carries its `model`). */
  async listCustomFields(locationId: string = this.locationId, call?: CallOptions): Promise<GhlCustomField[]> {
    const res = await this.send('listCustomFields', call, (fetch) =>
      this.#api.GET('/locations/{locationId}/customFields', { params: { path: { locationId }, header: VERSION_HEADER }, fetch }),
    );
    return res.data?.customFields ?? [];
  }

  /** Not idempotent (a second POST makes a second field): never resent after an unknown outcome. */
  async createCustomField(locationId: string, field: NewCustomField, call?: CallOptions): Promise<GhlCustomField & { id: string }> {
    const res = await this.send('createCustomField', call, (fetch) =>
      this.#api.POST('/locations/{locationId}/customFields', {
        params: { path: { locationId }, header: VERSION_HEADER },
        body: { name: field.name, dataType: field.dataType, model: field.model },
        fetch,
      }),
    );
    const created = res.data?.customField;
    if (!created?.id) throw createdWithoutId('createCustomField', 'the new field’s id', res.traceId);
    return { ...created, id: created.id };
  }

  /**
   * Turns on the contact's do-not-disturb (all channels): a customer who opted out in the app must not be
   * texted by a GHL workflow either. Only `dnd: true` is ever sent — never false, which could clear an
   * opt-out the customer made in GHL (GHL-NOTES).
   */
  async setDnd(contactId: string, call?: CallOptions): Promise<'set' | 'already-gone'> {
    try {
      await this.send('setDnd', call, (fetch) =>
        this.#api.PUT('/contacts/{contactId}', { params: { path: { contactId }, header: VERSION_HEADER }, body: { dnd: true }, fetch }),
      );
      return 'set';
    } catch (err) {
      if (isNotFound(err)) return 'already-gone';
      throw err;
    }
  }

  /**
   * Deletes the contact (GHL keeps it restorable for about 60 days). A contact GHL does not know is
   * `already-gone`, so a delete retried after a lost answer still reads as done.
   */
  async deleteContact(contactId: string, call?: CallOptions): Promise<'deleted' | 'already-gone'> {
    try {
      const res = await this.send('deleteContact', call, (fetch) =>
        this.#api.DELETE('/contacts/{contactId}', { params: { path: { contactId }, header: VERSION_HEADER }, fetch }),
      );
      if (res.data?.succeded === false) {
        throw new GhlError({ kind: 'permanent', operation: 'deleteContact', status: res.status, traceId: res.traceId, message: 'GoHighLevel did not delete the contact' });
      }
      return 'deleted';
    } catch (err) {
      if (isNotFound(err)) return 'already-gone';
      throw err;
    }
  }

  /** One call: an attempt per try of `withRetry`, each checked against `shouldContinue` first. */
  private send<D>(operation: GhlOperation, call: CallOptions | undefined, request: (fetch: WireFetch) => Promise<ApiAnswer<D>>): Promise<HttpResult<D>> {
    const ctx: HttpContext = {
      token: this.#token,
      timeoutMs: this.options.timeoutMs ?? 20_000,
      limiter: this.limiter,
      onAttempt: this.options.onAttempt,
      signal: call?.signal,
      waitSignal: this.options.waitSignal,
      shouldContinue: call?.shouldContinue,
      onSend: call?.onSend,
    };
    const retry: RetryOptions = { ...this.options.retry, operation };
    if (this.options.waitSignal) retry.waitSignal = this.options.waitSignal;
    if (call?.signal) retry.signal = call.signal;
    if (call?.shouldContinue) retry.shouldContinue = call.shouldContinue;
    const onRefused = call?.onRefused;
    if (!onRefused) return withRetry(() => sendOnce(ctx, operation, request), retry);
    return withRetry(async () => {
      try {
        return await sendOnce(ctx, operation, request);
      } catch (err) {
        // Retryable means GHL's answer proved it did not act (or nothing was sent at all).
        if (isGhlError(err) && err.isRetryable) onRefused();
        throw err;
      }
    }, retry);
  }
}

export function createGhlClient(options: GhlClientOptions): GhlClient {
  return new GhlClient(options);
}
