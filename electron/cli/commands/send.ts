import { parseArgs } from 'node:util';
import type { Backend } from '../../app/backend';
import { CliUsageError, unwrap, type Output } from '../output';
import { keyNotice, queuedSending, sendingHold, type QueuedSending } from '../queued-report';

export const sendUsage = `rlm send --company NAME_OR_ID [--status S] [--job-type J] [--tag T] [--created-after YYYY-MM-DD] [--created-before YYYY-MM-DD]
         [--zip Z[,Z…]] [--near-zip Z --radius-miles M] [--dry-run] [--json]
      queues the company's held-back leads that match (old CRM status, job type, tag, the lead's original date, ZIP list or
      distance from a ZIP) → {"matched","queued","alreadyQueued","failed","alreadySent","optedOut","notice","sending"}; --dry-run says what it would do.
      Queued leads go on the company's sending schedule (rlm status shows when); opted-out leads never go.
      e.g. lost estimates from 2019–2022 within 15 miles of 78701:
      rlm send --company "Summit Roofing" --status "Lost Estimate" --created-after 2019-01-01 --created-before 2022-12-31 --near-zip 78701 --radius-miles 15`;

/** Judged with no database (main.ts): a bad argument is exit 2 whatever the data folder holds. */
export function sendArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      company: { type: 'string' },
      status: { type: 'string' },
      'job-type': { type: 'string' },
      tag: { type: 'string' },
      'created-after': { type: 'string' },
      'created-before': { type: 'string' },
      zip: { type: 'string' },
      'near-zip': { type: 'string' },
      'radius-miles': { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.company) throw new CliUsageError('rlm send needs --company NAME_OR_ID');
  const radius = values['radius-miles'] === undefined ? undefined : Number(values['radius-miles']);
  if (radius !== undefined && !(radius > 0)) throw new CliUsageError('--radius-miles takes a number of miles');
  return { values: { ...values, company: values.company }, radius };
}

export async function sendCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const { values, radius } = sendArgs(args);
  const company = backend.ctx.companies.resolve(values.company);
  const audience = {
    companyId: company.id,
    status: values.status,
    jobType: values['job-type'],
    tag: values.tag,
    createdAfter: values['created-after'],
    createdBefore: values['created-before'],
    zips: values.zip?.split(',').map((zip) => zip.trim()).filter(Boolean),
    nearZip: values['near-zip'],
    radiusMiles: radius,
  };
  const isDryRun = values['dry-run'] === true;
  const counts = unwrap(await backend.call(isDryRun ? 'audiences:preview' : 'audiences:send', audience));
  // As `rlm import` says it: when the queued leads go, or what holds them (no key, a pause). "Queued 6" alone, for a
  // company with no key, read as if they were on their way.
  const state = { ...(await backend.ctx.companies.get(company.id)), ...backend.ctx.companies.row(company.id) };
  const notice = counts.queued > 0 ? keyNotice(state) : null;
  let sending: QueuedSending | null = null;
  if (!isDryRun) {
    // Loaded on use, not at the top: `rlm --help` loads this module and must not load the database layer.
    const { companyQueuePlan } = await import('../../app/plans');
    const { plan, isProvisional } = companyQueuePlan(backend.ctx, company.id);
    sending = queuedSending(state, counts.queued, plan, isProvisional, sendingHold(backend, company.id));
  }
  out.result({ ...counts, notice, sending }, () =>
    [
      `${company.name}: ${counts.matched.toLocaleString('en-US')} leads match.`,
      `${isDryRun ? 'Would queue' : 'Queued'} ${counts.queued.toLocaleString('en-US')} held-back leads; ${counts.alreadyQueued.toLocaleString('en-US')} already waiting, ${counts.failed > 0 ? `${counts.failed.toLocaleString('en-US')} failed (retry them from the Leads page's Failed filter), ` : ''}${counts.alreadySent.toLocaleString('en-US')} already in GHL, ${counts.optedOut.toLocaleString('en-US')} opted out (never sent).`,
      // Without a key the notice says what to do; the plan would only repeat that nothing goes.
      notice ? '' : (sending?.message ?? ''),
      notice ? `Note: ${notice}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
