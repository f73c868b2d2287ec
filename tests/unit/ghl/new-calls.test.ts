/**
 * The calls the whole-record and campaign work needs: against a scripted local server for the exact
 * path, verb, body and retry rule of each (bodies validated against the vendored spec), and once
 * against the simulator end to end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GhlError } from '../../../electron/ghl';
import { specValidator } from '../../../electron/ghl-sandbox/spec-validator';
import { LOC, clientFor, rejection, startSim } from './helpers';
import { inOrder, startScriptedServer } from './scripted-server';
import type { Answer, ScriptedServer, SeenRequest } from './scripted-server';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(...answers: Answer[]) {
  server = await startScriptedServer(inOrder(...answers));
  return server;
}

const only = (s: ScriptedServer): SeenRequest => {
  expect(s.requests).toHaveLength(1);
  const [req] = s.requests;
  if (!req) throw new Error('no request');
  return req;
};

const FAIL_502: Answer = { status: 502, body: { statusCode: 502, message: 'Bad Gateway' } };

describe('notes', () => {
  it('createNote POSTs {body} to /contacts/{id}/notes and returns the new id', async () => {
    const s = await serve({ status: 201, body: { note: { id: 'n1', body: 'Roof 2019, asked for quote', contactId: 'c/1' } } });
    const { client } = clientFor(s.url);
    await expect(client.createNote('c/1', 'Roof 2019, asked for quote')).resolves.toMatchObject({ id: 'n1', body: 'Roof 2019, asked for quote' });
    const req = only(s);
    expect([req.method, req.path]).toEqual(['POST', '/contacts/c%2F1/notes']);
    expect(req.headers.version).toBe('2021-07-28');
    expect(req.headers['content-type']).toBe('application/json');
    expect(specValidator().validate('apps/contacts.json', 'NotesDTO', req.body)).toEqual([]);
    expect(req.body).toEqual({ body: 'Roof 2019, asked for quote' });
  });

  it('createNote is sent once on a 5xx, a reset, or a cut-off answer: the outcome is unknown', async () => {
    for (const answer of [FAIL_502, { reset: true } as const, { cutOff: 201 }]) {
      const s = await serve(answer, { status: 201, body: { note: { id: 'n2' } } });
      const err = (await rejection(clientFor(s.url).client.createNote('c1', 'x'))) as GhlError;
      expect(err).toMatchObject({ kind: 'unknown-outcome', operation: 'createNote' });
      if ('cutOff' in answer) expect(err.message).toMatch(/HTTP 201.*cut off/);
      expect(s.requests).toHaveLength(1);
      await s.close();
    }
  });

  it('a 201 without a note id is an unknown outcome (a note exists, which one is not known)', async () => {
    const s = await serve({ status: 201, body: { note: {} } });
    expect(await rejection(clientFor(s.url).client.createNote('c1', 'x'))).toMatchObject({ kind: 'unknown-outcome', operation: 'createNote' });
  });

  it('listNotes GETs the contact’s notes and is retried on a 5xx', async () => {
    const s = await serve(FAIL_502, { status: 200, body: { notes: [{ id: 'n1', body: 'a' }, { id: 'n2', body: 'b' }] } });
    const notes = await clientFor(s.url).client.listNotes('c1');
    expect(notes.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /contacts/c1/notes', 'GET /contacts/c1/notes']);
  });
});

describe('finding a contact without creating one', () => {
  it('findContact GETs /contacts/search/duplicate with number and email and reads { contact } or null', async () => {
    const s = await serve({ status: 200, body: { contact: { id: 'c7', dndSettings: { SMS: { status: 'active' } } } } }, { status: 200, body: { contact: null } });
    const { client } = clientFor(s.url);
    await expect(client.findContact({ phone: '+15125550142', email: 'ann@example.com' })).resolves.toEqual({ contactId: 'c7', dnd: true });
    await expect(client.findContact({ phone: '+15125550142', email: null })).resolves.toBeNull();
    expect(s.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/contacts/search/duplicate', { locationId: LOC, number: '+15125550142', email: 'ann@example.com' }],
      ['GET', '/contacts/search/duplicate', { locationId: LOC, number: '+15125550142' }],
    ]);
  });

  // The spec leaves this answer's body undocumented: one without `contact` must never read as "GHL has none",
  // which would leave a contact GHL has without its DND.
  it('an answer without `contact` is an error, never "none"', async () => {
    for (const body of [{}, { contacts: [] }, { contact: { name: 'no id' } }]) {
      const s = await serve({ status: 200, body }, { status: 200, body }, { status: 200, body });
      expect(await rejection(clientFor(s.url).client.findContact({ phone: '+15125550142', email: null }))).toMatchObject({ operation: 'findContact' });
      await s.close();
    }
  });
});

describe('custom fields', () => {
  it('listCustomFields GETs /locations/{id}/customFields', async () => {
    const fields = [{ id: 'f1', name: 'Job type', fieldKey: 'contact.job_type', dataType: 'TEXT', model: 'contact' }];
    const s = await serve({ status: 200, body: { customFields: fields } });
    await expect(clientFor(s.url).client.listCustomFields(LOC)).resolves.toEqual(fields);
    expect(`${only(s).method} ${only(s).path}`).toBe(`GET /locations/${LOC}/customFields`);
  });

  it('createCustomField POSTs {name, dataType: TEXT, model: contact}; a 5xx is not resent', async () => {
    const s = await serve({ status: 201, body: { customField: { id: 'f9', name: 'Roof age', model: 'contact', dataType: 'TEXT' } } });
    const { client } = clientFor(s.url);
    await expect(client.createCustomField(LOC, { name: 'Roof age', dataType: 'TEXT', model: 'contact' })).resolves.toMatchObject({ id: 'f9' });
    const req = only(s);
    expect(`${req.method} ${req.path}`).toBe(`POST /locations/${LOC}/customFields`);
    expect(req.body).toEqual({ name: 'Roof age', dataType: 'TEXT', model: 'contact' });
    expect(specValidator().validate('apps/locations.json', 'CreateCustomFieldsDTO', req.body)).toEqual([]);

    await s.close();
    const s2 = await serve(FAIL_502, { status: 201, body: { customField: { id: 'f10' } } });
    const err = (await rejection(clientFor(s2.url).client.createCustomField(LOC, { name: 'x', dataType: 'TEXT', model: 'contact' }))) as GhlError;
    expect(err).toMatchObject({ kind: 'unknown-outcome', operation: 'createCustomField', status: 502 });
    expect(s2.requests).toHaveLength(1);
  });
});

describe('location, contact, delete', () => {
  it('getLocation returns the sub-account’s time zone', async () => {
    const s = await serve({ status: 200, body: { location: { id: LOC, name: 'Acme', timezone: 'America/Denver', settings: { allowDuplicateContact: true } } } });
    await expect(clientFor(s.url).client.getLocation()).resolves.toEqual({ id: LOC, name: 'Acme', timezone: 'America/Denver', allowDuplicateContact: true, companyId: null });
  });

  it('upsertContact carries timezone, companyName and customFields, spec-valid', async () => {
    const s = await serve({ status: 200, body: { new: true, contact: { id: 'c1' } } });
    await clientFor(s.url).client.upsertContact({
      locationId: LOC,
      phone: '+15125550142',
      timezone: 'America/Chicago',
      companyName: 'Lee Family Trust',
      customFields: [{ id: 'f1', field_value: 'Hail 2019' }],
    });
    const req = only(s);
    expect(req.body).toMatchObject({ timezone: 'America/Chicago', companyName: 'Lee Family Trust', customFields: [{ id: 'f1', field_value: 'Hail 2019' }] });
    expect(specValidator().validate('apps/contacts.json', 'UpsertContactDto', req.body)).toEqual([]);
  });

  it('deleteContact sends DELETE without a body; a contact GHL no longer knows is already gone', async () => {
    const s = await serve({ status: 200, body: { succeded: true } });
    await expect(clientFor(s.url).client.deleteContact('c1')).resolves.toBe('deleted');
    const req = only(s);
    expect(`${req.method} ${req.path}`).toBe('DELETE /contacts/c1');
    expect(req.body).toBeNull();
    expect(req.headers['content-type']).toBeUndefined();
    await s.close();

    // The first DELETE went through but its answer was lost (5xx); the retry finds nothing to delete.
    const s2 = await serve(FAIL_502, { status: 400, body: { statusCode: 400, message: 'Contact not found' } });
    await expect(clientFor(s2.url).client.deleteContact('c1')).resolves.toBe('already-gone');
    expect(s2.requests).toHaveLength(2);
  });

  it('bulkAddTags is retried on a 5xx (re-adding a tag is harmless) and posts to …/update/add', async () => {
    const s = await serve(FAIL_502, { status: 201, body: { succeded: true, errorCount: 0, responses: [] } });
    await expect(clientFor(s.url).client.bulkAddTags(LOC, ['c1'], ['t'])).resolves.toEqual([{ contactId: 'c1', ok: true, message: 'Tags updated' }]);
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /contacts/bulk/tags/update/add', 'POST /contacts/bulk/tags/update/add']);
  });

  it('notes, custom fields, the location time zone and DELETE against the simulator, which checks them against the spec', async () => {
    const sim = await startSim();
    try {
      const { client } = clientFor(sim.url);
      expect((await client.getLocation()).timezone).toBe('America/Chicago');
      const { contactId } = await client.upsertContact({ locationId: LOC, email: 'notes@roofmail.net', firstName: 'Nora' });
      const note = await client.createNote(contactId, 'Gate code 4411; prefers texts');
      expect((await client.listNotes(contactId)).map((n) => [n.id, n.body])).toEqual([[note.id, 'Gate code 4411; prefers texts']]);
      const before = await client.listCustomFields(LOC);
      const created = await client.createCustomField(LOC, { name: 'Insurance Carrier', dataType: 'TEXT', model: 'contact' });
      expect((await client.listCustomFields(LOC)).map((f) => f.id)).toEqual([...before.map((f) => f.id), created.id]);
      await expect(client.deleteContact(contactId)).resolves.toBe('deleted');
      await expect(client.deleteContact(contactId)).resolves.toBe('already-gone');
    } finally {
      await sim.close();
    }
  });
});
