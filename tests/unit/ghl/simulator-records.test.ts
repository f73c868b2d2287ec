import { afterEach, describe, expect, it } from 'vitest';
import { specValidator } from '../../../electron/ghl-sandbox/spec-validator';
import { LOC, LOC_B, TOKEN, TOKEN_B, startSim } from './helpers';
import { caller } from './simulator-call';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';

let sim: GhlSimulator;
afterEach(async () => sim?.close());
const call = caller(() => sim);

describe('GHL simulator: the whole contact record', () => {
  it('serves the location time zone (configurable) and records each contact’s own', async () => {
    sim = await startSim({
      locations: [
        { id: LOC, name: 'Acme Roofing', token: TOKEN, timezone: 'America/New_York' },
        { id: LOC_B, name: 'Bravo Roofing', token: TOKEN_B },
      ],
    });
    expect((await call(TOKEN, 'GET', `/locations/${LOC}`)).body.location.timezone).toBe('America/New_York');
    expect((await call(TOKEN_B, 'GET', `/locations/${LOC_B}`)).body.location.timezone).toBe('America/Chicago');
    sim.setTimezone(LOC_B, 'America/Los_Angeles');
    expect((await call(TOKEN_B, 'GET', `/locations/${LOC_B}`)).body.location.timezone).toBe('America/Los_Angeles');

    const [jobType] = sim.customFields(LOC);
    const body = {
      locationId: LOC,
      email: 'whole@roof.com',
      phone: '+15125550142',
      firstName: 'Ana',
      companyName: 'Peña Holdings',
      address1: '100 Oak St, Apt 4B',
      timezone: 'America/Denver',
      customFields: [{ id: jobType?.id ?? '', field_value: 'Re-roof' }],
    };
    expect(specValidator().validate('apps/contacts.json', 'UpsertContactDto', body)).toEqual([]);
    const up = await call(TOKEN, 'POST', '/contacts/upsert', body);
    expect(up.status).toBe(200);
    const id: string = up.body.contact.id;
    await call(TOKEN, 'POST', `/contacts/${id}/tags`, { tags: ['reactivation'] });
    expect(sim.record(id)?.contact).toMatchObject({
      timezone: 'America/Denver',
      companyName: 'Peña Holdings',
      address1: '100 Oak St, Apt 4B',
      tags: ['reactivation'],
      customFields: [{ id: jobType?.id, value: 'Re-roof' }],
    });
    expect((await call(TOKEN, 'GET', `/contacts/${id}`)).body.contact.customFields).toEqual([{ id: jobType?.id, value: 'Re-roof' }]);
  });

  it('lists and creates custom fields as the spec says; every location starts with a few', async () => {
    sim = await startSim();
    const list = await call(TOKEN, 'GET', `/locations/${LOC}/customFields?model=contact`);
    expect(list.status).toBe(200);
    expect(list.body.customFields.map((f: { name: string }) => f.name)).toEqual(['Job Type', 'Insurance Company', 'Claim Number', 'Old CRM Status']);
    expect(list.body.customFields[0]).toMatchObject({ fieldKey: 'contact.job_type', dataType: 'TEXT', model: 'contact', locationId: LOC });
    const bad = await call(TOKEN, 'GET', `/locations/${LOC}/customFields?model=lead`);
    expect(bad.status).toBe(422);

    const created = await call(TOKEN, 'POST', `/locations/${LOC}/customFields`, { name: 'Roof Age', dataType: 'TEXT', model: 'contact' });
    expect(created.status).toBe(201);
    expect(created.body.customField).toMatchObject({ id: expect.any(String), name: 'Roof Age', fieldKey: 'contact.roof_age', model: 'contact' });
    const unknownProp = await call(TOKEN, 'POST', `/locations/${LOC}/customFields`, { name: 'X', dataType: 'TEXT', colour: 'red' });
    expect(unknownProp.status).toBe(422);
    expect((await call(TOKEN, 'GET', `/locations/${LOC}/customFields`)).body.customFields).toHaveLength(5);
    // Another location's fields are not reachable with this key.
    expect((await call(TOKEN, 'GET', `/locations/${LOC_B}/customFields`)).status).toBe(403);
    // A second field of the same name is created (the API does not refuse it) and reported.
    await call(TOKEN, 'POST', `/locations/${LOC}/customFields`, { name: 'roof age', dataType: 'TEXT', model: 'contact' });
    expect(sim.duplicates()).toEqual([{ kind: 'custom-field', locationId: LOC, name: 'Roof Age', count: 2 }]);
  });

  it('rejects a write naming an unknown custom field id; the stored contact keeps its values', async () => {
    sim = await startSim();
    const [jobType, insurer] = sim.customFields(LOC);
    const first = await call(TOKEN, 'POST', '/contacts/upsert', {
      locationId: LOC,
      email: 'cf@roof.com',
      city: 'Austin',
      customFields: [{ id: jobType?.id ?? '', field_value: 'Repair' }],
    });
    const id: string = first.body.contact.id;
    const refused = await call(TOKEN, 'POST', '/contacts/upsert', {
      locationId: LOC,
      email: 'cf@roof.com',
      city: 'Dallas',
      customFields: [
        { id: insurer?.id ?? '', field_value: 'State Farm' },
        { id: 'noSuchField000000000', field_value: 'x' },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('noSuchField000000000') });
    expect(sim.record(id)?.contact).toMatchObject({ city: 'Austin', customFields: [{ id: jobType?.id, value: 'Repair' }] });
    expect(sim.writes(id)).toHaveLength(1);
    // Another location's field is unknown here too; create refuses the same way and creates nothing.
    const bravoField = sim.customFields(LOC_B)[0]?.id ?? '';
    expect(sim.customFields(LOC).map((f) => f.id)).not.toContain(bravoField);
    const created = await call(TOKEN, 'POST', '/contacts/', { locationId: LOC, email: 'new@roof.com', customFields: [{ id: bravoField, field_value: 'y' }] });
    expect(created.status).toBe(400);
    expect(sim.contacts(LOC)).toHaveLength(1);
    // Custom field values merge across writes.
    await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'cf@roof.com', customFields: [{ id: insurer?.id ?? '', field_value: 'USAA' }] });
    expect(sim.record(id)?.contact.customFields).toEqual([
      { id: jobType?.id, value: 'Repair' },
      { id: insurer?.id, value: 'USAA' },
    ]);
  });

  it('deletes a contact: later calls answer 400 Contact not found, a new upsert creates anew, restore brings it back', async () => {
    sim = await startSim();
    const id: string = (await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'del@roof.com' })).body.contact.id;
    await call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'keep me' });
    expect((await call(TOKEN_B, 'DELETE', `/contacts/${id}`)).status).toBe(403);
    const del = await call(TOKEN, 'DELETE', `/contacts/${id}`);
    expect(del.status).toBe(200);
    expect(del.body.succeded).toBe(true);
    for (const [method, path] of [
      ['GET', `/contacts/${id}`],
      ['DELETE', `/contacts/${id}`],
      ['GET', `/contacts/${id}/notes`],
    ] as const) {
      const r = await call(TOKEN, method, path);
      expect(r.status, `${method} ${path}`).toBe(400);
      expect(r.body.message).toBe('Contact not found');
    }
    expect(sim.contacts(LOC)).toHaveLength(0);
    expect(sim.deletedContacts(LOC).map((c) => c.id)).toEqual([id]);
    expect(sim.record(id)).toMatchObject({ isDeleted: true, notes: [{ body: 'keep me' }] });
    expect(sim.stats().contactsDeleted).toBe(1);

    sim.restoreContact(id);
    expect((await call(TOKEN, 'GET', `/contacts/${id}`)).body.contact.email).toBe('del@roof.com');
    const again = await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'del@roof.com' });
    expect(again.body).toMatchObject({ new: false, contact: { id } });
  });
});

