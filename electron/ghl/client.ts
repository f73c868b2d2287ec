/**
 * GoHighLevel API v2 client for one company (one Private Integration token, one location).
 * No `electron` import: it runs in the main process and in worker threads.
 */
import { GhlError } from './errors';
import { GHL_BASE_URL, sendOnce } from './http';
import { sharedRateLimiters } from './rate-limiter';
import { withRetry } from './retry';
import { toUpsertBody } from './upsert-body';
import type { AttemptRecord, HttpContext, HttpRequest } from './http';
import type { RateLimiter, RateLimiterRegistry } from './rate-limiter';
import type { RetryOptions } from './retry';
import type { GhlUpsertContactBody } from './upsert-body';
import type {
  AddTagsResponseDto,
  AddToWorkflowDto,
  AddToWorkflowResponseDto,
  GetContactResponseDto,
  GetLocationResponseDto,
  GetWorkflowsResponseDto,
  GhlContact,
  GhlWorkflow,
  TagsDto,
  UpdateTagsDto,
  UpdateTagsResponseDto,
  UpsertContactResponseDto,
} from './types';

export interface GhlClientOptions {
  token: string;
  /** The company's location: its rate limiter is the one this client uses. */
  locationId: string;
  baseUrl?: string;
  /** Per-request timeout; default 20 s. */
  timeoutMs?: number;
  retry?: Omit<RetryOptions, 'signal'>;
  /** Defaults to the thread-wide registry so clients of one location share its budget. */
  rateLimiters?: RateLimiterRegistry;
  /** Largest number of contacts per bulk tag call. */
  bulkTagBatchSize?: number;
  onAttempt?: (attempt: AttemptRecord) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface GhlLocation {
  id: string;
  name: string;
  allowDuplicateContact: boolean | null;
  timezone: string | null;
  companyId: string | null;
}

export interface UpsertResult {
  isNew: boolean;
  contactId: string;
  /** True when the contact opted out (global DND or SMS DND): do not enrol it. */
  dnd: boolean;
  traceId: string | null;
}

export interface BulkTagResult {
  contactId: string;
  ok: boolean;
  message: string;
}

/** True when the contact must not be texted: global DND, or SMS DND active/permanent. */
export function isContactDnd(contact: Pick<GhlContact, 'dnd' | 'dndSettings'> | undefined): boolean {
  if (!contact) return false;
  const sms = contact.dndSettings?.SMS?.status;
  return contact.dnd === true || sms === 'active' || sms === 'permanent';
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

function malformed(operation: HttpRequest['operation'], what: string, traceId: string | null): GhlError {
  return new GhlError({ kind: 'transient', operation, traceId, message: `GoHighLevel answered without ${what}` });
}

export class GhlClient {
  readonly locationId: string;
  private readonly limiter: RateLimiter;
  private readonly bulkBatch: number;
  // A #private field: util.inspect and JSON.stringify of the client never show the token.
  readonly #token: string;
  private readonly options: Omit<GhlClientOptions, 'token'>;

  constructor({ token, ...options }: GhlClientOptions) {
    if (!token) throw new Error('A GoHighLevel token is required');
    this.#token = token;
    this.options = options;
    this.locationId = options.locationId;
    this.limiter = (options.rateLimiters ?? sharedRateLimiters).get(options.locationId);
    this.bulkBatch = Math.max(1, options.bulkTagBatchSize ?? 100);
  }

  get rateLimiter(): RateLimiter {
    return this.limiter;
  }

  async getLocation(locationId: string = this.locationId, call?: CallOptions): Promise<GhlLocation> {
    const res = await this.send<GetLocationResponseDto>(
      { operation: 'getLocation', method: 'GET', path: `locations/${encodeURIComponent(locationId)}` },
      call,
    );
    const loc = res.data.location;
    if (!loc?.id) throw malformed('getLocation', 'a location', res.traceId);
    return {
      id: loc.id,
      name: loc.name ?? '',
      allowDuplicateContact: loc.settings?.allowDuplicateContact ?? null,
      timezone: loc.timezone ?? null,
      companyId: loc.companyId ?? null,
    };
  }

  async upsertContact(body: GhlUpsertContactBody, call?: CallOptions): Promise<UpsertResult> {
    const res = await this.send<UpsertContactResponseDto>(
      { operation: 'upsertContact', method: 'POST', path: 'contacts/upsert', body: toUpsertBody(body) },
      call,
    );
    const contact = res.data.contact;
    if (!contact?.id) throw malformed('upsertContact', 'a contact id', res.traceId);
    return { isNew: res.data.new === true, contactId: contact.id, dnd: isContactDnd(contact), traceId: res.traceId };
  }

  async addTags(contactId: string, tags: string[], call?: CallOptions): Promise<string[]> {
    const body = { tags } satisfies TagsDto;
    const res = await this.send<AddTagsResponseDto>(
      { operation: 'addTags', method: 'POST', path: `contacts/${encodeURIComponent(contactId)}/tags`, body },
      call,
    );
    return res.data.tags ?? [];
  }

  /** Adds tags to many contacts, in batches; one result per requested contact. */
  async bulkAddTags(locationId: string, contactIds: string[], tags: string[], call?: CallOptions): Promise<BulkTagResult[]> {
    const results: BulkTagResult[] = [];
    for (let i = 0; i < contactIds.length; i += this.bulkBatch) {
      const contacts = contactIds.slice(i, i + this.bulkBatch);
      const body = { locationId, contacts, tags } satisfies UpdateTagsDto;
      const res = await this.send<UpdateTagsResponseDto>(
        { operation: 'bulkAddTags', method: 'POST', path: 'contacts/bulk/tags/update/add', body },
        call,
      );
      const byId = parseBulkResponses(res.data.responses);
      const allOk = res.data.succeded === true && (res.data.errorCount ?? 0) === 0;
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

  async addToWorkflow(contactId: string, workflowId: string, call?: CallOptions): Promise<void> {
    const body = {} satisfies AddToWorkflowDto;
    const path = `contacts/${encodeURIComponent(contactId)}/workflow/${encodeURIComponent(workflowId)}`;
    const res = await this.send<AddToWorkflowResponseDto>({ operation: 'addToWorkflow', method: 'POST', path, body }, call);
    if (res.data.succeded === false) {
      throw new GhlError({ kind: 'permanent', operation: 'addToWorkflow', status: 200, traceId: res.traceId, message: 'GoHighLevel did not enrol the contact' });
    }
  }

  async listWorkflows(locationId: string = this.locationId, call?: CallOptions): Promise<GhlWorkflow[]> {
    const res = await this.send<GetWorkflowsResponseDto>(
      { operation: 'listWorkflows', method: 'GET', path: 'workflows/', query: { locationId } },
      call,
    );
    return res.data.workflows ?? [];
  }

  async getContact(contactId: string, call?: CallOptions): Promise<GhlContact> {
    const res = await this.send<GetContactResponseDto>(
      { operation: 'getContact', method: 'GET', path: `contacts/${encodeURIComponent(contactId)}` },
      call,
    );
    if (!res.data.contact) throw malformed('getContact', 'a contact', res.traceId);
    return res.data.contact;
  }

  private send<T>(req: HttpRequest, call?: CallOptions) {
    const ctx: HttpContext = {
      baseUrl: this.options.baseUrl ?? GHL_BASE_URL,
      token: this.#token,
      timeoutMs: this.options.timeoutMs ?? 20_000,
      limiter: this.limiter,
      onAttempt: this.options.onAttempt,
      signal: call?.signal,
    };
    return withRetry(() => sendOnce<T>(ctx, req), { ...this.options.retry, ...(call?.signal ? { signal: call.signal } : {}) });
  }
}

export function createGhlClient(options: GhlClientOptions): GhlClient {
  return new GhlClient(options);
}
