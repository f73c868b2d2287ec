/** In-memory GoHighLevel data for the simulator: locations, contacts, notes, custom fields, and the request log. */
import { Ledger } from './ledger';
import { RateWindow } from './rate-window';
import { makeId } from './rng';
import type { FaultKind } from './faults';
import type { SimNote } from './ledger';
import type { SimRateLimit } from './rate-window';

export interface SimCustomFieldInit {
  name: string;
  dataType?: string;
  model?: 'contact' | 'opportunity';
  /** Defaults to a GHL-shaped random id. */
  id?: string;
}

export interface SimCustomField {
  id: string;
  name: string;
  fieldKey: string;
  dataType: string;
  model: 'contact' | 'opportunity';
  position: number;
  locationId: string;
  placeholder?: string;
}

export interface SimLocationInit {
  id: string;
  name: string;
  token: string;
  allowDuplicateContact: boolean;
  /** When set, only these scopes are granted; a call needing another one gets 401. */
  scopes?: string[];
  workflows?: Array<{ id: string; name: string; status?: string }>;
  /** The sub-account's time zone (IANA), served by GET /locations/{id}; default America/Chicago. */
  timezone?: string;
  /** The location's custom fields; default `demoCustomFields` (a GHL location always has some). */
  customFields?: SimCustomFieldInit[];
}

export interface SimLocation extends Omit<SimLocationInit, 'customFields'> {
  timezone: string;
  rate: RateWindow;
}

/** Fields a roofing office typically adds in GHL; the sandbox and tests start with these (ids differ per location, as in GHL). */
export const demoCustomFields: readonly SimCustomFieldInit[] = [{ name: 'Job Type' }, { name: 'Insurance Company' }, { name: 'Claim Number' }, { name: 'Old CRM Status' }];

export interface SimContact {
  id: string;
  locationId: string;
  firstName?: string | null;
  lastName?: string | null;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  timezone?: string | null;
  companyName?: string | null;
  address1?: string | null;
  [field: string]: unknown;
  tags: string[];
  /** Custom field values as GHL returns them: one entry per field id, merged across writes. */
  customFields: Array<{ id: string; value: unknown }>;
  dnd: boolean;
  dndSettings?: Record<string, { status: 'active' | 'inactive' | 'permanent' }>;
  /** Workflows the contact is in (a set); every enrolment call is in the ledger. */
  workflows: string[];
  dateAdded: string;
  dateUpdated: string;
}

export interface SimRequest {
  method: string;
  path: string;
  /** The spec operationId of the route, or null (404). */
  operationId: string | null;
  query: Record<string, string>;
  /** Request headers; the Authorization value is replaced so tests can check it never leaks. */
  headers: Record<string, string>;
  body: unknown;
  /** null when the simulator dropped the connection or never answered. */
  status: number | null;
  locationId: string | null;
  fault: FaultKind | null;
  at: number;
}

/** One tag that became new on a contact: what fires a GHL "Contact Tag" trigger. */
export interface SimTagEvent {
  contactId: string;
  tag: string;
  at: number;
}

export const normEmail = (e: unknown): string | null => (typeof e === 'string' && e.trim() ? e.trim().toLowerCase() : null);
export const normPhone = (p: unknown): string | null => {
  if (typeof p !== 'string') return null;
  const digits = p.replace(/[^\d]/g, '');
  if (!digits) return null;
  // GHL stores E.164; treat a 10-digit US number and +1XXXXXXXXXX as the same phone.
  return digits.length === 10 ? `+1${digits}` : `+${digits}`;
};

/** Keys GHL manages itself or that have their own calls; a write never sets them directly. */
const MANAGED = new Set(['id', 'locationId', 'tags', 'dnd', 'dndSettings', 'workflows', 'createNewIfDuplicateAllowed', 'customFields', 'dateAdded', 'dateUpdated']);

const slug = (name: string): string => name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'field';

export class SimState {
  readonly locations = new Map<string, SimLocation>();
  readonly contacts = new Map<string, SimContact>();
  /** Deleted contacts, kept restorable (GHL keeps them about 60 days). */
  readonly deleted = new Map<string, SimContact & { deletedAt: string }>();
  readonly customFields: SimCustomField[] = [];
  readonly requests: SimRequest[] = [];
  readonly tagEvents: SimTagEvent[] = [];
  readonly ledger = new Ledger();

  constructor(
    private readonly rng: () => number,
    private readonly defaultRate: SimRateLimit,
    readonly now: () => number = Date.now,
  ) {}

