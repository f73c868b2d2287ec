/**
 * The upsert body the app may send. `tags` would overwrite a contact's existing tags, and `dnd`,
 * `dndSettings`, `inboundDndSettings` could clear a customer's opt-out, so the type excludes them and
 * `toUpsertBody` strips them (and anything the spec does not know, which GHL answers with 422).
 */
import type { UpsertContactDto } from './types';

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
