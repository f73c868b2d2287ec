/** The contact endpoints the app uses, answering like GHL (shapes from the spec) and counting every write. */
import { contactFor, err, forbidden, record, strings } from './route-kit';
import type { Route, RouteContext, RouteResult } from './route-kit';
import { normPhone, type SimContact } from './state';

/**
 * GHL refuses a write that names a custom field the location does not have. Where the spec is silent we
 * answer 400 with a string message (a business-rule error, unlike the 422 array of DTO validation), and
 * nothing of the request is applied: the stored contact keeps its values.
 */
function rejectUnknownCustomFields(ctx: RouteContext, locationId: string, body: Record<string, unknown>): RouteResult | null {
  const unknown = ctx.state.unknownCustomFields(locationId, body.customFields);
  if (unknown.length === 0) return null;
  return err(400, `Custom field not found for this location: ${unknown.join(', ')}`);
}

function written(ctx: RouteContext, contact: SimContact, kind: 'create' | 'update', via: string, body: Record<string, unknown>): void {
  ctx.state.ledger.writes.push({ contactId: contact.id, kind, via, body: structuredClone(body), at: ctx.state.now() });
}

/** An upsert's fields without its phone. */
function withoutPhone(body: Record<string, unknown>): Record<string, unknown> {
  const { phone: _dropped, ...rest } = body;
  return rest;
}

