/**
 * The upsert body the app may send. `tags` would overwrite a contact's existing tags, and `dnd`,
 * `dndSettings`, `inboundDndSettings` could clear a customer's opt-out, so the type excludes them and
 * `toUpsertBody` strips them (and anything the spec does not know, which GHL answers with 422).
 */
import type { UpdateContactDto, UpsertContactDto } from './types';

type ForbiddenKey = 'tags' | 'dnd' | 'dndSettings' | 'inboundDndSettings';
export type UpsertContactKey = Exclude<keyof UpsertContactDto, ForbiddenKey>;
export type GhlUpsertContactBody = Pick<UpsertContactDto, UpsertContactKey>;

export const UPSERT_CONTACT_KEYS = [
  'locationId',
  'firstName',
  'lastName',
  'name',
  'email',
  'phone',
  'gender',
  'address1',
  'city',
  'state',
  'postalCode',
  'country',
  'website',
  'timezone',
  'customFields',
  'source',
  'dateOfBirth',
  'companyName',
  'assignedTo',
  'createNewIfDuplicateAllowed',
] as const satisfies readonly UpsertContactKey[];

// Fails to compile when the spec gains an allowed key that the list above does not name.
type MissingKeys = Exclude<UpsertContactKey, (typeof UPSERT_CONTACT_KEYS)[number]>;
const allKeysListed: [MissingKeys] extends [never] ? true : MissingKeys = true;
void allKeysListed;

const allowed: ReadonlySet<string> = new Set(UPSERT_CONTACT_KEYS);

/** Copies only the allowed, defined properties; callers may pass objects wider than the type says. */
export function toUpsertBody(input: GhlUpsertContactBody): GhlUpsertContactBody {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (allowed.has(key) && value !== undefined) out[key] = value;
  }
  // Safe: every key copied is one of GhlUpsertContactBody's keys with the caller's value.
  return out as GhlUpsertContactBody;
}

/**
 * The body of an update of a known contact by its id (PUT /contacts/{id}): the upsert's fields that UpdateContactDto
 * has too. Only the fields the lead has, as in the upsert: an empty one keeps what GHL holds (removed-phone.test.ts).
 */
export type GhlUpdateContactBody = Pick<UpdateContactDto, Exclude<keyof UpdateContactDto, ForbiddenKey>>;

const updatable: ReadonlySet<string> = new Set(['firstName', 'lastName', 'name', 'email', 'phone', 'address1', 'city', 'state', 'postalCode', 'country', 'website', 'timezone', 'customFields', 'source', 'dateOfBirth', 'assignedTo'] satisfies ReadonlyArray<keyof GhlUpdateContactBody>);

/** The upsert body as an update of the contact by id: no location (the id names the contact), nothing UpdateContactDto lacks. */
export function toUpdateBody(input: GhlUpsertContactBody): GhlUpdateContactBody {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (updatable.has(key) && value !== undefined && value !== null) out[key] = value;
  }
  // Safe: every key copied is one of GhlUpdateContactBody's keys, with a value its type allows.
  return out as GhlUpdateContactBody;
}
