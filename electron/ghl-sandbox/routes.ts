/** The GoHighLevel endpoints the app uses, answering like the real API (shapes from the spec). */
import type { SpecFile, SpecValidator } from './spec-validator';
import type { SimContact, SimLocation, SimState } from './state';

export interface RouteContext {
  state: SimState;
  validator: SpecValidator;
  /** The location the bearer token belongs to. */
  caller: SimLocation;
  params: string[];
  query: Record<string, string>;
  body: unknown;
  maxBulkTagBatch: number;
}

export interface RouteResult {
  status: number;
  body: Record<string, unknown>;
  /** The location the call was about, for the request log. */
  locationId?: string;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  scope: string;
  /** Spec schema the JSON body must satisfy. */
  schema?: { file: SpecFile; name: string };
  handle: (ctx: RouteContext) => RouteResult;
}

const err = (status: number, message: string | string[], extra: Record<string, unknown> = {}): RouteResult => ({
  status,
  body: {
    statusCode: status,
    message,
    ...(status === 401 ? { error: 'Unauthorized' } : status === 422 ? { error: 'Unprocessable Entity' } : {}),
    ...extra,
  },
});

const forbidden = (): RouteResult => err(403, 'The token does not have access to this location.');
const record = (body: unknown): Record<string, unknown> => (typeof body === 'object' && body !== null ? { ...body } : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

type Found = { ok: true; contact: SimContact } | { ok: false; error: RouteResult };

function contactFor(ctx: RouteContext): Found {
  const contact = ctx.state.contacts.get(ctx.params[0] ?? '');
  if (!contact) return { ok: false, error: err(400, 'Contact not found') };
  if (contact.locationId !== ctx.caller.id) return { ok: false, error: forbidden() };
  return { ok: true, contact };
}

export const routes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/locations\/([^/]+)\/?$/,
    scope: 'locations.readonly',
    handle: (ctx) => {
      const loc = ctx.state.locations.get(ctx.params[0] ?? '');
      if (!loc) return err(400, 'Location not found');
      if (loc.id !== ctx.caller.id) return forbidden();
      return {
        status: 200,
        locationId: loc.id,
        body: {
          location: {
            id: loc.id,
            companyId: 'sim-company',
            name: loc.name,
            timezone: 'America/Chicago',
            country: 'US',
            settings: { allowDuplicateContact: loc.allowDuplicateContact, allowDuplicateOpportunity: false },
          },
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: /^\/contacts\/upsert\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'UpsertContactDto' },
    handle: (ctx) => {
      const body = record(ctx.body);
      const locationId = String(body.locationId);
      if (locationId !== ctx.caller.id) return forbidden();
      const wantsNew = ctx.caller.allowDuplicateContact && body.createNewIfDuplicateAllowed === true;
      const match = wantsNew ? null : ctx.state.findDuplicate(locationId, body.email, body.phone);
      // Like GHL, `tags` in an upsert replaces all tags (why the client must never send it).
      if (match) {
        ctx.state.applyFields(match.contact, body);
        if (Array.isArray(body.tags)) match.contact.tags = [];
        if (Array.isArray(body.tags)) ctx.state.addTags(match.contact, strings(body.tags));
        return { status: 200, locationId, body: { new: false, contact: ctx.state.view(match.contact) } };
      }
      const contact = ctx.state.createContact(locationId, body);
      if (Array.isArray(body.tags)) ctx.state.addTags(contact, strings(body.tags));
      if (body.dnd === true) contact.dnd = true;
      return { status: 200, locationId, body: { new: true, contact: ctx.state.view(contact) } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/contacts\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'CreateContactDto' },
    handle: (ctx) => {
      const body = record(ctx.body);
      const locationId = String(body.locationId);
      if (locationId !== ctx.caller.id) return forbidden();
      if (!ctx.caller.allowDuplicateContact) {
        const match = ctx.state.findDuplicate(locationId, body.email, body.phone);
        if (match) {
          return err(400, 'This location does not allow duplicated contacts.', {
            meta: { contactName: match.contact.name ?? '', contactId: match.contact.id, matchingField: match.field },
          });
        }
      }
      const contact = ctx.state.createContact(locationId, body);
      if (Array.isArray(body.tags)) ctx.state.addTags(contact, strings(body.tags));
      return { status: 201, locationId, body: { contact: ctx.state.view(contact) } };
    },
  },
  {
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
        ctx.state.addTags(contact, tags);
        const tagsAdded = contact.tags.filter((t) => !oldTags.includes(t));
        return { contactId, type: 'success', message: 'Tags updated', oldTags, tagsAdded, tagsRemoved: [] };
      });
      const errorCount = responses.filter((r) => r.type === 'error').length;
      return { status: 201, locationId, body: { succeded: errorCount === 0, errorCount, responses } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/contacts\/([^/]+)\/tags\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'TagsDTO' },
    handle: (ctx) => {
      const found = contactFor(ctx);
      if (!found.ok) return found.error;
      ctx.state.addTags(found.contact, strings(record(ctx.body).tags));
      return { status: 201, locationId: found.contact.locationId, body: { tags: [...found.contact.tags] } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/contacts\/([^/]+)\/workflow\/([^/]+)\/?$/,
    scope: 'contacts.write',
    schema: { file: 'apps/contacts.json', name: 'CreateWorkflowDto' },
    handle: (ctx) => {
      const found = contactFor(ctx);
      if (!found.ok) return found.error;
      const workflowId = ctx.params[1] ?? '';
      if (!ctx.caller.workflows?.some((w) => w.id === workflowId)) return err(400, 'Workflow not found');
      if (!found.contact.workflows.includes(workflowId)) {
        found.contact.workflows.push(workflowId);
        ctx.state.enrolments.push({ contactId: found.contact.id, workflowId, at: Date.now() });
      }
      return { status: 200, locationId: found.contact.locationId, body: { succeded: true } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/workflows\/?$/,
    scope: 'workflows.readonly',
    handle: (ctx) => {
      const locationId = ctx.query.locationId;
      if (!locationId) return err(422, ['locationId should not be empty']);
      if (locationId !== ctx.caller.id) return forbidden();
      const workflows = (ctx.caller.workflows ?? []).map((w) => ({
        id: w.id,
        name: w.name,
        status: w.status ?? 'published',
        version: 1,
        locationId,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
      }));
      return { status: 200, locationId, body: { workflows } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/contacts\/([^/]+)\/?$/,
    scope: 'contacts.readonly',
    handle: (ctx) => {
      const found = contactFor(ctx);
      if (!found.ok) return found.error;
      return { status: 200, locationId: found.contact.locationId, body: { contact: ctx.state.view(found.contact) } };
    },
  },
];

/** Finds the route, checks scope and body schema, and runs it. */
export function dispatch(method: string, path: string, ctx: Omit<RouteContext, 'params'>): RouteResult {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (!m) continue;
    const scopes = ctx.caller.scopes;
    if (scopes && !scopes.includes(route.scope)) {
      return err(401, `The token is not authorized for this scope. Required scope: ${route.scope}`);
    }
    if (route.schema) {
      if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) return err(422, ['body must be an object']);
      const problems = ctx.validator.validate(route.schema.file, route.schema.name, ctx.body);
      if (problems.length > 0) return err(422, problems);
    }
    return route.handle({ ...ctx, params: m.slice(1).map(decodeURIComponent) });
  }
  return err(404, `Cannot ${method} ${path}`, { error: 'Not Found' });
}
