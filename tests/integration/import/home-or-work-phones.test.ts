import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import { createRowValidator } from '../../../electron/parsing/row-validator';
import { homeOrWorkPhoneHint, homeOrWorkPhonesNotice, isHomeOrWorkPhoneHeader } from '../../../shared/import-mapping';
import type { InspectResult, PreviewResult } from '../../../shared/ipc/imports';
import { useBackends } from '../../helpers/backend';

const root = join(__dirname, '../../..');

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}

/**
 * JobNimbus's phone columns, in its order. Eve: mobile and home (the mobile is texted); Gus: only a home
 * number; Hal: only a work number; Ida: Gus's home number again (a duplicate, not a new lead); Jo: an email
 * only; Kim: an unusable home cell, then a work number.
 */
const fixture = join(root, 'tests/fixtures/import/jobnimbus-home-phones.csv');

describe('leads texted on a home or work number (issue #14)', () => {
  const { open } = useBackends();

  it('the validator says which column the texted phone came from', () => {
    const mapping = { columns: ['Mobile Phone', 'Home Phone', 'Email'].map((header, index) => ({ index, header, field: index < 2 ? ('phone' as const) : ('email' as const), confidence: 1 })) };
    const validate = createRowValidator({ mapping });
    const header = (cells: string[]) => {
      const result = validate(cells);
      return result.ok ? result.phoneHeader : 'rejected';
    };
    expect(header(['(512) 555-0101', '(512) 555-0201', ''])).toBe('Mobile Phone');
    expect(header(['', '(512) 555-0201', ''])).toBe('Home Phone');
    expect(header(['555', '(512) 555-0201', ''])).toBe('Home Phone'); // a bad mobile: the home number is texted
    expect(header(['', '', 'a@b.co'])).toBeNull();
    // Many old CRMs export Home before Mobile: the home number was texted while the row had a mobile.
    const homeFirst = createRowValidator({ mapping: { columns: ['Home Phone', 'Work Phone', 'Cell'].map((h, index) => ({ index, header: h, field: 'phone' as const, confidence: 1 })) } });
    expect(homeFirst(['(512) 555-0201', '(512) 555-0301', '(512) 555-0101'])).toMatchObject({ ok: true, phoneHeader: 'Cell', lead: { phone: '+15125550101', notes: 'Home Phone: +15125550201\nWork Phone: +15125550301' } });
    expect(homeFirst(['(512) 555-0201', '(512) 555-0301', ''])).toMatchObject({ ok: true, phoneHeader: 'Home Phone' });
    // A work or homeowner's cell is a mobile: it goes first, and is not counted as a landline.
    const cells = (headers: string[]) => createRowValidator({ mapping: { columns: headers.map((h, index) => ({ index, header: h, field: 'phone' as const, confidence: 1 })) } });
    expect(cells(['Phone', 'Work Cell'])(['(512) 555-0201', '(512) 555-0101'])).toMatchObject({ ok: true, phoneHeader: 'Work Cell' });
    expect(cells(['Phone', 'Homeowner Cell'])(['(512) 555-0201', '(512) 555-0101'])).toMatchObject({ ok: true, phoneHeader: 'Homeowner Cell' });
    expect(cells(['Home Phone', 'Homeowner Phone'])(['(512) 555-0201', '(512) 555-0101'])).toMatchObject({ ok: true, phoneHeader: 'Homeowner Phone' });
    expect(['Work Cell', 'Homeowner Phone', 'Home Mobile'].some(isHomeOrWorkPhoneHeader)).toBe(false);
    expect(['Home Phone', 'Work', 'Office Tel', 'Landline', 'Business Phone', 'home phone 2'].every(isHomeOrWorkPhoneHeader)).toBe(true);
    expect(['Mobile Phone', 'Cell', 'Phone', 'Phone 2', 'SMS'].some(isHomeOrWorkPhoneHeader)).toBe(false);
  });

  it('the hint says why a home or work number is texted: no mobile in the row, or none in the file', () => {
    const columns = (headers: string[]) => ({ columns: headers.map((header, index) => ({ index, header, field: 'phone' as const })) });
    expect(homeOrWorkPhoneHint(columns(['Mobile Phone', 'Home Phone']))).toMatch(/^They have no mobile number in the file/);
    expect(homeOrWorkPhoneHint(columns(['Home Phone', 'Work Phone', 'Cell']))).toMatch(/^They have no mobile number in the file/);
    expect(homeOrWorkPhoneHint(columns(['Home Phone']))).toMatch(/^Every phone column of this file is a home or work number/);
  });

  it('the preview and `rlm import --dry-run` count the new leads texted on a home or work number', async () => {
    const backend = open();
    const { id: companyId } = await call<{ id: number }>(backend, 'companies:create', { name: 'Summit Roofing', ghlLocationId: 've9EPM428h8vShlRW1KT' });
    const path = fixture;
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path, companyId });
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const preview = await call<PreviewResult>(backend, 'imports:preview', { path, companyId, options, mapping: inspect.mapping });
    // Gus (home), Hal (work), Kim (work after an unusable home cell); not Ida, a duplicate of Gus's number.
    expect(preview.counts).toMatchObject({ valid: 6, duplicatesInFile: 1, homeOrWorkPhones: 3 });
    expect(preview.homeOrWorkPhoneRows).toEqual([3, 4, 7]);
    expect(homeOrWorkPhonesNotice(12, [3, 4])).toBe('12 leads will be texted on a home or work number, often a landline (rows 3, 4, …).');
    expect(homeOrWorkPhonesNotice(1, [9])).toBe('1 lead will be texted on a home or work number, often a landline (row 9).');

    const cli = spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', backend.ctx.dataDir, 'import', path, '--company', 'Summit Roofing', '--dry-run', '--json'], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(JSON.parse(cli.stdout)).toMatchObject({ dryRun: true, imported: 5, homeOrWorkPhones: 3 });
    const text = spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', backend.ctx.dataDir, 'import', path, '--company', 'Summit Roofing', '--dry-run'], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(text.stdout).toContain('Note: 3 leads will be texted on a home or work number, often a landline (rows 3, 4, 7). They have no mobile number in the file');
  }, 120_000);
});
