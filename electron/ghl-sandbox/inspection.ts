/** What tests read back from the simulator: one contact whole, and the `/__sim/*` endpoints for other processes. */
import type { SimEnrolment, SimNote, SimTagAdd, SimWrite } from './ledger';
import type { SimState } from './state';

/** Everything the simulator knows about one contact, for a test to read back whole. */
export interface SimContactRecord {
  /** As GET /contacts/{id} would return it (timezone, companyName, address1, tags, customFields …). */
  contact: Record<string, unknown>;
  isDeleted: boolean;
  workflows: string[];
  notes: SimNote[];
  enrolments: SimEnrolment[];
  writes: SimWrite[];
  tagAdds: SimTagAdd[];
}

/** Live or deleted; null when the simulator never had the contact. */
export function contactRecord(state: SimState, contactId: string): SimContactRecord | null {
  const live = state.contacts.get(contactId);
  const contact = live ?? state.deleted.get(contactId);
  if (!contact) return null;
  const { ledger } = state;
  return {
    contact: state.view(contact),
    isDeleted: !live,
    workflows: [...contact.workflows],
    notes: ledger.notesOf(contactId),
    enrolments: ledger.enrolmentsOf(contactId),
    writes: ledger.writesOf(contactId),
    tagAdds: ledger.tagAddsOf(contactId),
  };
}

/** The answer to a `/__sim/*` request (read-only: no endpoint changes the simulator). */
export function inspection(state: SimState, url: URL): { status: number; body: Record<string, unknown> } {
  switch (url.pathname) {
    case '/__sim/contacts': {
      const id = url.searchParams.get('locationId');
      return { status: 200, body: { contacts: id ? state.contactsOf(id) : [...state.contacts.values()] } };
    }
    case '/__sim/record': {
      const found = contactRecord(state, url.searchParams.get('contactId') ?? '');
      return found ? { status: 200, body: { record: found } } : { status: 404, body: { statusCode: 404, message: 'unknown contact' } };
    }
    case '/__sim/requests':
      return { status: 200, body: { requests: state.requests } };
    case '/__sim/tag-events':
      return { status: 200, body: { tagEvents: state.tagEvents, enrolments: state.enrolments } };
    case '/__sim/stats':
      return { status: 200, body: { stats: state.ledger.stats(state.requests) } };
    case '/__sim/duplicates':
      return { status: 200, body: { duplicates: state.ledger.duplicates(state.customFields) } };
    default:
      return { status: 404, body: { statusCode: 404, message: 'unknown sim endpoint' } };
  }
}
