/**
 * The audience choices the Leads page offers (`audiences:options`): the old statuses, job types and
 * tags of one company's imported leads, case variants folded, other companies' values left out, read
 * through the partial indexes (never a scan of the leads table).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InspectResult } from '../../../shared/ipc/imports';
import { useBackends } from '../../helpers/backend';

const SUMMIT = `Display Name,Mobile Phone,Zip,Status Name,Job Type,Tags
Eve Adams,(512) 555-0101,78701,Lost Estimate,Roof replacement,storm; VIP
Gina Cruz,(512) 555-0103,78664,lost estimate,Repair,storm
Hank Diaz,(512) 555-0104,78701,Closed Won,,hail 2019 | referral
Ivy Evans,(214) 555-0105,75201,,Gutters,
`;
const OTHER = `Display Name,Mobile Phone,Status Name,Job Type,Tags
Oz Other,(512) 555-0199,Inspection,Siding,door knock
`;

describe('audience options', () => {
  const { open, tempDir } = useBackends();

  it('lists the company’s own old statuses, job types and tags, case variants once', async () => {
    const dir = tempDir();
    const backend = open(dir);
    const importFor = async (name: string, csv: string) => {
      const company = await backend.call('companies:create', { name, ghlLocationId: `loc${name.replace(/\W/g, '')}1` });
      if (!company.ok) throw new Error(company.error.message);
      const file = join(dir, `${name}.csv`);
      writeFileSync(file, csv);
      const inspected = await backend.dispatch('imports:inspect', { path: file, companyId: company.value.id });
      if (!inspected.ok) throw new Error(inspected.error.message);
      const inspect = inspected.value as InspectResult;
      const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
      const started = await backend.dispatch('imports:start', { path: file, companyId: company.value.id, options, mapping: inspect.mapping, tag: inspect.defaultTag, queueSync: false });
      if (!started.ok) throw new Error(started.error.message);
      await backend.ctx.imports.finished((started.value as { batchId: number }).batchId);
      return company.value.id;
    };
    const summit = await importFor('Summit Roofing', SUMMIT);
    await importFor('Other Roofing', OTHER);

    await expect(backend.call('audiences:options', { companyId: summit })).resolves.toEqual({
      ok: true,
      value: {
        statuses: ['Closed Won', 'Lost Estimate'],
        jobTypes: ['Gutters', 'Repair', 'Roof replacement'],
        tags: ['hail 2019', 'referral', 'storm', 'VIP'],
      },
    });
    // A company without leads has no choices; an unknown one is no error either (nothing to offer).
    const empty = await backend.call('companies:create', { name: 'Empty Roofing', ghlLocationId: 'locEmpty1' });
    if (!empty.ok) throw new Error(empty.error.message);
    await expect(backend.call('audiences:options', { companyId: empty.value.id })).resolves.toEqual({ ok: true, value: { statuses: [], jobTypes: [], tags: [] } });

    // Each list walks its index: no step of the plan scans the leads table.
    for (const column of ['crm_status', 'job_type', 'crm_tags']) {
      const plan = backend.ctx.db.$client
        .prepare(`EXPLAIN QUERY PLAN SELECT min(${column}) FROM leads WHERE company_id = 1 AND ${column} > 'a'`)
        .all() as Array<{ detail: string }>;
      expect(plan.map((step) => step.detail).join('\n')).toContain(`leads_company_${column}_idx`);
    }
    await backend.close();
  });
});
