import { describe, expect, it } from 'vitest';
import { UPSERT_CONTACT_KEYS, toUpsertBody } from '../../../electron/ghl';
import { specValidator } from '../../../electron/ghl-sandbox/spec-validator';
import type { GhlUpsertContactBody } from '../../../electron/ghl';

describe('upsert body', () => {
  it('the type refuses tags, dnd and dndSettings', () => {
    // @ts-expect-error tags would overwrite every existing tag of the contact
    const withTags: GhlUpsertContactBody = { locationId: 'l', tags: ['a'] };
    // @ts-expect-error dnd:false could clear a customer's opt-out
    const withDnd: GhlUpsertContactBody = { locationId: 'l', dnd: false };
    // @ts-expect-error same for dndSettings
    const withDndSettings: GhlUpsertContactBody = { locationId: 'l', dndSettings: {} };
    expect([withTags, withDnd, withDndSettings]).toHaveLength(3);
  });

  it('strips forbidden and unknown properties at runtime and stays spec-valid', () => {
    const input = { locationId: 'l', email: 'a@b.com', tags: ['x'], dnd: false, dndSettings: {}, inboundDndSettings: {}, extra: 1, city: undefined };
    const body = toUpsertBody(input);
    expect(body).toEqual({ locationId: 'l', email: 'a@b.com' });
    expect(specValidator().validate('apps/contacts.json', 'UpsertContactDto', body)).toEqual([]);
    expect(UPSERT_CONTACT_KEYS).not.toContain('tags');
  });
});
