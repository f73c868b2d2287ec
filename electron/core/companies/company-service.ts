import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/open';
import { companies, syncJobs, type CompanyRow } from '../../../db/schema';
import { DEFAULT_CAMPAIGN_TAG, OFFICIAL_GHL_BASE_URL, type Company, companyInputSchema } from '../../../shared/company';
import { isIanaTimeZone, scheduleInputSchema, type Schedule } from '../../../shared/schedule';
import type * as z from 'zod';
import { storageCause } from '../storage-errors';
import { AppError, notFound } from '../errors';
import { registerSecret } from '../log';
import type { EventBus } from '../events';
import type { SecretStore } from '../secrets/secret-store';
import { scheduleText } from './schedule-text';
import { machineTimeZone, scheduleOf } from '../schedule/schedule-of';
import { databaseIdentity } from './database-identity';
import { JobQueue } from '../jobs/job-queue';

type CompanyInput = z.output<typeof companyInputSchema>;
type CompanyPatch = Partial<CompanyInput>;

/**
 * Keychain account for a company's key: this database's own id and the company's id, so renaming a
 * company keeps its key, and company #1 of another data folder (a test, a fresh start, a second
 * office) never finds this one's key.
 */
export const keyAccount = (databaseId: string, companyId: number) => `company-${databaseId}-${companyId}`;
/** The account before keys were scoped to a database; claimed by the first database that asks. */
const legacyKeyAccount = (companyId: number) => `company-${companyId}`;

export { machineTimeZone, scheduleOf };

/** The schedule columns for a full schedule (validated by scheduleInputSchema before it gets here). */
const scheduleColumns = (schedule: Schedule) => ({
  dailyCap: schedule.dailyCap,
  hourlyCap: schedule.hourlyCap,
  sendDays: schedule.sendDays.join(','),
  sendWindowStart: schedule.window.start,
  sendWindowEnd: schedule.window.end,
  timeZone: schedule.timeZone,
  startDate: schedule.startDate,
  daysOff: schedule.daysOff.join(','),
});

function isUniqueViolation(error: unknown, column: string): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message) && error.message.includes(column);
}

