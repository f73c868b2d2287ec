import { sendsFor } from '../../shared/runner-scope';
import type { AppContext } from './app-context';
import { appVersion } from './app-context';
import { startSandbox } from './sandbox';
import { dashboardOverview } from './dashboard-overview';
import { companyPlan, importPlan } from './plans';
import { join } from 'node:path';
import { backupDatabase, backupsDir, stageRestore } from '../core/backup/backup-service';
import { logDirOf } from '../core/log';
import { probeKeychain } from '../core/secrets/secret-store';
import { leadTurn } from '../core/schedule/lead-turn';
import { checkSavedKey, learnLocationTimeZone, listPublishedWorkflows } from '../core/companies/connection-test';
import { scheduleText } from '../core/companies/schedule-text';
import type { Handlers } from '../core/ipc/dispatch';
import { assertNotAppFile } from '../core/user-files';

/**
 * Binds every contract channel to a service call. The type `Handlers` makes a missing channel a
 * compile error; the fake-electron test checks the same at run time.
 */
export function createHandlers(ctx: AppContext, extra: Partial<Handlers> = {}): Handlers {
  const base: Handlers = {
    'app:info': async () => ({
      version: appVersion(),
      dataDir: ctx.dataDir,
      logsDir: logDirOf(ctx.dataDir),
      keychain: await probeKeychain(ctx.secrets),
    }),
    'app:backup': async (input, caller) => {
      // The search index thread writes on a connection of its own, and each of its writes would restart
      // the online backup: it waits until the copy is made (search stays complete meanwhile).
      const backup = (destination: string) => ctx.searchIndex.pausedWhile(() => backupDatabase(ctx.db, destination));
      if (!input?.path) return backup(join(backupsDir(ctx.dataDir), `backup-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`));
      const target = ctx.fileGrants.take(input.path, 'backup-target', caller);
      try {
        assertNotAppFile(ctx.dataDir, target.path);
        return await backup(target.path);
      } finally {
        target.release();
      }
    },
    'app:restore': ({ path }, caller) => {
      const source = ctx.fileGrants.take(path, 'restore-source', caller);
      try {
        return { ...stageRestore(ctx.dataDir, source.path), needsRestart: true };
      } finally {
        source.release();
      }
    },
    'app:startSandbox': () => startSandbox(ctx),
    'app:dismissRestoreWarnings': () => ({ dismissed: ctx.dismissRestoreWarnings() }),
    'app:openLogsFolder': async () => {
      const path = logDirOf(ctx.dataDir);
      return { path, opened: (await ctx.platform.openPath?.(path)) ?? false };
    },
    'companies:list': () => ctx.companies.list(),
    'companies:get': ({ id }) => ctx.companies.get(id),
    'companies:create': (input) => ctx.companies.create(input),
    'companies:update': ({ id, patch }) => ctx.companies.update(id, patch),
    'companies:remove': ({ id, force }) => ctx.companies.remove(id, force ?? false),
    'companies:setKey': async ({ id, apiKey }) => {
      const result = await ctx.companies.setApiKey(id, apiKey);
      // The location's time zone becomes the company's once GHL answers; not awaited, the key is saved.
      void learnLocationTimeZone(ctx.companies, id);
      return result;
    },
    'companies:explainSchedule': (schedule) => scheduleText(schedule),
    'companies:plan': ({ id }) => companyPlan(ctx, id),
    'companies:removeKey': ({ id }) => ctx.companies.removeApiKey(id),
    'dashboard:overview': (input) => dashboardOverview(ctx, { companyId: input?.companyId }),
    'dashboard:summary': (input) => ctx.dashboard.summary(input?.companyId),
    'dashboard:syncedSeries': ({ granularity, since, companyId }) => ctx.dashboard.syncedSeries(granularity, since, companyId),
    'leads:page': async ({ filters, sort, cursor, limit }) => ctx.leadBrowser.page(filters, sort, cursor, limit, await ctx.leadBrowser.audienceOf(filters)),
    'leads:export': ({ filters }) => ctx.leadBrowser.exportCsv(filters),
    'companies:testConnection': async ({ id }) => {
      const check = await checkSavedKey(ctx.companies, id);
      if (check.ok) ctx.sync.noteGhlAnswered(Date.now());
      return check;
    },
    'companies:listWorkflows': ({ id }) => listPublishedWorkflows(ctx.companies, id),
    'sync:status': (input) => ctx.sync.status(input?.companyId),
    'sync:connectivity': () => ctx.sync.runnerStatus().connectivity,
    'sync:runner': () => ctx.sync.runnerStatus().runner,
    'sync:start': (input) => ctx.sync.start({ companyIds: input?.companyIds }),
    'sync:pause': (input) => ctx.sync.pause(input?.companyId),
    'sync:resume': (input) => ctx.sync.resume(input?.companyId),
    'sync:retryFailed': (scope) => ctx.sync.retryFailed(scope),
    'sync:cancelBatch': ({ batchId }) => ctx.sync.cancelBatch(batchId),
    'sync:attempts': ({ leadId, limit }) => ctx.sync.attempts(leadId, limit),
    'sync:unconfirmed': (input) => ctx.sync.unconfirmed.list(input?.companyId ?? null),
    'sync:resolveUnconfirmed': ({ leadId, action }) => ctx.sync.resolveUnconfirmed(leadId, action),
    'leads:create': (input) => ctx.leads.create(input),
    'leads:get': ({ id }) => ctx.leads.get(id),
    'leads:turn': async ({ id }) => {
      const lead = await ctx.leads.get(id);
      const company = await ctx.companies.get(lead.companyId);
      const { connectivity, runner } = ctx.sync.runnerStatus();
      const isAllPaused = runner.state === 'paused' || runner.heldBy?.isPaused === true;
      const isStopped = runner.state === 'stopped' && runner.heldBy === null;
      // A sync runs for other companies only (`rlm sync --company A`): nothing sends this lead either.
      const hold = !sendsFor(runner, lead.companyId) ? 'other-companies' : isAllPaused ? 'all-paused' : isStopped ? 'stopped' : null;
      return leadTurn(ctx.db.$client, ctx.companies.row(lead.companyId), id, Date.now(), { hasKey: company.hasApiKey, isOffline: connectivity.state === 'offline', hold });
    },
    'leads:checkDuplicate': ({ companyId, phone, email, excludeLeadId }) => ctx.leads.checkDuplicate(companyId, phone ?? null, email ?? null, excludeLeadId ?? null),
    'leads:update': ({ id, patch }) => ctx.leads.update(id, patch),
    'leads:remove': ({ id }) => ctx.leads.remove(id),
    'leads:send': ({ id }) => ctx.leads.send(id),
    'leads:setDoNotContact': ({ id, doNotContact }) => ctx.leads.setDoNotContact(id, doNotContact),
    'imports:inspect': (input, caller) => ctx.imports.inspect({ ...input, path: ctx.fileGrants.peek(input.path, 'import-source', caller) }),
    'imports:preview': (input, caller) => ctx.imports.preview({ ...input, path: ctx.fileGrants.peek(input.path, 'import-source', caller) }),
    'imports:start': (input, caller) => {
      const started = ctx.imports.start({ ...input, path: ctx.fileGrants.peek(input.path, 'import-source', caller) });
      // Started: the handle is spent, and its file (a harness upload) is let go once the import ends.
      const source = ctx.fileGrants.take(input.path, 'import-source', caller);
      void ctx.imports.finished(started.batchId).finally(source.release);
      return started;
    },
    'imports:cancel': ({ batchId }) => ctx.imports.cancel(batchId),
    'imports:get': ({ batchId }) => ctx.imports.get(batchId),
    'imports:list': ({ companyId, limit }) => ctx.imports.list(companyId, limit),
    'imports:undoPlan': ({ batchId }) => ctx.imports.undoPlan(batchId, ctx.companies),
    'imports:undo': (input) => ctx.imports.undo(input, ctx.companies),
    'imports:queue': ({ batchId }) => ctx.imports.queueBatch(batchId),
    'optouts:list': (input) => ctx.optOuts.list(input),
    'optouts:add': (input) => ctx.optOuts.add(input),
    'optouts:remove': ({ id, reason }) => ctx.optOuts.remove(id, reason),
    'optouts:import': async ({ path, reason }, caller) => {
      // A list the user chose (dialog, drop, upload): the renderer never names a path itself.
      const source = ctx.fileGrants.take(path, 'import-source', caller);
      try {
        return await ctx.optOuts.importFile(source.path, reason);
      } finally {
        source.release();
      }
    },
    'imports:facts': ({ batchId }) => ctx.imports.facts(batchId),
    'imports:plan': ({ batchId }) => importPlan(ctx, batchId),
    'imports:customFields': ({ companyId }) => ctx.customFields.list(companyId),
    'imports:createCustomField': ({ companyId, name }) => ctx.customFields.create(companyId, name),
    'imports:rejectedFile': ({ batchId }) => ctx.imports.rejectedFile(batchId),
    'audiences:preview': (audience) => ctx.audiences.preview(audience),
    'audiences:send': (audience) => ctx.audiences.send(audience),
    'audiences:options': ({ companyId }) => ctx.audiences.options(companyId),
  };
  return { ...base, ...extra };
}
