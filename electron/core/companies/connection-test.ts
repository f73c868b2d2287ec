import type { ConnectionTest } from '../../../shared/ipc/companies';
import { createGhlClient, isGhlError, plainLanguage } from '../../ghl';
import { AppError } from '../errors';
import type { CompanyService } from './company-service';

type ErrorKind = NonNullable<ConnectionTest['errorKind']>;

function kindOf(error: unknown): ErrorKind {
  if (!isGhlError(error)) return 'other';
  if (error.kind === 'offline') return 'offline';
  if (error.kind === 'daily-limit' || error.status === 429) return 'rate-limited';
  if (error.kind === 'auth') {
    if (/scope|not authorized for this/i.test(error.message)) return 'missing-scope';
    return error.status === 403 ? 'other-location' : 'wrong-key';
  }
  return 'other';
}

/**
 * "Test connection": GET /locations/{id} with the company's key. It proves the key works, has the
 * locations scope and belongs to this location, and shows the location's duplicate setting.
 */
export async function testConnection(companies: CompanyService, companyId: number, timeoutMs = 15_000): Promise<ConnectionTest> {
  const company = companies.row(companyId);
  const token = await companies.apiKey(companyId);
  if (!token) {
    return { ok: false, message: 'No API key is set for this company. Paste its Private Integration token first.', locationName: null, allowDuplicateContact: null, errorKind: 'no-key' };
  }
  const client = createGhlClient({ token, locationId: company.ghlLocationId, baseUrl: company.ghlBaseUrl, timeoutMs, retry: { attempts: 1 } });
  try {
    const location = await client.getLocation();
    companies.adoptLocationTimeZone(companyId, location.timezone);
    const duplicates =
      location.allowDuplicateContact === null ? '' : location.allowDuplicateContact ? ' Duplicate contacts are allowed there.' : ' Duplicate contacts are merged there (by email/phone).';
    return {
      ok: true,
      message: `Connected to "${location.name}".${duplicates}`,
      locationName: location.name,
      allowDuplicateContact: location.allowDuplicateContact,
      errorKind: null,
    };
  } catch (error) {
    const errorKind = kindOf(error);
    const message =
      errorKind === 'other-location'
        ? `This key belongs to another GHL location, not ${company.ghlLocationId}. Check the location ID or paste the key of this sub-account.`
        : plainLanguage(error);
    return { ok: false, message, locationName: null, allowDuplicateContact: null, errorKind };
  }
}

/** GHL's word that this key will not do for this location (as opposed to "could not ask now"). */
export const isKeyRefused = (check: ConnectionTest): boolean =>
  check.errorKind === 'wrong-key' || check.errorKind === 'missing-scope' || check.errorKind === 'other-location';

/**
 * Tests the company's saved key and records GHL's answer: a refused key blocks the company as the sync's 401
 * does (nothing is sent until a key GHL accepts is saved), an accepted one lifts such a block. Asked as a key
 * is saved (the app and `rlm company set-key`) and by "Test connection"; offline or rate-limited changes nothing.
 */
export async function checkSavedKey(companies: CompanyService, companyId: number, timeoutMs?: number): Promise<ConnectionTest> {
  const check = await testConnection(companies, companyId, timeoutMs);
  if (isKeyRefused(check)) companies.markKeyRefused(companyId);
  else if (check.ok) companies.markKeyAccepted(companyId);
  return check;
}

/** Published workflows of the company's location (drafts cannot enrol contacts). */
export async function listPublishedWorkflows(companies: CompanyService, companyId: number, timeoutMs = 15_000): Promise<Array<{ id: string; name: string }>> {
  const company = companies.row(companyId);
  const token = await companies.apiKey(companyId);
  if (!token) throw new AppError('no-api-key', 'Set the API key first: the workflows are read from GoHighLevel.');
  const client = createGhlClient({ token, locationId: company.ghlLocationId, baseUrl: company.ghlBaseUrl, timeoutMs, retry: { attempts: 2 } });
  try {
    const workflows = await client.listWorkflows();
    return workflows
      .filter((w) => w.id && (w.status ?? 'published') === 'published')
      .map((w) => ({ id: w.id!, name: w.name ?? w.id! }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    const code = isGhlError(error) ? (error.kind === 'offline' ? 'offline' : error.kind === 'auth' ? 'ghl-auth' : 'ghl-error') : 'internal';
    throw new AppError(code, plainLanguage(error));
  }
}

/**
 * After a key is saved: asks GHL for the location once and takes its time zone as the company's (unless
 * the user chose one). Best effort: offline or a refused key changes nothing, and "Test connection"
 * asks again.
 */
export async function learnLocationTimeZone(companies: CompanyService, companyId: number, timeoutMs = 10_000): Promise<boolean> {
  try {
    const company = companies.row(companyId);
    const token = await companies.apiKey(companyId);
    if (!token) return false;
    const client = createGhlClient({ token, locationId: company.ghlLocationId, baseUrl: company.ghlBaseUrl, timeoutMs, retry: { attempts: 1 } });
    const location = await client.getLocation();
    return companies.adoptLocationTimeZone(companyId, location.timezone);
  } catch {
    return false;
  }
}
