/**
 * `rlm company set --workflow` checks the workflow with GHL when it can, as the app's picker does (it
 * lists only the location's published workflows): a mistyped id was saved as it was, and every lead then
 * went to GHL as a contact that GHL refused to enrol ("Workflow not found"), one failed lead at a time.
 * A workflow may be named instead of its id. Real process, the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';
import { LOCATIONS, startSim } from '../sync/world';

const loc = LOCATIONS[0];
const WORKFLOW_ID = `wf-${loc.id}-reactivation`; // the simulator's one published workflow, "Roof reactivation"

describe('rlm company set --workflow', () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  async function companyWithKey(): Promise<string> {
    sim = await startSim({}, 2);
    const dir = tempDir();
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', sim.url, '--json'])).code).toBe(0);
    expect((await rlm(dir, ['company', 'set-key', '--company', loc.name], `${loc.token}\n`)).code).toBe(0);
    return dir;
  }

  const campaign = async (dir: string) => {
    const [company] = JSON.parse((await rlm(dir, ['company', 'list', '--json'])).stdout) as Array<{ enrolMode: string; workflowId: string | null }>;
    return { enrolMode: company!.enrolMode, workflowId: company!.workflowId };
  };

  it('refuses a workflow GHL does not have (exit 2), names the ones it has, and keeps the campaign as it was', async () => {
    const dir = await companyWithKey();
    const refused = await rlm(dir, ['company', 'set', '--company', loc.name, '--workflow', 'wf-typo']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('GHL has no published workflow "wf-typo"');
    expect(refused.stderr).toContain(`Roof reactivation (${WORKFLOW_ID})`);
    expect(await campaign(dir)).toEqual({ enrolMode: 'tag', workflowId: null });
  });

  it('takes a workflow by its id or by its name', async () => {
    const dir = await companyWithKey();
    const byName = await rlm(dir, ['company', 'set', '--company', loc.name, '--workflow', 'roof Reactivation']);
    expect(byName.code, byName.stderr).toBe(0);
    expect(await campaign(dir)).toEqual({ enrolMode: 'workflow', workflowId: WORKFLOW_ID });
    expect((await rlm(dir, ['company', 'set', '--company', loc.name, '--workflow', WORKFLOW_ID])).code).toBe(0);
    expect(await campaign(dir)).toEqual({ enrolMode: 'workflow', workflowId: WORKFLOW_ID });
  });

  // Checked against the location the company pointed at before the same command moved it: Alpha's workflow
  // was saved, "checked", for a company now at Bravo.
  it('checks a workflow against the location the same command moves the company to', async () => {
    const dir = await companyWithKey();
    const bravo = LOCATIONS[1];
    const moved = await rlm(dir, ['company', 'set', '--company', loc.name, '--location-id', bravo.id, '--workflow', WORKFLOW_ID]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain('could not be checked with GHL now'); // Alpha's key does not open Bravo
    const [company] = JSON.parse((await rlm(dir, ['company', 'list', '--json'])).stdout) as Array<{ ghlLocationId: string; workflowId: string }>;
    expect(company).toMatchObject({ ghlLocationId: bravo.id, workflowId: WORKFLOW_ID });
  });

  it('saves an id it cannot check (no key yet) and says it was not checked', async () => {
    const dir = tempDir();
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--json'])).code).toBe(0);
    const saved = await rlm(dir, ['company', 'set', '--company', loc.name, '--workflow', 'wf-later']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('could not be checked with GHL now');
    expect(await campaign(dir)).toEqual({ enrolMode: 'workflow', workflowId: 'wf-later' });
  });

  // Saved unchecked before the key, a name stayed a name: every lead then failed at its enrolment with "GHL no
  // longer has the campaign's workflow". The key's check now checks the workflow too.
  it('checks a workflow saved before the key once the key is saved: a name becomes its id, an unknown one blocks (exit 3)', async () => {
    sim = await startSim({}, 1);
    for (const [given, expected] of [['Roof reactivation', 0], ['wf-typo', 3]] as const) {
      const dir = tempDir();
      expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', sim.url, '--json'])).code).toBe(0);
      expect((await rlm(dir, ['company', 'set', '--company', loc.name, '--workflow', given])).stdout).toContain('could not be checked with GHL now');
      const keyed = await rlm(dir, ['company', 'set-key', '--company', loc.name], `${loc.token}\n`);
      expect(keyed.code, keyed.stderr).toBe(expected);
      if (expected === 0) {
        expect(keyed.stdout).toContain(`saved as its id ${WORKFLOW_ID}`);
        expect(await campaign(dir)).toEqual({ enrolMode: 'workflow', workflowId: WORKFLOW_ID });
      } else {
        expect(keyed.stdout).toContain('GHL has no published workflow "wf-typo"');
        expect(keyed.stdout).toContain('Nothing is enrolled until it is');
      }
    }
  });
});
