import { parseArgs } from 'node:util';
import type { Backend } from '../../app/backend';
import { tuningFromEnv } from '../../sync/config';
import type { RunnerProgress } from '../../sync/runner';
import { CliUsageError, table, type Output } from '../output';

export const syncUsage = `rlm sync [--company NAME_OR_ID] [--until-idle] [--timeout SECONDS]
      runs the sync queue in the foreground (progress on stderr); Ctrl-C stops it cleanly.
      --until-idle: keeps going through outages until nothing is left to send, then prints
      {"synced","failed","pending","dnd","durationMs"} (totals for the selected companies). Exit 4 on --timeout.`;

export const statusUsage = `rlm status [--company NAME_OR_ID] [--json]   counts by lead status and job state, connectivity, runner`;

function describeProgress(p: RunnerProgress): string {
  const companies = p.companies.map((c) => `#${c.companyId} ${c.state}${c.pending ? ` (${c.pending} left)` : ''}`).join(', ');
  return `sync ${p.state}: ${p.synced} synced, ${p.failed} failed, ${p.dnd} dnd, ${p.pending} pending, ${p.leadsPerMinute}/min — ${companies}`;
}

export async function syncCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { company: { type: 'string' }, 'until-idle': { type: 'boolean' }, timeout: { type: 'string' } },
    strict: true,
  });
  const { ctx } = backend;
  const companyId = values.company ? ctx.companies.resolve(values.company).id : undefined;
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new CliUsageError('--timeout takes a number of seconds');

  const startedAt = Date.now();
  let lastLine = 0;
  const stopProgress = ctx.sync.onProgress((p) => {
    // One line a second is plenty on a terminal.
    if (Date.now() - lastLine < 1_000) return;
    lastLine = Date.now();
    out.progress(describeProgress(p));
  });
  ctx.sync.start({ companyIds: companyId === undefined ? undefined : [companyId], config: tuningFromEnv(), processLabel: 'the command line (rlm sync)' });

  const interrupted = new Promise<'interrupted'>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve('interrupted'));
  });
  const deadline = timeoutMs === undefined ? undefined : startedAt + timeoutMs;
  const finished = async (): Promise<'idle' | 'timeout' | 'stopped'> => {
    for (;;) {
      const result = await ctx.sync.waitForIdle(deadline === undefined ? undefined : Math.max(0, deadline - Date.now()));
      // Without --until-idle an idle queue just waits for more work (a retry coming due, a new import).
      if (result !== 'idle' || values['until-idle']) return result;
    }
  };
  const outcome = await Promise.race([finished(), interrupted]);
  stopProgress();
  await ctx.sync.stop();

  const { total } = ctx.sync.queries.counts(companyId);
  const summary = {
    synced: total.leads.synced,
    failed: total.leads.failed,
    pending: total.jobs.queued + total.jobs.running,
    dnd: total.leads.dnd,
    durationMs: Date.now() - startedAt,
  };
  out.result(summary, () => `${outcome === 'timeout' ? 'Stopped at the timeout' : outcome === 'idle' ? 'Nothing left to send' : 'Stopped'}: ${summary.synced} synced, ${summary.failed} failed, ${summary.dnd} do-not-disturb, ${summary.pending} pending (${Math.round(summary.durationMs / 1000)} s).`);
  if (outcome === 'timeout') process.exitCode = 4;
}

export async function statusCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const { values } = parseArgs({ args, options: { company: { type: 'string' } }, strict: true });
  const { ctx } = backend;
  const companyId = values.company ? ctx.companies.resolve(values.company).id : undefined;
  const status = ctx.sync.status(companyId);
  out.result(status, () => {
    const runner = status.runner.heldBy ? `running in ${status.runner.heldBy.process} (pid ${status.runner.heldBy.pid})` : status.runner.state;
    const rows = status.companies.map((c) => ({
      company: c.name,
      paused: c.pausedReason ?? '',
      ...c.leads,
      'jobs queued': c.jobs.queued,
      'jobs failed': c.jobs.failed,
    }));
    return [
      `Sync runner: ${runner}. Connectivity: ${status.connectivity.state}${status.connectivity.lastSuccessAt ? ` (last success ${new Date(status.connectivity.lastSuccessAt).toISOString()})` : ''}`,
      table(rows, ['company', 'paused', 'new', 'queued', 'syncing', 'synced', 'failed', 'dnd', 'do-not-contact', 'jobs queued', 'jobs failed']),
    ].join('\n');
  });
}
