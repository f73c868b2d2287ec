/**
 * The contact custom fields of a company's GHL location: read from GHL with the company's key (main
 * process only; the renderer never sees keys), created there after the user confirmed, and remembered
 * in `ghl_custom_fields` so auto mapping, the export's headers and sync errors can name a field when GHL
 * is not asked (or no longer has it).
 */
import type Database from 'better-sqlite3';
import { customFieldKey, type CustomFieldInfo } from '../../../shared/custom-fields';
import { createGhlClient, isGhlError, plainLanguage, type GhlClient } from '../../ghl';
import type { GhlCustomField } from '../../ghl';
import type { CompanyService } from '../companies/company-service';
import { AppError } from '../errors';

/**
 * What the wizard and `rlm import` say when the list cannot be read: the import itself does not need it. Not "map them
 * later": a column left unmapped is not imported, and only an import of the file again ("fill in empty fields",
 * --on-duplicate update) adds its values to the leads.
 */
/** What failed; the cause follows in parentheses, then CUSTOM_FIELDS_MEANWHILE (what happened first, what to do last). */
const CUSTOM_FIELDS_UNREAD = "Could not read GHL's custom fields";
const CUSTOM_FIELDS_MEANWHILE =
  'You can still import, but a column meant for one of them is left out. To add them later, once GHL answers, import the same file again and choose to fill in the empty fields of leads already in the app.';

/** A GHL error as the app's error code: offline, a refused key, anything else GHL said. */
/** "<what failed> (<why>). <then>": the cause beside what failed, what to do after (it read last, after the advice). */
function appErrorFor(error: unknown, prefix: string, then = ''): AppError {
  const tail = then ? ` ${then}` : '';
  if (!isGhlError(error)) return new AppError('internal', `${prefix} (${error instanceof Error ? error.message : String(error)}).${tail}`);
  const code = error.kind === 'offline' ? 'offline' : error.kind === 'auth' ? 'ghl-auth' : error.kind === 'daily-limit' ? 'ghl-rate-limit' : 'ghl-error';
  return new AppError(code, `${prefix} (${plainLanguage(error)}).${tail}`);
}

const contactFieldsOf = (fields: readonly GhlCustomField[]): CustomFieldInfo[] =>
  fields.flatMap((field) =>
    field.id && field.name && (field.model ?? 'contact') === 'contact' ? [{ id: field.id, name: field.name, dataType: field.dataType ?? 'TEXT' }] : [],
  );

/** The remembered fields (ghl_custom_fields). Also used by the import service and the export on their own connection. */
export class CustomFieldCache {
  private readonly current: Database.Statement<[number], CustomFieldInfo>;
  private readonly all: Database.Statement<[number], { id: string; name: string }>;
  private readonly upsert: Database.Statement<{ companyId: number; id: string; name: string; dataType: string; now: number }>;
  private readonly markRemoved: Database.Statement<[number, number, string]>;

  constructor(private readonly db: Database.Database) {
    this.current = db.prepare(
      `SELECT id, name, data_type AS dataType FROM ghl_custom_fields WHERE company_id = ? AND removed_at IS NULL ORDER BY name COLLATE NOCASE, id`,
    );
    this.all = db.prepare('SELECT id, name FROM ghl_custom_fields WHERE company_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO ghl_custom_fields (company_id, id, name, data_type, seen_at, removed_at) VALUES (@companyId, @id, @name, @dataType, @now, NULL)
       ON CONFLICT (company_id, id) DO UPDATE SET name = excluded.name, data_type = excluded.data_type, seen_at = excluded.seen_at, removed_at = NULL`,
    );
    this.markRemoved = db.prepare(
      `UPDATE ghl_custom_fields SET removed_at = ? WHERE company_id = ? AND removed_at IS NULL AND id NOT IN (SELECT value FROM json_each(?))`,
    );
  }

  /** The fields GHL listed last time (not the ones it stopped listing). */
  fields(companyId: number): CustomFieldInfo[] {
    return this.current.all(companyId);
  }

  /** id → name of every field ever seen for the company, removed ones included (their values keep a name). */
  names(companyId: number): Map<string, string> {
    return new Map(this.all.all(companyId).map((row) => [row.id, row.name]));
  }

  /** The location's whole list, as GHL just gave it: fields it no longer lists are marked removed. */
  replace(companyId: number, fields: readonly CustomFieldInfo[], now: number): void {
    this.db.transaction(() => {
      for (const field of fields) this.upsert.run({ companyId, ...field, now });
      this.markRemoved.run(now, companyId, JSON.stringify(fields.map((field) => field.id)));
    }).immediate();
  }

  add(companyId: number, field: CustomFieldInfo, now: number): void {
    this.upsert.run({ companyId, ...field, now });
  }
}

export class CustomFieldService {
  readonly cache: CustomFieldCache;

  constructor(
    db: Database.Database,
    private readonly companies: CompanyService,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = new CustomFieldCache(db);
  }

  private async client(companyId: number, prefix: string, then = ''): Promise<GhlClient> {
    const company = this.companies.row(companyId);
    const token = await this.companies.apiKey(companyId);
    if (!token) throw new AppError('no-api-key', `${prefix} (this company has no GHL API key yet: set it on the Companies page).${then ? ` ${then}` : ''}`);
    return createGhlClient({ token, locationId: company.ghlLocationId, baseUrl: company.ghlBaseUrl, timeoutMs: 15_000, retry: { attempts: 2 } });
  }

  /** The location's contact custom fields, from GHL (remembered for later); sorted by name. */
  async list(companyId: number): Promise<CustomFieldInfo[]> {
    const client = await this.client(companyId, CUSTOM_FIELDS_UNREAD, CUSTOM_FIELDS_MEANWHILE);
    let fields: CustomFieldInfo[];
    try {
      fields = contactFieldsOf(await client.listCustomFields());
    } catch (error) {
      throw appErrorFor(error, CUSTOM_FIELDS_UNREAD, CUSTOM_FIELDS_MEANWHILE);
    }
    this.cache.replace(companyId, fields, this.now());
    return [...fields].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  }

  /**
   * Creates a text field on the location's contacts. The list is read first: a field of that name
   * (case, spaces and punctuation ignored) is returned instead of making a second one, since GHL
   * itself would create a duplicate.
   */
  async create(companyId: number, name: string): Promise<CustomFieldInfo> {
    const trimmed = name.trim();
    const existing = (await this.list(companyId)).find((field) => customFieldKey(field.name) === customFieldKey(trimmed));
    if (existing) return existing;
    const client = await this.client(companyId, `Could not create the custom field "${trimmed}" in GHL`);
    let created: CustomFieldInfo;
    try {
      const answer = await client.createCustomField(client.locationId, { name: trimmed, dataType: 'TEXT', model: 'contact' });
      created = { id: answer.id, name: answer.name ?? trimmed, dataType: answer.dataType ?? 'TEXT' };
    } catch (error) {
      throw appErrorFor(error, `Could not create the custom field "${trimmed}" in GHL`);
    }
    this.cache.add(companyId, created, this.now());
    return created;
  }
}
