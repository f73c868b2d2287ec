/**
 * A cell no office means as a trap still gets imported. A state cell "constructor" was looked up in an object and read
 * as a state whose code is a function: the draft could not be sent from the parse thread to the writer, and
 * `rlm import` failed whole with "function Object() { [native code] } could not be cloned".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';

describe('cells that name a property of every JavaScript object', () => {
  const tempDir = useTempDirs();

  it('are imported as typed, with the usual warning, and the rest of the file with them', async () => {
    const dir = tempDir();
    expect((await rlm(dir, ['company', 'add', '--name', 'Acme', '--location-id', 'locAcme01', '--json'])).code).toBe(0);
    const file = join(dir, 'leads.csv');
    writeFileSync(file, 'First Name,Phone,State\nAnn,5125550142,constructor\nBob,5125550143,toString\nCy,5125550144,TX\n');
    const run = await rlm(dir, ['import', file, '--company', 'Acme', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ state: 'completed', imported: 3, rejected: 0, withWarnings: 2 });
    const first = await rlm(dir, ['lead', 'get', '--id', '1', '--json']);
    expect(JSON.parse(first.stdout)).toMatchObject({ firstName: 'Ann', state: 'constructor' });
  });
});
