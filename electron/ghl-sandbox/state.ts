/** In-memory GoHighLevel data for the simulator: locations, contacts, workflows, and the request log. */
import { RateWindow } from './rate-window';
import { makeId } from './rng';
import type { SimRateLimit } from './rate-window';

export interface SimLocationInit {
  id: string;
  name: string;
  token: string;
  allowDuplicateContact: boolean;
  /** When set, only these scopes are granted; a call needing another one gets 401. */
  scopes?: string[];
  workflows?: Array<{ id: string; name: string; status?: string }>;
}

export interface SimLocation extends SimLocationInit {
  rate: RateWindow;
}

export interface SimContact {
  id: string;
  locationId: string;
  firstName?: string | null;
  lastName?: string | null;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  [field: string]: unknown;
  tags: string[];
  dnd: boolean;
  dndSettings?: Record<string, { status: 'active' | 'inactive' | 'permanent' }>;
  workflows: string[];
  dateAdded: string;
  dateUpdated: string;
}

export interface SimRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Request headers; the Authorization value is replaced so tests can check it never leaks. */
  headers: Record<string, string>;
  body: unknown;
  /** null when the simulator dropped the connection or never answered. */
  status: number | null;
  locationId: string | null;
  fault: 'reset' | 'hang' | 'lost-response' | '5xx' | null;
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

export class SimState {
  readonly locations = new Map<string, SimLocation>();
  readonly contacts = new Map<string, SimContact>();
  readonly requests: SimRequest[] = [];
  readonly tagEvents: SimTagEvent[] = [];
  readonly enrolments: Array<{ contactId: string; workflowId: string; at: number }> = [];

  constructor(
    private readonly rng: () => number,
    private readonly defaultRate: SimRateLimit,
  ) {}

  addLocation(init: SimLocationInit): SimLocation {
    const loc: SimLocation = {
      ...init,
      workflows: init.workflows ?? [{ id: `wf-${init.id}-reactivation`, name: 'Roof reactivation', status: 'published' }],
      rate: new RateWindow({ ...this.defaultRate }),
    };
    this.locations.set(init.id, loc);
    return loc;
  }

  locationByToken(token: string): SimLocation | null {
    for (const loc of this.locations.values()) if (loc.token === token) return loc;
    return null;
  }

  contactsOf(locationId: string): SimContact[] {
    return [...this.contacts.values()].filter((c) => c.locationId === locationId);
  }

  /** Email first, then phone: GHL's default duplicate priority. */
  findDuplicate(locationId: string, email: unknown, phone: unknown): { contact: SimContact; field: 'email' | 'phone' } | null {
    const e = normEmail(email);
    const p = normPhone(phone);
    const all = this.contactsOf(locationId);
    const byEmail = e ? all.find((c) => normEmail(c.email) === e) : undefined;
    if (byEmail) return { contact: byEmail, field: 'email' };
    const byPhone = p ? all.find((c) => normPhone(c.phone) === p) : undefined;
    return byPhone ? { contact: byPhone, field: 'phone' } : null;
  }

  createContact(locationId: string, fields: Record<string, unknown>): SimContact {
    const now = new Date().toISOString();
    const contact: SimContact = {
      ...fields,
      id: makeId(this.rng),
      locationId,
      tags: [],
      dnd: false,
      workflows: [],
      dateAdded: now,
      dateUpdated: now,
    };
    this.applyFields(contact, fields);
    this.contacts.set(contact.id, contact);
    return contact;
  }

  /** Updates contact fields; tags, dnd and ids are never touched this way (they have their own calls). */
  applyFields(contact: SimContact, fields: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(fields)) {
      if (['id', 'locationId', 'tags', 'dnd', 'dndSettings', 'workflows', 'createNewIfDuplicateAllowed'].includes(k)) continue;
      contact[k] = k === 'email' ? (normEmail(v) ?? v) : k === 'phone' ? (normPhone(v) ?? v) : v;
    }
    if ((fields.firstName || fields.lastName) && !fields.name) {
      contact.name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
    }
    contact.dateUpdated = new Date().toISOString();
  }

  /** GHL lower-cases tags; re-adding an existing tag is a no-op and fires nothing. */
  addTags(contact: SimContact, tags: string[]): void {
    for (const raw of tags) {
      const tag = raw.trim().toLowerCase();
      if (!tag || contact.tags.includes(tag)) continue;
      contact.tags.push(tag);
      this.tagEvents.push({ contactId: contact.id, tag, at: Date.now() });
    }
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
    return { ...rest, tags: [...contact.tags] };
  }
}