  /** Every enrolment call that GHL accepted, repeats included. */
  get enrolments() {
    return this.ledger.enrolments;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  addLocation(init: SimLocationInit): SimLocation {
    const { customFields, ...rest } = init;
    const loc: SimLocation = {
      ...rest,
      timezone: init.timezone ?? 'America/Chicago',
      workflows: init.workflows ?? [{ id: `wf-${init.id}-reactivation`, name: 'Roof reactivation', status: 'published' }],
      rate: new RateWindow({ ...this.defaultRate }, this.now),
    };
    this.locations.set(init.id, loc);
    for (const field of customFields ?? demoCustomFields) this.createCustomField(init.id, field);
    return loc;
  }

  locationByToken(token: string): SimLocation | null {
    for (const loc of this.locations.values()) if (loc.token === token) return loc;
    return null;
  }

  contactsOf(locationId: string): SimContact[] {
    return [...this.contacts.values()].filter((c) => c.locationId === locationId);
  }

  /** Email first, then phone: GHL's default duplicate priority. Deleted contacts never match. */
  findDuplicate(locationId: string, email: unknown, phone: unknown): { contact: SimContact; field: 'email' | 'phone' } | null {
    const e = normEmail(email);
    const p = normPhone(phone);
    const all = this.contactsOf(locationId);
    const byEmail = e ? all.find((c) => normEmail(c.email) === e) : undefined;
    if (byEmail) return { contact: byEmail, field: 'email' };
    const byPhone = p ? all.find((c) => normPhone(c.phone) === p) : undefined;
    return byPhone ? { contact: byPhone, field: 'phone' } : null;
  }

  /** Whether the contact holds this email or phone already, as GHL compares them (email without case, phone as E.164). */
  holds(contact: SimContact, field: 'email' | 'phone', value: unknown): boolean {
    return field === 'email' ? normEmail(value) === normEmail(contact.email) : normPhone(value) === normPhone(contact.phone);
  }

  /** Another contact of the location that holds this email or phone (an update giving it to `contact` would duplicate it). */
  otherHolder(contact: SimContact, email: unknown, phone: unknown): { contact: SimContact; field: 'email' | 'phone' } | null {
    const e = normEmail(email);
    const p = normPhone(phone);
    const others = this.contactsOf(contact.locationId).filter((c) => c.id !== contact.id);
    const byEmail = e ? others.find((c) => normEmail(c.email) === e) : undefined;
    if (byEmail) return { contact: byEmail, field: 'email' };
    const byPhone = p ? others.find((c) => normPhone(c.phone) === p) : undefined;
    return byPhone ? { contact: byPhone, field: 'phone' } : null;
  }

  createContact(locationId: string, fields: Record<string, unknown>): SimContact {
    const now = this.iso();
    const contact: SimContact = { id: makeId(this.rng), locationId, tags: [], customFields: [], dnd: false, workflows: [], dateAdded: now, dateUpdated: now };
    this.applyFields(contact, fields);
    this.contacts.set(contact.id, contact);
    return contact;
  }

  /**
   * A write's `dnd` (or `dndSettings.SMS.status`) on the contact, as GHL takes it; turning an opt-out off is recorded
   * (ledger.dndClears: GHL-NOTES, never send `dnd: false`).
   */
  setDnd(contact: SimContact, body: Record<string, unknown>, via: string): void {
    const settings = body.dndSettings as { SMS?: { status?: unknown } } | undefined;
    const sms = settings?.SMS?.status;
    const dnd = typeof body.dnd === 'boolean' ? body.dnd : sms === 'active' ? true : sms === 'inactive' ? false : undefined;
    if (dnd === undefined) return;
    if (contact.dnd === true && !dnd) this.ledger.dndClears.push({ contactId: contact.id, via });
    contact.dnd = dnd;
  }

  /** Updates contact fields; tags, dnd and ids are never touched this way (they have their own calls). */
  applyFields(contact: SimContact, fields: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(fields)) {
      if (MANAGED.has(k)) continue;
      contact[k] = k === 'email' ? (normEmail(v) ?? v) : k === 'phone' ? (normPhone(v) ?? v) : v;
    }
    if ((fields.firstName || fields.lastName) && !fields.name) {
      contact.name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
    }
    if (Array.isArray(fields.customFields)) this.applyCustomFields(contact, fields.customFields);
    contact.dateUpdated = this.iso();
  }

  /** GHL lower-cases tags; re-adding an existing tag is a no-op and fires nothing. Every call is counted. */
  addTags(contact: SimContact, tags: string[], via: string): string[] {
    const carried: string[] = [];
    const added: string[] = [];
    for (const raw of tags) {
      const tag = raw.trim().toLowerCase();
      if (!tag) continue;
      carried.push(tag);
      if (contact.tags.includes(tag)) continue;
      contact.tags.push(tag);
      added.push(tag);
      this.tagEvents.push({ contactId: contact.id, tag, at: this.now() });
    }
    this.ledger.tagAdds.push({ contactId: contact.id, tags: carried, added, via, at: this.now() });
    return added;
  }

