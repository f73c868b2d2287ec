/**
 * `rlm import` of a file named as a workbook that is none (a PDF renamed .xlsx): the review's run said "Only one column
 * was found … No column is mapped to Phone or Email … cannot be contacted..", nothing of why, and a doubled full stop.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';

describe('rlm import of a file that is not what its name says', () => {
  const tempDir = useTempDirs();

  it('says a file named .xlsx is not a workbook it can read, and what to do', async () => {
    const dir = tempDir();
    expect((await rlm(dir, ['company', 'add', '--name', 'Summit', '--location-id', 'locSummit01'])).code).toBe(0);
    const fake = join(tempDir(), 'customers.xlsx');
    writeFileSync(fake, '%PDF-1.4\nA scanned list of customers\nnothing a spreadsheet would hold\n');
    const run = await rlm(dir, ['import', fake, '--company', 'Summit']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('customers.xlsx is named as a workbook but is not one the app can read');
    expect(run.stderr).not.toContain('..');
  });
});
