/**
 * What the sync runner needs from GoHighLevel, per company. The runner is written against this
 * interface so queue logic can be tested without HTTP; `ghl-transport.ts` is the real one.
 */
import type { CallOptions } from '../ghl/client';
import type { GhlUpdateContactBody, GhlUpsertContactBody } from '../ghl/upsert-body';

/**
 * Per call: `shouldContinue` is asked before every attempt (a lead edited meanwhile drops its request);
 * `onSend`/`onRefused` keep a create-once intent to the time a request is really on its way.
 */
/** A contact's DND as GHL has it now, and the phone and email it holds. */
/** A customer's phone and email, to find her contact by (GHL's duplicate search). */
export interface ContactMatch {
  phone: string | null;
  email: string | null;
}

export interface ContactDnd {
  isDnd: boolean;
  phone: string | null;
  email: string | null;
}

export type TransportCallOptions = Pick<CallOptions, 'shouldContinue' | 'onSend' | 'onRefused'>;

export type TransportErrorKind = 'offline' | 'transient' | 'auth' | 'daily-limit' | 'permanent';

/** The jobs an HTTP attempt was made for, so each attempt lands in every lead's history. */
export interface AttemptTarget {
  jobId: number;
  leadId: number;
}

export interface UpsertOutcome {
  contactId: string;
  isNew: boolean;
  isDnd: boolean;
  /** The contact's own phone and email in GHL, checked against the opt-out list (it may hold a number the lead lacks). */
  phone?: string | null;
  email?: string | null;
  /** The contact's tags as GHL had them (a campaign tag it already has starts no workflow when added again). */
  tags?: readonly string[];
}

export interface BulkTagOutcome {
  contactId: string;
  isOk: boolean;
  message: string;
}

export interface SyncTransport {
  /** A cheap authenticated call (GET location) to learn whether GHL is reachable again. */
  probe(): Promise<void>;
  upsertContact(body: GhlUpsertContactBody, target: AttemptTarget, call?: TransportCallOptions): Promise<UpsertOutcome>;
  /** Writes the lead's fields to a known contact by its id (the one its campaign texts); 'gone' when GHL no longer has it. */
  updateContact(contactId: string, body: GhlUpdateContactBody, target: AttemptTarget, call?: TransportCallOptions): Promise<UpsertOutcome | 'gone'>;
  bulkAddTags(contactIds: string[], tags: string[], targets: AttemptTarget[], call?: TransportCallOptions): Promise<BulkTagOutcome[]>;
  addToWorkflow(contactId: string, workflowId: string, target: AttemptTarget, call?: TransportCallOptions): Promise<void>;
  /**
   * Whether the location still has this workflow, published (asked after GHL refused an enrolment: a
   * workflow deleted or unpublished in GHL pauses the company instead of failing every lead in turn).
   */
  workflowStatus(workflowId: string, target: AttemptTarget): Promise<'published' | 'unpublished' | 'missing'>;
  /**
   * Whether GHL has the contact on do-not-disturb now (a STOP reply there), with the phone and email the contact
   * holds (the customer's, maybe other than the lead's). No job: logged against none.
   * 'gone': GHL no longer has the contact, nor (with `lookup`) another of hers it was merged into: nobody
   * there is texted through it. Found by `lookup`, that contact's DND is the answer (a merge keeps her STOP on the one left).
   */
  readContactDnd(contactId: string, call?: TransportCallOptions, lookup?: ContactMatch): Promise<ContactDnd | 'gone'>;
  /** The contact's tags as GHL has them now (to settle a tag enrolment whose outcome is unknown). */
  getContactTags(contactId: string, target: AttemptTarget): Promise<string[]>;
  /** Adds tags to one contact (never replaces its tags); idempotent in GHL. */
  addTags(contactId: string, tags: string[], target: AttemptTarget, call?: TransportCallOptions): Promise<void>;
  /** Not idempotent: sent once, through create-once.ts; a lost answer is an unknown outcome. */
  createNote(contactId: string, body: string, target: AttemptTarget, call?: TransportCallOptions): Promise<{ noteId: string }>;
  /** The contact's notes (to settle a note whose answer was lost). */
  listNotes(contactId: string, target: AttemptTarget): Promise<Array<{ id: string | null; body: string | null }>>;
  /**
   * The contact GHL has for this phone or email, matched as an upsert would be (nothing is created), or null:
   * for a lead whose upsert may have landed without its answer.
   */
  findContact(match: { phone: string | null; email: string | null }, target: AttemptTarget, call?: TransportCallOptions): Promise<{ contactId: string; dnd: boolean } | null>;
  /** Turns on the contact's DND in GHL (never off); 'already-gone' when GHL has no such contact any more. */
  setDnd(contactId: string, target: AttemptTarget, call?: TransportCallOptions): Promise<'set' | 'already-gone'>;
  /** Resolves once a request to the location could go now (the rate limiter's wait, no slot taken). */
  whenSendable(): Promise<void>;
  /** Requests this location used today, when known. */
  requestsUsedToday(): number | null;
}

/** A failure the runner can act on; other thrown values are treated as transient. */
export interface ClassifiedError {
  kind: TransportErrorKind;
  message: string;
  status: number | null;
  /** daily-limit: when sending may resume. */
  resetsAt: number | null;
  /** 429: GHL's Retry-After, in ms, when it sent one. */
  retryAfterMs?: number | null;
  /** A call that must not run twice was sent and GHL may have acted: ask GHL before sending it again. */
  isOutcomeUnknown: boolean;
  /** The request was dropped before sending because its data changed (the caller's shouldContinue). */
  isSuperseded: boolean;
}

export interface TransportCompany {
  id: number;
  locationId: string;
  baseUrl: string;
}

export interface TransportHooks {
  /** Aborted when the sync stops: ends the transport's waits before a request leaves (GhlClientOptions.waitSignal). */
  stopped?: AbortSignal;
  /**
   * GHL answered an attempt, whatever the answer (a 429, a 503): told at once, not when the call's retries end (a 429's
   * wait of two minutes left the dashboard at "Connection not checked yet" meanwhile): Connectivity.answeredFirst.
   */
  onAnswer?: () => void;
}

export type TransportFactory = (company: TransportCompany, token: string, hooks?: TransportHooks) => SyncTransport;