export class CompanyService {
  /** Told when a company's key is saved or removed (the sync runner caches keys per company). */
  onKeyChanged: (companyId: number) => void = () => {};
  /** Told once when this data folder turns out to be a copy of one still in use (its keys stay there). */
  onCopyFound: (originalFolder: string) => void = () => {};

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly events: EventBus,
    /** The data folder: its database's keychain entries belong to it (database-identity.ts). */
    private readonly dataDir: string,
    /** Injected so tests can play a machine in another zone. */
    private readonly localTimeZone: () => string = machineTimeZone,
  ) {}

  private databaseIdCache: string | null = null;

  /** A random id made once per database and folder (database-identity.ts: a copied folder gets its own). */
  private databaseId(): string {
    if (this.databaseIdCache) return this.databaseIdCache;
    const identity = databaseIdentity(this.db, this.dataDir);
    if (identity.copiedFrom) this.onCopyFound(identity.copiedFrom);
    this.databaseIdCache = identity.id;
    return identity.id;
  }

  private account(companyId: number): string {
    return keyAccount(this.databaseId(), companyId);
  }

  /** Reads the key, moving one stored under the old unscoped account name to this database's account. */
  private async readKey(companyId: number): Promise<string | null> {
    const key = await this.secrets.get(this.account(companyId));
    if (key !== null) return key;
    const legacy = await this.secrets.get(legacyKeyAccount(companyId));
    if (legacy === null) return null;
    await this.secrets.set(this.account(companyId), legacy);
    await this.secrets.delete(legacyKeyAccount(companyId));
    return legacy;
  }

  private async toCompany(row: CompanyRow, hasApiKey?: boolean): Promise<Company> {
    const schedule = scheduleOf(row, this.localTimeZone());
    const text = scheduleText(schedule);
    return {
      id: row.id,
      name: row.name,
      ownerName: row.ownerName,
      ownerPhone: row.ownerPhone,
      ownerEmail: row.ownerEmail,
      ghlLocationId: row.ghlLocationId,
      ghlBaseUrl: row.ghlBaseUrl,
      enrolMode: row.enrolMode,
      enrolTag: row.enrolTag,
      workflowId: row.workflowId,
      workflowName: row.workflowId === null ? null : row.workflowName,
      syncPausedReason: row.syncPausedReason,
      schedule,
      timeZoneSource: row.timeZone === null ? 'machine' : row.timeZoneSource,
      scheduleSummary: text.summary,
      scheduleShort: text.short,
      scheduleNotes: text.notes,
      ...(hasApiKey === undefined ? await this.keyState(row.id) : { hasApiKey, isKeyUnreadable: false }),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  /** A list must still render when the keychain is locked: the key then shows as unreadable, not as missing. */
  private async keyState(companyId: number): Promise<{ hasApiKey: boolean; isKeyUnreadable: boolean }> {
    try {
      return { hasApiKey: (await this.readKey(companyId)) !== null, isKeyUnreadable: false };
    } catch (error) {
      // The database failing (busy, damaged: the key's account name comes from it) is not the keychain: said as itself,
      // where it read as "keychain did not answer", and then as "no API key saved" (a review).
      if (storageCause(error)) throw error;
      return { hasApiKey: false, isKeyUnreadable: true };
    }
  }

  row(id: number): CompanyRow {
    const row = this.db.select().from(companies).where(eq(companies.id, id)).get();
    if (!row) throw notFound(`Company #${id}`);
    return row;
  }

  /** Finds a company by numeric id, exact name or location id (what the CLI accepts). */
  resolve(ref: string): CompanyRow {
    const asId = /^\d+$/.test(ref) ? Number(ref) : null;
    const all = this.db.select().from(companies).all();
    const match =
      all.find((c) => c.id === asId) ??
      all.find((c) => c.name === ref) ??
      all.find((c) => c.ghlLocationId === ref) ??
      all.find((c) => c.name.toLowerCase() === ref.toLowerCase());
    if (!match) throw new AppError('not-found', `No company called "${ref}". Run \`rlm company list\` to see them.`);
    return match;
  }

  async list(): Promise<Company[]> {
    const rows = this.db.select().from(companies).orderBy(companies.name).all();
    return Promise.all(rows.map((row) => this.toCompany(row)));
  }

  async get(id: number): Promise<Company> {
    return this.toCompany(this.row(id));
  }

  async create(input: CompanyInput): Promise<Company> {
    const now = Date.now();
    const { schedule: scheduleInput, workflowName, ...fields } = input;
    const schedule = scheduleInputSchema.parse({ ...scheduleInput, timeZone: scheduleInput?.timeZone ?? this.localTimeZone() });
    try {
      const row = this.db
        .insert(companies)
        .values({
          ...fields,
          ghlBaseUrl: input.ghlBaseUrl ?? OFFICIAL_GHL_BASE_URL,
          enrolMode: input.enrolMode ?? 'tag',
          enrolTag: input.enrolTag ?? DEFAULT_CAMPAIGN_TAG,
          workflowName: input.workflowId ? (workflowName ?? null) : null,
          ...scheduleColumns(schedule),
          timeZoneSource: scheduleInput?.timeZone ? 'user' : 'machine',
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      // Best effort: without a keychain answering now there is no key to read either, and the company
      // (which needs none to take leads) is not refused for it. Checked, and asked once more: the orphan key of a
      // rolled-back id stayed readable after the one delete once (fresh-clone CI), for the new company to send with.
      await this.forgetKey(row.id).catch(() => undefined);
      if ((await this.secrets.get(this.account(row.id)).catch(() => null)) !== null) await this.forgetKey(row.id).catch(() => undefined);
      this.events.emit('data:changed', { domain: 'companies', companyId: row.id });
      return this.toCompany(row, false);
    } catch (error) {
      throw this.describeConflict(error) ?? error;
    }
  }

  async update(id: number, patch: CompanyPatch): Promise<Company> {
    const existing = this.row(id);
    const { schedule: schedulePatch, workflowName, ...fields } = patch;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    // The name goes with the id it was given with; another id without one has no name known (a CLI id, say).
    const workflowNameSet =
      'workflowId' in defined ? { workflowName: defined.workflowId === null ? null : (workflowName ?? (defined.workflowId === existing.workflowId ? existing.workflowName : null)) } : {};
    if ('enrolTag' in defined && defined.enrolTag === null) {
      throw new AppError('validation', 'The campaign tag cannot be empty: the GHL workflow starts on it.', [{ path: 'enrolTag', message: 'Enter the tag your GHL workflow starts on, e.g. reactivation' }]);
    }
    const scheduleSet = schedulePatch ? this.patchedSchedule(existing, schedulePatch) : {};
    // The campaign saved again (a workflow chosen, or the tag): the pause for a workflow GHL no longer has
    // lifts. Should GHL still not have it, the sync finds so at the next lead and pauses again.
    const isCampaignSaved = 'workflowId' in defined || 'enrolMode' in defined;
    // A key refused for another location ("This key belongs to another GHL location") is fixed by correcting the
    // location ID, as the message says: the refusal lifted only when the same key was saved again, and every message
    // meanwhile asked for a new token (a review). The next call to GHL decides again.
    const isNewLocation = typeof defined.ghlLocationId === 'string' && defined.ghlLocationId !== existing.ghlLocationId;
    const pauseLift = isCampaignSaved && existing.syncPausedReason === 'workflow-missing' ? { syncPausedReason: null, syncPausedUntil: null } : {};
    // A key is sent only to the address it was saved for: a new address (typed, or named by a compromised
    // window) gets no key until one is saved for it. Key first: a company without a key is harmless.
    const isNewAddress = typeof defined.ghlBaseUrl === 'string' && defined.ghlBaseUrl !== existing.ghlBaseUrl;
    if (isNewAddress) {
      await this.forgetKey(id);
      this.keyChanged(id);
    }
    try {
      const row = this.db
        .update(companies)
        .set({ ...defined, ...workflowNameSet, ...scheduleSet, ...pauseLift, updatedAt: Date.now() })
        .where(eq(companies.id, id))
        .returning()
        .get();
      if (isNewLocation) {
        // Only a refusal: the pause as it stands now, not as read before (a user's pause saved meanwhile stays).
        this.liftKeyRefusal(id);
        // The sync thread's lane keeps a client for the old location: it makes one for the new.
        this.keyChanged(id);
      }
      this.events.emit('data:changed', { domain: 'companies', companyId: id });
      return this.toCompany(row!);
    } catch (error) {
      throw this.describeConflict(error) ?? error;
    }
  }

  /**
   * The stored schedule with the patch's fields over it. A zone the user *changes* is the user's from now
   * on; the form sends the zone with every save, and saving the hours must not turn GHL's zone (or this
   * computer's, waiting for GHL's) into "chosen by you".
   */
  private patchedSchedule(existing: CompanyRow, patch: NonNullable<CompanyPatch['schedule']>) {
    const current = scheduleOf(existing, this.localTimeZone());
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const schedule = scheduleInputSchema.parse({ ...current, ...defined });
    const isZoneChosen = patch.timeZone !== undefined && patch.timeZone !== current.timeZone;
    return { ...scheduleColumns(schedule), ...(isZoneChosen ? { timeZoneSource: 'user' as const } : {}) };
  }

  /**
   * The GHL location's own zone, when GHL answered (key saved or tested): the company's zone unless the
   * user chose one. Returns whether it changed anything.
   */
  adoptLocationTimeZone(id: number, timeZone: string | null): boolean {
    if (!timeZone || !isIanaTimeZone(timeZone)) return false;
    const row = this.row(id);
    if (row.timeZoneSource === 'user' || (row.timeZoneSource === 'ghl' && row.timeZone === timeZone)) return false;
    this.db.update(companies).set({ timeZone, timeZoneSource: 'ghl', updatedAt: Date.now() }).where(eq(companies.id, id)).run();
    this.events.emit('data:changed', { domain: 'companies', companyId: id });
    return true;
  }

  private describeConflict(error: unknown): AppError | null {
    if (isUniqueViolation(error, 'companies.name')) return new AppError('conflict', 'A company with this name already exists.', { field: 'name' });
    if (isUniqueViolation(error, 'companies.ghl_location_id'))
      return new AppError('conflict', 'Another company already uses this GHL location ID.', { field: 'ghlLocationId' });
    return null;
  }

  /** Leads whose sync has not finished: deleting the company would silently drop them. */
  /** From the trigger-kept per-status counts: a few rows, whatever the company's size. */
  private leadCount(id: number): number {
    return this.db.$client.prepare<[number], number>('SELECT coalesce(sum(n), 0) FROM lead_status_counts WHERE company_id = ?').pluck().get(id) ?? 0;
  }

  pendingSyncCount(id: number): number {
    const result = this.db
      .select({ n: count() })
      .from(syncJobs)
      .where(and(eq(syncJobs.companyId, id), inArray(syncJobs.state, ['queued', 'running'])))
      .get();
    return result?.n ?? 0;
  }

  /**
   * Deletes the company with its leads and their history. Any lead at all makes it ask first (`force`): a
   * held-back import (never queued, so no job) is years of customers too, and was deleted without a word.
   */
  async remove(id: number, force = false): Promise<{ removed: boolean }> {
    const company = this.row(id);
    const pending = this.pendingSyncCount(id);
    const leadCount = this.leadCount(id);
    if (leadCount > 0 && !force) {
      const notSent = pending > 0 ? `, ${pending.toLocaleString('en-US')} of them waiting to go to GoHighLevel` : '';
      const { pending: dndPending, failed: dndFailed } = new JobQueue(this.db.$client).dndNotInGhl({ companyId: id });
      const dndMissing = dndPending + dndFailed;
      const dnd =
        dndMissing > 0
          ? ` ${dndMissing.toLocaleString('en-US')} of them opted out after they were sent, and do-not-disturb is not turned on for their contacts in GoHighLevel ` +
            (dndFailed > 0 ? `(it failed for ${dndFailed.toLocaleString('en-US')}: retry their failed leads)` : 'yet') +
            ': wait until the sync has done it, or turn it on in GHL yourself, or a GHL workflow may text them.'
          : '';
      throw new AppError(
        'conflict',
        `${company.name} has ${leadCount.toLocaleString('en-US')} lead(s) in this app${notSent}. Deleting the company deletes them and their history here ` +
          `(contacts already in GoHighLevel stay there). Export them first if you may need them.${dnd}`,
        { pending, leads: leadCount },
      );
    }
    // Key first: a company row without a key is harmless, a key without its company is an orphan secret.
    await this.forgetKey(id);
    this.db.delete(companies).where(eq(companies.id, id)).run();
    // Other companies' leads held until its GHL could be asked about the same customers go now (nobody is left to ask).
    // No row to note the change in: a sync elsewhere finds the company gone.
    this.onKeyChanged(id);
    this.events.emit('data:changed', { domain: 'companies', companyId: id });
    return { removed: true };
  }

  /**
   * Removes the company's key (and one under the old unscoped account). A new company calls it too: the
   * keychain may still hold a key under its id — a restored backup rolls the ids back, and the key of a
   * company made after that backup stays behind — and a new company must never send someone else's key.
   */
  private async forgetKey(id: number): Promise<void> {
    await this.secrets.delete(this.account(id));
    await this.secrets.delete(legacyKeyAccount(id));
  }

  async setApiKey(id: number, apiKey: string): Promise<{ hasApiKey: boolean }> {
    this.row(id);
    registerSecret(apiKey.trim());
    await this.secrets.set(this.account(id), apiKey.trim());
    this.liftKeyRefusal(id);
    this.keyChanged(id);
    this.events.emit('data:changed', { domain: 'companies', companyId: id });
    return { hasApiKey: true };
  }

  /**
   * The company's key was saved or removed, or its address or location changed: noted in the database for a sync in
   * any program (its client holds the key before: company-lane.ts), then told to this one's.
   */
  private keyChanged(id: number): void {
    try {
      // Never the same value twice (two saves within a millisecond): a sync compares it, not the time.
      this.db.update(companies).set({ keyChangedAt: sql`max(coalesce(${companies.keyChangedAt}, 0) + 1, ${Date.now()})` }).where(eq(companies.id, id)).run();
    } finally {
      // Told whatever the write did (a full disk): this program's sync must not go on with a key that was removed.
      this.onKeyChanged(id);
    }
  }

  /** GHL refused the saved key (checked as it was saved): blocked as the sync's 401 blocks it, until a new key is saved. */
  markKeyRefused(id: number): void {
    this.db.update(companies).set({ syncPausedReason: 'auth', updatedAt: Date.now() }).where(and(eq(companies.id, id), isNull(companies.syncPausedReason))).run();
    this.events.emit('data:changed', { domain: 'companies', companyId: id });
  }

  /** GHL accepted the saved key (a connection test): a block for a refused key is lifted. */
  markKeyAccepted(id: number): void {
    if (this.liftKeyRefusal(id)) this.events.emit('data:changed', { domain: 'companies', companyId: id });
  }

  /**
   * Ends a block for a refused key ('auth'); whether there was one. The jobs GHL turned away with the old key forget it
   * too: a paused company's held opt-outs (SyncQueries.heldOptOuts) said "save a new key" after one was saved, until a
   * runner tried again (a review).
   */
  private liftKeyRefusal(id: number): boolean {
    new JobQueue(this.db.$client).forgetKeyRefusals(id, Date.now());
    return this.db.update(companies).set({ syncPausedReason: null, updatedAt: Date.now() }).where(and(eq(companies.id, id), eq(companies.syncPausedReason, 'auth'))).run().changes > 0;
  }

  async removeApiKey(id: number): Promise<{ hasApiKey: boolean }> {
    this.row(id);
    await this.forgetKey(id);
    this.keyChanged(id);
    this.events.emit('data:changed', { domain: 'companies', companyId: id });
    return { hasApiKey: false };
  }

  /** The key itself, for the GHL client in the main process only. Never crosses IPC. */
  async apiKey(id: number): Promise<string | null> {
    const key = await this.readKey(id);
    // Masked in every log line from here on, whatever prefix or header it appears with.
    if (key) registerSecret(key);
    return key;
  }
}