export const contactRoutes: Route[] = [
  {
    operationId: 'upsert-contact',
    method: 'POST',
    pattern: /^\/contacts\/upsert\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'UpsertContactDto' },
    handle: (ctx) => {
      const body = record(ctx.body);
      const locationId = String(body.locationId);
      if (locationId !== ctx.caller.id) return forbidden();
      const refused = rejectUnknownCustomFields(ctx, locationId, body);
      if (refused) return refused;
      const wantsNew = ctx.caller.allowDuplicateContact && body.createNewIfDuplicateAllowed === true;
      const match = wantsNew ? null : ctx.state.findDuplicate(locationId, body.email, body.phone);
      if (match) {
        // GHL's upsert quirk #37 (GHL-NOTES.md): the email matched this contact and the phone is another's; GHL
        // updates this one and drops the phone, so the contact keeps its own number (or none).
        const phone = normPhone(body.phone);
        const isPhoneOthers = match.field === 'email' && phone !== null && phone !== normPhone(match.contact.phone)
          && ctx.state.contactsOf(locationId).some((other) => other !== match.contact && normPhone(other.phone) === phone);
        ctx.state.applyFields(match.contact, isPhoneOthers ? withoutPhone(body) : body);
        // Like GHL, `dnd` in an upsert sets it: `false` clears a customer's opt-out (counted: the app must never send it).
        ctx.state.setDnd(match.contact, body, 'upsert-contact');
        // Like GHL, `tags` in an upsert replaces all tags (why the client must never send it); without
        // `tags` the contact keeps its own.
        if (Array.isArray(body.tags)) {
          ctx.state.ledger.tagReplacements += 1;
          match.contact.tags = [];
          ctx.state.addTags(match.contact, strings(body.tags), 'upsert-contact');
        }
        written(ctx, match.contact, 'update', 'upsert-contact', body);
        return { status: 200, locationId, body: { new: false, contact: ctx.state.view(match.contact) } };
      }
      const contact = ctx.state.createContact(locationId, body);
      if (Array.isArray(body.tags)) ctx.state.addTags(contact, strings(body.tags), 'upsert-contact');
      if (body.dnd === true) contact.dnd = true;
      written(ctx, contact, 'create', 'upsert-contact', body);
      return { status: 200, locationId, body: { new: true, contact: ctx.state.view(contact) } };
    },
  },
  {
    operationId: 'create-contact',
    method: 'POST',
    pattern: /^\/contacts\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'CreateContactDto' },
    handle: (ctx) => {
      const body = record(ctx.body);
      const locationId = String(body.locationId);
      if (locationId !== ctx.caller.id) return forbidden();
      const refused = rejectUnknownCustomFields(ctx, locationId, body);
      if (refused) return refused;
      if (!ctx.caller.allowDuplicateContact) {
        const match = ctx.state.findDuplicate(locationId, body.email, body.phone);
        if (match) {
          return err(400, 'This location does not allow duplicated contacts.', {
            meta: { contactName: match.contact.name ?? '', contactId: match.contact.id, matchingField: match.field },
          });
        }
      }
      const contact = ctx.state.createContact(locationId, body);
      if (Array.isArray(body.tags)) ctx.state.addTags(contact, strings(body.tags), 'create-contact');
      written(ctx, contact, 'create', 'create-contact', body);
      return { status: 201, locationId, body: { contact: ctx.state.view(contact) } };
    },
  },
  {
    // The spec's operationId for this path really is `create-association`.
    operationId: 'create-association',
    method: 'POST',
    pattern: /^\/contacts\/bulk\/tags\/update\/add\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'UpdateTagsDTO' },
    handle: (ctx) => {
      const body = record(ctx.body);
      const locationId = String(body.locationId);
      if (locationId !== ctx.caller.id) return forbidden();
      const ids = strings(body.contacts);
      if (ids.length > ctx.maxBulkTagBatch) {
        return err(422, [`contacts must contain no more than ${ctx.maxBulkTagBatch} elements`]);
      }
      const tags = strings(body.tags);
      const responses = ids.map((contactId) => {
        const contact = ctx.state.contacts.get(contactId);
        if (!contact) return { contactId, type: 'error', message: 'contact id is not a valid firebase id' };
        if (contact.locationId !== locationId) return { contactId, type: 'error', message: 'contact does not belong to location' };
        const oldTags = [...contact.tags];
        const tagsAdded = ctx.state.addTags(contact, tags, 'create-association');
        return { contactId, type: 'success', message: 'Tags updated', oldTags, tagsAdded, tagsRemoved: [] };
      });
      const errorCount = responses.filter((r) => r.type === 'error').length;
      return { status: 201, locationId, body: { succeded: errorCount === 0, errorCount, responses } };
    },
  },
  {
    operationId: 'add-tags',
    method: 'POST',
    pattern: /^\/contacts\/([^/]+)\/tags\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'TagsDTO' },
    handle: (ctx) => {
      const found = contactFor(ctx);
      if (!found.ok) return found.error;
      ctx.state.addTags(found.contact, strings(record(ctx.body).tags), 'add-tags');
      return { status: 201, locationId: found.contact.locationId, body: { tags: [...found.contact.tags] } };
    },
  },
  {
    operationId: 'add-contact-to-workflow',
    method: 'POST',
    pattern: /^\/contacts\/([^/]+)\/workflow\/([^/]+)\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'CreateWorkflowDto' },
    handle: (ctx) => {
      const found = contactFor(ctx);
      if (!found.ok) return found.error;
      const workflowId = ctx.params[1] ?? '';
      const workflow = ctx.caller.workflows?.find((w) => w.id === workflowId);
      if (!workflow) return err(400, 'Workflow not found');
      // A draft runs for nobody: enrolling into it is refused, as the app's picker offers only published ones.
      if ((workflow.status ?? 'published') !== 'published') return err(400, 'Workflow is not published');
      // GHL answers 200 to a second enrolment too (and with "allow re-entry" runs the workflow again):
      // accept it, and count it, so a test sees the app enrol twice.
      if (!found.contact.workflows.includes(workflowId)) found.contact.workflows.push(workflowId);
      ctx.state.ledger.enrolments.push({ contactId: found.contact.id, workflowId, at: ctx.state.now() });
      return { status: 200, locationId: found.contact.locationId, body: { succeded: true } };
    },
  },
  {
    // The spec leaves the 200 body undocumented; public integrations read `{ contact: {...} | null }`, and so
    // does the client (ghl/client.ts findContact). It matches as upsert does (email first, then phone).
    operationId: 'get-duplicate-contact',
    method: 'GET',
    pattern: /^\/contacts\/search\/duplicate\/?$/,
    scope: 'contacts.readonly',
    handle: (ctx) => {
      const locationId = ctx.query.locationId ?? '';
      if (locationId !== ctx.caller.id) return forbidden();
      if (!ctx.query.number && !ctx.query.email) return err(400, 'number or email is required');
      const match = ctx.state.findDuplicate(locationId, ctx.query.email, ctx.query.number);
      return { status: 200, locationId, body: { contact: match ? ctx.state.view(match.contact) : null } };
    },
  },
  {
    operationId: 'get-contact',
    method: 'GET',
    pattern: /^\/contacts\/([^/]+)\/?$/,
    scope: 'contacts.readonly',
    handle: (ctx) => {
      const found = contactFor(ctx);
      if (!found.ok) return found.error;
      return { status: 200, locationId: found.contact.locationId, body: { contact: ctx.state.view(found.contact) } };
    },
  },
  {
    // The app sends `{ dnd: true }` alone (a customer's opt-out reaching GHL), or an enrolled lead's fields (its contact by id).
    operationId: 'update-contact',
    method: 'PUT',
    pattern: /^\/contacts\/([^/]+)\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'UpdateContactDto' },
    handle: (ctx) => {
      const found = contactFor(ctx);
      if (!found.ok) return found.error;
      const body = record(ctx.body);
      const refused = rejectUnknownCustomFields(ctx, found.contact.locationId, body);
      if (refused) return refused;
      // As a create does (public reports): a location that does not allow duplicates refuses to give a contact the email or
      // phone another contact holds.
      if (!ctx.caller.allowDuplicateContact) {
        // Only a value the contact does not hold yet: one it shares already (duplicates made before the setting) stays.
        const isNew = (field: 'email' | 'phone') => body[field] !== undefined && !ctx.state.holds(found.contact, field, body[field]);
        const match = ctx.state.otherHolder(found.contact, isNew('email') ? body.email : null, isNew('phone') ? body.phone : null);
        if (match) {
          return err(400, 'This location does not allow duplicated contacts.', {
            meta: { contactName: match.contact.name ?? '', contactId: match.contact.id, matchingField: match.field },
          });
        }
      }
      ctx.state.applyFields(found.contact, body);
      ctx.state.setDnd(found.contact, body, 'update-contact');
      // Like GHL ("will overwrite all current tags"), `tags` in an update replaces them: counted, as in an upsert.
      if (Array.isArray(body.tags)) {
        ctx.state.ledger.tagReplacements += 1;
        found.contact.tags = [];
        ctx.state.addTags(found.contact, strings(body.tags), 'update-contact');
      }
      written(ctx, found.contact, 'update', 'update-contact', body);
      return { status: 200, locationId: found.contact.locationId, body: { succeded: true, contact: ctx.state.view(found.contact) } };
    },
  },
  {
    operationId: 'delete-contact',
    method: 'DELETE',
    pattern: /^\/contacts\/([^/]+)\/?$/,
    scope: 'contacts.write',
    handle: (ctx) => {
      const found = contactFor(ctx);
      if (!found.ok) return found.error;
      ctx.state.deleteContact(found.contact);
      return { status: 200, locationId: found.contact.locationId, body: { succeded: true } };
    },
  },
  {
    operationId: 'create-note',
    method: 'POST',
    pattern: /^\/contacts\/([^/]+)\/notes\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'NotesDTO' },
    handle: (ctx) => {
      const found = contactFor(ctx);
      if (!found.ok) return found.error;
      const { body, userId, title, color, pinned } = record(ctx.body);
      // Not idempotent in GHL: every POST is one more note. The ledger counts repeats of the same body.
      const note = ctx.state.addNote(found.contact, {
        body: String(body),
        ...(typeof userId === 'string' ? { userId } : {}),
        ...(typeof title === 'string' ? { title } : {}),
        ...(typeof color === 'string' ? { color } : {}),
        ...(typeof pinned === 'boolean' ? { pinned } : {}),
      });
      return { status: 201, locationId: found.contact.locationId, body: { note: { ...note } } };
    },
  },
  {
    operationId: 'get-all-notes',
    method: 'GET',
    pattern: /^\/contacts\/([^/]+)\/notes\/?$/,
    scope: 'contacts.readonly',
    handle: (ctx) => {
      const found = contactFor(ctx);
      if (!found.ok) return found.error;
      const notes = ctx.state.ledger.notesOf(found.contact.id).map((n) => ({ ...n }));
      return { status: 200, locationId: found.contact.locationId, body: { notes } };
    },
  },
];