  // ---- custom fields ----

  fieldsOf(locationId: string, model: 'contact' | 'opportunity' | 'all' = 'all'): SimCustomField[] {
    return this.customFields.filter((f) => f.locationId === locationId && (model === 'all' || f.model === model));
  }

  createCustomField(locationId: string, init: SimCustomFieldInit & { placeholder?: string; position?: number }): SimCustomField {
    const model = init.model ?? 'contact';
    const taken = new Set(this.fieldsOf(locationId).map((f) => f.fieldKey));
    const base = `${model}.${slug(init.name)}`;
    let fieldKey = base;
    for (let i = 1; taken.has(fieldKey); i++) fieldKey = `${base}_${i}`;
    const field: SimCustomField = {
      id: init.id ?? makeId(this.rng),
      name: init.name,
      fieldKey,
      dataType: init.dataType ?? 'TEXT',
      model,
      position: init.position ?? this.fieldsOf(locationId).length,
      locationId,
      ...(init.placeholder !== undefined ? { placeholder: init.placeholder } : {}),
    };
    this.customFields.push(field);
    return field;
  }

  /** The contact field an upsert item refers to (by `id`, else by `key` with or without the `contact.` prefix). */
  private fieldFor(locationId: string, item: unknown): SimCustomField | undefined {
    if (typeof item !== 'object' || item === null) return undefined;
    const { id, key } = item as { id?: unknown; key?: unknown };
    const fields = this.fieldsOf(locationId, 'contact');
    if (typeof id === 'string' && id) return fields.find((f) => f.id === id);
    if (typeof key === 'string' && key) return fields.find((f) => f.fieldKey === key || f.fieldKey === `contact.${key}`);
    return undefined;
  }

  /** The ids (or keys) of custom field items that name no contact field of the location. */
  unknownCustomFields(locationId: string, items: unknown): string[] {
    if (!Array.isArray(items)) return [];
    return items
      .filter((item) => !this.fieldFor(locationId, item))
      .map((item) => {
        const { id, key } = (typeof item === 'object' && item !== null ? item : {}) as { id?: unknown; key?: unknown };
        return String(id ?? key ?? '(no id)');
      });
  }

  private applyCustomFields(contact: SimContact, items: unknown[]): void {
    for (const item of items) {
      const field = this.fieldFor(contact.locationId, item);
      if (!field) continue;
      const value = (item as { field_value?: unknown }).field_value;
      const existing = contact.customFields.find((c) => c.id === field.id);
      if (existing) existing.value = value;
      else contact.customFields.push({ id: field.id, value });
    }
  }

  // ---- notes, deletion ----

  addNote(contact: SimContact, dto: { body: string; userId?: string; title?: string; color?: string; pinned?: boolean }): SimNote {
    const note = { ...dto, id: makeId(this.rng), contactId: contact.id, dateAdded: this.iso() };
    this.ledger.notes.push(note);
    return note;
  }

  deleteContact(contact: SimContact): void {
    this.contacts.delete(contact.id);
    this.deleted.set(contact.id, { ...contact, deletedAt: this.iso() });
    this.ledger.deletions.push({ contactId: contact.id, at: this.now() });
  }

  /** Brings a deleted contact back (GHL's restore), tags, fields and notes intact. */
  restoreContact(contactId: string): SimContact {
    const gone = this.deleted.get(contactId);
    if (!gone) throw new Error(`No deleted contact ${contactId}`);
    const { deletedAt: _deletedAt, ...contact } = gone;
    this.deleted.delete(contactId);
    this.contacts.set(contactId, contact);
    return contact;
  }

  /** A contact that already exists in GHL and opted out of messages (in every location, or one). */
  markDnd(emailOrPhone: string, locationId?: string): SimContact[] {
    const isEmail = emailOrPhone.includes('@');
    const out: SimContact[] = [];
    for (const loc of this.locations.values()) {
      if (locationId && loc.id !== locationId) continue;
      const match = this.findDuplicate(loc.id, isEmail ? emailOrPhone : null, isEmail ? null : emailOrPhone);
      const contact = match?.contact ?? this.createContact(loc.id, isEmail ? { email: emailOrPhone } : { phone: emailOrPhone });
      contact.dnd = true;
      contact.dndSettings = { SMS: { status: 'active' } };
      out.push(contact);
    }
    return out;
  }

  /** The contact as GHL returns it (GetContectByIdSchema-like). */
  view(contact: SimContact): Record<string, unknown> {
    const { workflows: _workflows, ...rest } = contact;
    return { ...rest, tags: [...contact.tags], customFields: contact.customFields.map((c) => ({ ...c })) };
  }
}
