/**
 * Type-level test, run by `tsc -p tsconfig.json` (CI's type check), never executed: a GHL call that does
 * not match the vendored spec must not compile. Each `@ts-expect-error` fails the type check if the line
 * under it ever becomes valid, so this file proves the client's calls are checked, not just typed.
 */
import { VERSION_HEADER, createGhlApi } from '../../../electron/ghl/spec';

declare const api: ReturnType<typeof createGhlApi>;
const header = VERSION_HEADER;

export async function specMismatchesDoNotCompile(): Promise<void> {
  // The correct calls compile.
  await api.POST('/contacts/upsert', { params: { header }, body: { locationId: 'L', email: 'a@b.com', timezone: 'America/Chicago' } });
  await api.POST('/contacts/{contactId}/notes', { params: { header, path: { contactId: 'c' } }, body: { body: 'hello' } });
  await api.POST('/locations/{locationId}/customFields', { params: { header, path: { locationId: 'L' } }, body: { name: 'Job type', dataType: 'TEXT', model: 'contact' } });
  await api.DELETE('/contacts/{contactId}', { params: { header, path: { contactId: 'c' } } });
  await api.POST('/contacts/bulk/tags/update/{type}', { params: { header, path: { type: 'add' } }, body: { locationId: 'L', contacts: ['c'], tags: ['t'] } });

  // A path the spec does not have.
  // @ts-expect-error '/contacts/{contactId}/note' is not a spec path
  await api.POST('/contacts/{contactId}/note', { params: { header, path: { contactId: 'c' } }, body: { body: 'x' } });

  // A method the path does not have (upsert is POST only).
  // @ts-expect-error GET is not defined for /contacts/upsert
  await api.GET('/contacts/upsert', { params: { header } });

  // A body property the schema does not have.
  // @ts-expect-error `tag` is not a property of UpsertContactDto
  await api.POST('/contacts/upsert', { params: { header }, body: { locationId: 'L', tag: 'x' } });

  // A required body property missing (NotesDTO.body).
  // @ts-expect-error NotesDTO requires `body`
  await api.POST('/contacts/{contactId}/notes', { params: { header, path: { contactId: 'c' } }, body: { title: 'x' } });

  // A wrong enum value (custom field model).
  // @ts-expect-error model is 'contact' | 'opportunity'
  await api.POST('/locations/{locationId}/customFields', { params: { header, path: { locationId: 'L' } }, body: { name: 'n', dataType: 'TEXT', model: 'lead' } });

  // A missing path parameter.
  // @ts-expect-error path.contactId is required
  await api.GET('/contacts/{contactId}', { params: { header, path: {} } });

  // A missing required query parameter (workflows need locationId).
  // @ts-expect-error query.locationId is required
  await api.GET('/workflows/', { params: { header, query: {} } });

  // A Version header the spec does not allow.
  // @ts-expect-error Version must be '2021-07-28'
  await api.GET('/locations/{locationId}', { params: { header: { Version: '2023-02-21' }, path: { locationId: 'L' } } });

  // The bulk tag operation only adds or removes.
  // @ts-expect-error type is 'add' | 'remove'
  await api.POST('/contacts/bulk/tags/update/{type}', { params: { header, path: { type: 'replace' } }, body: { locationId: 'L', contacts: [], tags: [] } });
}
