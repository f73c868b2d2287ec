import { afterEach, describe, expect, it } from 'vitest';
import { LOC, TOKEN, startSim } from './helpers';
import { caller } from './simulator-call';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';

let sim: GhlSimulator;
afterEach(async () => sim?.close());
const call = caller(() => sim);
const WF = `wf-${LOC}-reactivation`;

async function newContact(email: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email, ...extra });
  expect(r.status).toBe(200);
  return r.body.contact.id as string;
}

describe('GHL simulator counts what GHL would count twice', () => {
  it('accepts a second enrolment in the same workflow with 200, as GHL does, and counts it', async () => {
    sim = await startSim();
    const id = await newContact('twice@roof.com');
    const other = await newContact('once@roof.com');
    for (const contactId of [id, id, other]) {
      const r = await call(TOKEN, 'POST', `/contacts/${contactId}/workflow/${WF}`, {});
      expect(r.status).toBe(200);
      expect(r.body.succeded).toBe(true);
    }
    expect(sim.state.enrolments).toHaveLength(3);
    expect(sim.enrolments(id).map((e) => e.workflowId)).toEqual([WF, WF]);
    expect(sim.record(id)?.workflows).toEqual([WF]);
    expect(sim.duplicates()).toEqual([{ kind: 'enrolment', contactId: id, workflowId: WF, count: 2 }]);
    expect(sim.stats()).toMatchObject({ enrolments: 3, repeatEnrolments: 1 });
  });

  it('keeps every note (not idempotent) and reports a body repeated on one contact', async () => {
    sim = await startSim();
    const id = await newContact('notes@roof.com');
    const other = await newContact('other@roof.com');
    const first = await call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'gate code 4411, prefers texts' });
    expect(first.status).toBe(201);
    expect(first.body.note).toMatchObject({ id: expect.any(String), body: 'gate code 4411, prefers texts', contactId: id });
    await call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'gate code 4411, prefers texts' });
    await call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'Home: +15125550100' });
    await call(TOKEN, 'POST', `/contacts/${other}/notes`, { body: 'gate code 4411, prefers texts' });
    const list = await call(TOKEN, 'GET', `/contacts/${id}/notes`);
    expect(list.status).toBe(200);
    expect(list.body.notes.map((n: { body: string }) => n.body)).toEqual(['gate code 4411, prefers texts', 'gate code 4411, prefers texts', 'Home: +15125550100']);
    expect(new Set(list.body.notes.map((n: { id: string }) => n.id)).size).toBe(3);
    expect(sim.duplicates()).toEqual([{ kind: 'note', contactId: id, body: 'gate code 4411, prefers texts', count: 2 }]);
    expect(sim.stats()).toMatchObject({ notes: 4, repeatNotes: 1 });
  });

  // A lead's note sent twice with its notes edited in between went uncounted (only equal bodies were repeats).
  it("counts a second note of one lead on a contact as a repeat even when its text changed", async () => {
    sim = await startSim();
    const id = await newContact('edited@roof.com');
    await call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'gate code 4411\nImported by Roofing Lead Manager (lead #12)' });
    await call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'gate code 4412\nImported by Roofing Lead Manager (lead #12)' });
    // Another lead that GHL matched to the same contact has a note of its own: not a repeat.
    await call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'dog in yard\nImported by Roofing Lead Manager (lead #13)' });
    expect(sim.duplicates()).toEqual([{ kind: 'note', contactId: id, body: 'gate code 4411\nImported by Roofing Lead Manager (lead #12)', count: 2 }]);
    expect(sim.stats()).toMatchObject({ notes: 3, repeatNotes: 1 });
  });

  // A probe: the same text under two leads' markers, or with other spacing, on one contact was no repeat.
  it("counts the same note text on one contact as a repeat whichever lead's marker it carries", async () => {
    sim = await startSim();
    const id = await newContact('again@roof.com');
    await call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'Roof 2019\nImported by Roofing Lead Manager (lead #12)' });
    await call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'Roof  2019\nImported by Roofing Lead Manager (lead #40)' });
    expect(sim.duplicates()).toEqual([{ kind: 'note', contactId: id, body: 'Roof 2019\nImported by Roofing Lead Manager (lead #12)', count: 2 }]);
  });

  // A probe: `dnd: false`, `dndSettings` and `tags` were dropped silently; an app that sent them passed every test.
  it('takes dnd and tags in a write as GHL does, and reports a write that turned a DND off', async () => {
    sim = await startSim();
    const id = await newContact('dnd@roof.com');
    await call(TOKEN, 'PUT', `/contacts/${id}`, { dnd: true });
    expect(sim.state.contacts.get(id)?.dnd).toBe(true);
    await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'dnd@roof.com', dnd: false });
    expect(sim.state.contacts.get(id)?.dnd).toBe(false);
    await call(TOKEN, 'PUT', `/contacts/${id}`, { dndSettings: { SMS: { status: 'active' } } });
    await call(TOKEN, 'PUT', `/contacts/${id}`, { dndSettings: { SMS: { status: 'inactive' } } });
    expect(sim.duplicates()).toEqual([{ kind: 'dnd-cleared', contactId: id, count: 2 }]);
    await call(TOKEN, 'POST', `/contacts/${id}/tags`, { tags: ['reactivation'] });
    await call(TOKEN, 'PUT', `/contacts/${id}`, { tags: ['vip'] });
    expect(sim.state.contacts.get(id)?.tags).toEqual(['vip']);
    expect(sim.stats()).toMatchObject({ tagReplacements: 1 });
  });

  it('counts contact creations apart from updates, with the body each write carried', async () => {
    sim = await startSim();
    const id = await newContact('w@roof.com', { firstName: 'Wes', timezone: 'America/New_York' });
    await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'w@roof.com', city: 'Austin' });
    await call(TOKEN, 'POST', '/contacts/', { locationId: LOC, email: 'c@roof.com' });
    expect(sim.stats()).toMatchObject({ contactsCreated: 2, contactsUpdated: 1 });
    expect(sim.writes(id).map((w) => [w.kind, w.via])).toEqual([
      ['create', 'upsert-contact'],
      ['update', 'upsert-contact'],
    ]);
    expect(sim.writes(id)[0]?.body).toMatchObject({ timezone: 'America/New_York', firstName: 'Wes' });
  });

  it('counts every tag add, also the ones that add nothing new; the trigger fires once', async () => {
    sim = await startSim();
    const id = await newContact('t@roof.com');
    await call(TOKEN, 'POST', `/contacts/${id}/tags`, { tags: ['Reactivation'] });
    await call(TOKEN, 'POST', `/contacts/${id}/tags`, { tags: ['reactivation'] });
    await call(TOKEN, 'POST', '/contacts/bulk/tags/update/add', { locationId: LOC, contacts: [id], tags: ['reactivation', 'storm-2026'] });
    expect(sim.record(id)?.tagAdds.map((t) => [t.via, t.tags, t.added])).toEqual([
      ['add-tags', ['reactivation'], ['reactivation']],
      ['add-tags', ['reactivation'], []],
      ['create-association', ['reactivation', 'storm-2026'], ['storm-2026']],
    ]);
    expect(sim.stats()).toMatchObject({ tagAddCalls: 3, tagAddsWithNothingNew: 1, tagReplacements: 0 });
    expect(sim.state.tagEvents.filter((e) => e.tag === 'reactivation')).toHaveLength(1);
  });

  it('never replaces tags: an upsert without tags keeps them, a tag add merges; tags in an upsert replace and are counted', async () => {
    sim = await startSim();
    const id = await newContact('keep@roof.com');
    await call(TOKEN, 'POST', `/contacts/${id}/tags`, { tags: ['old-crm', 'vip'] });
    await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'keep@roof.com', firstName: 'Kim' });
    await call(TOKEN, 'POST', `/contacts/${id}/tags`, { tags: ['reactivation'] });
    expect((await call(TOKEN, 'GET', `/contacts/${id}`)).body.contact.tags).toEqual(['old-crm', 'vip', 'reactivation']);
    expect(sim.stats().tagReplacements).toBe(0);
    // What the client must never do: GHL replaces every tag.
    await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'keep@roof.com', tags: ['x'] });
    expect(sim.record(id)?.contact.tags).toEqual(['x']);
    expect(sim.stats().tagReplacements).toBe(1);
  });

  it('serves the ledger over HTTP for out-of-process tests', async () => {
    sim = await startSim();
    const id = await newContact('http@roof.com');
    await call(TOKEN, 'POST', `/contacts/${id}/workflow/${WF}`, {});
    await call(TOKEN, 'POST', `/contacts/${id}/workflow/${WF}`, {});
    const dup = (await (await fetch(`${sim.url}/__sim/duplicates`)).json()) as { duplicates: unknown[] };
    expect(dup.duplicates).toEqual([{ kind: 'enrolment', contactId: id, workflowId: WF, count: 2 }]);
    const stats = (await (await fetch(`${sim.url}/__sim/stats`)).json()) as { stats: { enrolments: number } };
    expect(stats.stats.enrolments).toBe(2);
    const rec = (await (await fetch(`${sim.url}/__sim/record?contactId=${id}`)).json()) as { record: { enrolments: unknown[] } };
    expect(rec.record.enrolments).toHaveLength(2);
  });
});
