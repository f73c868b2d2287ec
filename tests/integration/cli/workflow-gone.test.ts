/**
 * The campaign's workflow deleted (or turned back into a draft) in GHL after it was chosen. Before, every
 * waiting lead went to GHL (contact, note, old tags) and then failed at its enrolment, one by one, until
 * the whole campaign had failed ("exit 5, 3 failed"). Now the company pauses at the first refusal: the
 * lead goes back to the queue unspent, nothing else is sent, `rlm sync` exits 3 naming what to do, and
 * choosing another workflow resumes it, each lead enrolled once. Real `rlm` processes, the real keychain,
 * the GHL simulator on a real port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';
import { LOCATIONS, startSim } from '../sync/world';

const loc = LOCATIONS[0];
const CHOSEN = `wf-${loc.id}-reactivation`; // the simulator's one published workflow, "Roof reactivation"
const LEADS = 5;

describe('the campaign workflow gone from GHL', { timeout: 120_000 }, () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  async function campaignWithLeads(): Promise<{ dir: string; sim: GhlSimulator }> {
    const started = await startSim();
    sim = started;
    const dir = tempDir();
    expect((await rlm(dir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', started.url, '--json'])).code).toBe(0);
    expect((await rlm(dir, ['company', 'set-key', '--company', loc.name], `${loc.token}\n`)).code).toBe(0);
    expect((await rlm(dir, ['company', 'set', '--company', loc.name, '--workflow', CHOSEN, '--json'])).code).toBe(0);
    for (let i = 0; i < LEADS; i++) {
      const added = await rlm(dir, ['lead', 'add', '--company', loc.name, '--first-name', `Lead${i}`, '--phone', `(512) 555-01${10 + i}`, '--notes', `Roof replaced 201${i}`, '--json']);
      expect(added.code, added.stdout + added.stderr).toBe(0);
    }
    return { dir, sim: started };
  }

  const location = (s: GhlSimulator) => s.state.locations.get(loc.id)!;

  it('deleted: the company pauses at the first refusal (exit 3), no lead fails, an opt-out still reaches GHL; another workflow chosen sends each lead once', async () => {
    const { dir, sim } = await campaignWithLeads();
    location(sim).workflows = [];

    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(3);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ synced: 0, failed: 0, failedThisRun: 0, pending: LEADS, blocked: [{ company: loc.name, reason: 'workflow-missing', waiting: LEADS }] });
    expect(result.blocked[0].message).toMatch(/GHL no longer has the campaign's workflow/);
    expect(result.blocked[0].message).toContain(`rlm company set --company "${loc.name}" --workflow`);
    // Only the leads already on their way when GHL refused reached it (the lane sends up to 3 at once); none was enrolled.
    expect(sim.state.contactsOf(loc.id).length).toBeLessThanOrEqual(3);
    expect(sim.state.ledger.enrolments).toEqual([]);

    const status = await rlm(dir, ['status']);
    expect(status.stdout).toContain('workflow gone from GHL');

    // Meanwhile a customer whose contact reached GHL opts out: the pause holds back enrolments, not the DND
    // that keeps any other workflow in GHL from texting them.
    const [reached] = sim.state.contactsOf(loc.id);
    expect((await rlm(dir, ['optout', 'add', '--phone', reached!.phone!, '--reason', 'Texted STOP'])).code).toBe(0);
    const dnd = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(dnd.code, dnd.stdout + dnd.stderr).toBe(3);
    expect(JSON.parse(dnd.stdout)).toMatchObject({ blocked: [{ reason: 'workflow-missing', waiting: LEADS - 1 }] });
    expect(sim.state.contacts.get(reached!.id)!.dnd).toBe(true);
    expect(sim.state.ledger.enrolments).toEqual([]);

    // The office makes a new workflow in GHL and chooses it: the pause lifts by itself.
    location(sim).workflows = [{ id: 'wf-spring', name: 'Spring reactivation', status: 'published' }];
    const chosen = await rlm(dir, ['company', 'set', '--company', loc.name, '--workflow', 'Spring reactivation']);
    expect(chosen.code, chosen.stderr).toBe(0);
    const again = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ synced: LEADS - 1, failed: 0, pending: 0, blocked: [] });
    const contacts = sim.state.contactsOf(loc.id);
    expect(contacts).toHaveLength(LEADS);
    for (const contact of contacts) {
      expect(sim.state.ledger.enrolmentsOf(contact.id).map((e) => e.workflowId)).toEqual(contact.id === reached!.id ? [] : ['wf-spring']);
      expect(sim.state.ledger.notesOf(contact.id)).toHaveLength(1);
    }
    expect(sim.state.ledger.duplicates()).toEqual([]);
  });

  it('turned back into a draft: the same pause; choosing the tag campaign instead lifts it too', async () => {
    const { dir, sim } = await campaignWithLeads();
    location(sim).workflows = [{ id: CHOSEN, name: 'Roof reactivation', status: 'draft' }];

    const run = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ failed: 0, blocked: [{ reason: 'workflow-missing', waiting: LEADS }] });

    expect((await rlm(dir, ['company', 'set', '--company', loc.name, '--enrol-tag', 'reactivation'])).code).toBe(0);
    const again = await rlm(dir, ['sync', '--until-idle', '--timeout', '60', '--json']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ synced: LEADS, failed: 0, blocked: [] });
    expect(sim.state.ledger.enrolments).toEqual([]);
    for (const contact of sim.state.contactsOf(loc.id)) expect(contact.tags.map((t) => t.toLowerCase())).toContain('reactivation');
  });
});