describe('GHL simulator: a refused key and the daily limit, for exit-code tests', () => {
  it('a revoked key gets 401 Invalid JWT on every call; a new key works', async () => {
    sim = await startSim();
    sim.revokeToken(LOC);
    const r = await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'k@roof.com' });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ statusCode: 401, message: 'Invalid JWT', error: 'Unauthorized' });
    expect(sim.contacts(LOC)).toHaveLength(0);
    sim.setToken(LOC, 'pit-new-key');
    expect((await call('pit-new-key', 'GET', `/locations/${LOC}`)).status).toBe(200);
  });

  it('daily remaining 0: every call is a 429 with X-RateLimit-Daily-Remaining 0 until the next UTC day (injected clock)', async () => {
    let clock = Date.parse('2026-11-30T22:00:00Z');
    sim = await startSim({ now: () => clock, rateLimit: { daily: 1_000 } });
    sim.setDailyRemaining(LOC, 1);
    const last = await call(TOKEN, 'GET', `/locations/${LOC}`);
    expect(last.status).toBe(200);
    expect(last.headers.get('x-ratelimit-daily-remaining')).toBe('0');
    const refused = await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'd@roof.com' });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toBe('Daily rate limit exceeded for this location');
    expect(refused.headers.get('x-ratelimit-daily-remaining')).toBe('0');
    expect(sim.contacts(LOC)).toHaveLength(0);
    // Another location has its own budget.
    expect((await call(TOKEN_B, 'GET', `/locations/${LOC_B}`)).status).toBe(200);
    clock = Date.parse('2026-12-01T00:00:01Z');
    const nextDay = await call(TOKEN, 'GET', `/locations/${LOC}`);
    expect(nextDay.status).toBe(200);
    expect(nextDay.headers.get('x-ratelimit-daily-remaining')).toBe('999');
  });
});

describe('GHL simulator answers in the spec’s response shapes', () => {
  it('notes, custom fields, location and delete answers validate against the vendored response schemas', async () => {
    sim = await startSim();
    const v = specValidator();
    const withoutTrace = ({ traceId: _traceId, ...rest }: Record<string, unknown>) => rest;
    const id: string = (await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'shape@roof.com' })).body.contact.id;
    const checks: Array<[file: 'apps/contacts.json' | 'apps/locations.json', schema: string, body: Record<string, unknown>]> = [
      ['apps/contacts.json', 'GetCreateUpdateNoteSuccessfulResponseDto', (await call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'n', title: 't', pinned: true })).body],
      ['apps/contacts.json', 'GetNotesListSuccessfulResponseDto', (await call(TOKEN, 'GET', `/contacts/${id}/notes`)).body],
      ['apps/locations.json', 'CustomFieldsListSuccessfulResponseDto', (await call(TOKEN, 'GET', `/locations/${LOC}/customFields`)).body],
      ['apps/locations.json', 'CustomFieldSuccessfulResponseDto', (await call(TOKEN, 'POST', `/locations/${LOC}/customFields`, { name: 'Gate Code', dataType: 'TEXT', model: 'contact', placeholder: '1234' })).body],
      ['apps/locations.json', 'GetLocationByIdSuccessfulResponseDto', (await call(TOKEN, 'GET', `/locations/${LOC}`)).body],
      ['apps/contacts.json', 'DeleteContactsSuccessfulResponseDto', (await call(TOKEN, 'DELETE', `/contacts/${id}`)).body],
    ];
    for (const [file, schema, body] of checks) expect(v.validate(file, schema, withoutTrace(body)), schema).toEqual([]);
  });
});
