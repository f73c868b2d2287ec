import { describe, expect, it } from 'vitest';
import { blockOf, describeBlock, findBlocked, type BlockedCompany } from '../../../electron/sync/blocked';
import { liftsByItself } from '../../../shared/sync-pause';

const block = (reason: BlockedCompany['reason'], extra: Partial<BlockedCompany> = {}): BlockedCompany => ({
  companyId: 1,
  company: 'Birch Roofs',
  reason,
  since: null,
  until: null,
  waiting: 2,
  optOuts: 0,
  alsoPaused: null,
  holdsEveryLead: true,
  ...extra,
});
const at = () => 'Thu, Dec 10, 00:00 UTC';

describe('what the dashboard says of a blocked company', () => {
  it('promises that sending starts by itself once the block is gone, when nothing else holds it', () => {
    expect(describeBlock(block('no-key'), at, { forScreen: true })).toMatch(/Add the key on the Companies page; sending starts by itself\.$/);
    expect(describeBlock(block('key-refused'), at, { forScreen: true })).toMatch(/; sending resumes by itself\.$/);
    expect(describeBlock(block('daily-limit', { until: 1 }), at, { forScreen: true })).toMatch(/; sending resumes by itself at Thu, Dec 10, 00:00 UTC\.$/);
    expect(describeBlock(block('workflow-missing'), at, { forScreen: true })).toMatch(/; sending resumes by itself\.$/);
  });

  // The office paused all sending: it outlasts the key, the limit and the workflow ("starts by itself" stood under "Sending is paused").
  it('says it waits for Resume while all sending is paused', () => {
    const paused = { forScreen: true, isAllPaused: true };
    expect(describeBlock(block('no-key'), at, paused)).toMatch(/Add the key on the Companies page; sending starts once you resume all sending\.$/);
    expect(describeBlock(block('key-refused'), at, paused)).toMatch(/; sending resumes once you resume all sending\.$/);
    expect(describeBlock(block('daily-limit', { until: 1 }), at, paused)).toMatch(/; it lifts at Thu, Dec 10, 00:00 UTC, and sending resumes once you resume all sending\.$/);
    expect(describeBlock(block('workflow-missing'), at, paused)).toMatch(/; sending resumes once you resume all sending\.$/);
    for (const reason of ['no-key', 'key-refused', 'daily-limit', 'workflow-missing'] as const) {
      expect(describeBlock(block(reason, { until: 1 }), at, paused)).not.toContain('by itself');
      // rlm status says the same (the app that holds the runner paused it).
      expect(describeBlock(block(reason, { until: 1 }), at, { isAllPaused: true })).not.toContain('by itself');
    }
  });

  // The office's pause lets opt-outs go; GHL's refusal of the key (or its limit) held them, and only the pause was said.
  it('says when GHL holds the opt-outs of a company the office paused', () => {
    expect(describeBlock(block('paused-by-user', { optOutsHeld: 'key-refused' }), at, { forScreen: true })).toBe(
      "Birch Roofs: 2 leads waiting — sending is paused. Press Resume to send them. GHL also refuses its API key, so a customer's opt-out does not reach GHL either: save a new key on the Companies page.",
    );
    expect(describeBlock(block('paused-by-user', { optOutsHeld: 'daily-limit' }))).toMatch(/rlm sync resume --company "Birch Roofs" — GHL's request limit for this location is used up too, so a customer's opt-out waits until it resets\.$/);
    expect(describeBlock(block('paused-by-user'), at, { forScreen: true })).toBe('Birch Roofs: 2 leads waiting — sending is paused. Press Resume to send them.');
  });

  // A block's jobs counted a customer's STOP as a lead: "3 leads waiting — sending is paused. Press Resume to send them"
  // of 1 lead and 2 opt-outs, which go to GHL whatever the pause.
  it('counts opt-outs apart from leads, and says the pause lets them go', () => {
    expect(describeBlock(block('paused-by-user', { waiting: 1, optOuts: 2 }), at, { forScreen: true })).toBe(
      'Birch Roofs: 1 lead and 2 opt-outs waiting — sending is paused; the opt-outs still go to GHL. Press Resume to send the leads.',
    );
    expect(describeBlock(block('paused-by-user', { waiting: 0, optOuts: 1 }))).toBe('Birch Roofs: 1 opt-out waiting — sending is paused; the opt-out still goes to GHL.');
    // GHL holds them under the pause: that is said instead.
    expect(describeBlock(block('paused-by-user', { waiting: 0, optOuts: 2, optOutsHeld: 'key-refused' }))).toBe(
      "Birch Roofs: 2 opt-outs waiting — sending is paused. GHL also refuses its API key, so a customer's opt-out does not reach GHL either: save a new key (rlm company set-key).",
    );
    expect(describeBlock(block('workflow-missing', { waiting: 3, optOuts: 1 }), at, { forScreen: true })).toMatch(/^Birch Roofs: 3 leads and 1 opt-out waiting — GHL no longer has the campaign's workflow \(deleted or unpublished there\), so nobody is enrolled and nothing is texted; the opt-out still goes to GHL\. /);
    // Without a key nothing goes, opt-outs neither: counted, and nothing more said of them.
    expect(describeBlock(block('no-key', { waiting: 3, optOuts: 2 }), at, { forScreen: true })).toMatch(/^Birch Roofs: 3 leads and 2 opt-outs waiting — no GHL API key is saved, so nothing can be sent\./);
  });

  // A missing workflow lets opt-outs go too; GHL then refused the key (the pause stays "workflow missing") and held
  // them, while the block said "the opt-out still goes to GHL".
  it('says when GHL holds the opt-outs of a company whose workflow is missing', () => {
    const held = block('workflow-missing', { waiting: 3, optOuts: 1, optOutsHeld: 'key-refused' });
    const screen = describeBlock(held, at, { forScreen: true });
    expect(screen).not.toMatch(/still goes/);
    expect(screen).toMatch(/; sending resumes by itself\. GHL also refuses its API key, so a customer's opt-out does not reach GHL either: save a new key on the Companies page\.$/);
    expect(describeBlock({ ...held, optOutsHeld: 'daily-limit' })).toMatch(/\(or the Companies page\); sending resumes by itself\. GHL's request limit for this location is used up too, so a customer's opt-out waits until it resets\.$/);
  });

  it('judges a workflow-missing company with only opt-outs that GHL holds as blocked, and says the hold', () => {
    const company = {
      companyId: 1, name: 'Birch Roofs', pausedReason: 'workflow-missing', pausedAt: null, pausedUntil: null, missingWorkflow: 'Reactivation',
      jobs: { queued: 2, running: 0, done: 0, failed: 0, cancelled: 0 },
    } as unknown as Parameters<typeof blockOf>[0];
    expect(blockOf(company, true, true, Date.now(), null, 2)).toBeNull();
    expect(blockOf(company, true, true, Date.now(), 'key-refused', 2)).toMatchObject({ reason: 'workflow-missing', waiting: 0, optOuts: 2, optOutsHeld: 'key-refused' });
  });

  // Leads held until another company's GHL can be asked whether the customer opted out there (held-elsewhere.ts): a
  // block of their own, after the company's own (which holds every lead), with the other company named and why it cannot
  // be asked ("check its API key" was said of a GHL outage that passes by itself).
  it('names the other company whose GHL must be asked about shared customers, and why it cannot be, after any block of the company itself', () => {
    const status = { companyId: 1, name: 'Birch Roofs', jobs: { queued: 5, running: 0 }, pausedReason: null, pausedAt: null, pausedUntil: null, missingWorkflow: null } as unknown as Parameters<typeof blockOf>[0];
    const held = { waiting: 1, onContacts: 0, companies: ['Alder Roofs'], companyIds: [2], pauses: [{ pausedReason: null, pausedUntil: null }] };
    const shared = blockOf(status, true, true, 0, null, 0, held);
    // One of its five waiting leads: the other four go, and the company counts as sending.
    expect(shared).toMatchObject({ reason: 'shared-customers-unasked', waiting: 1, heldFor: ['Alder Roofs'], heldBecause: null, holdsEveryLead: false });
    expect(blockOf(status, true, true, 0, null, 0, { ...held, waiting: 5 })).toMatchObject({ holdsEveryLead: true });
    expect(describeBlock(shared!, at, { forScreen: true })).toBe(
      "Birch Roofs: 1 lead waiting — this customer is Alder Roofs's lead too, and Alder Roofs's GoHighLevel did not answer whether the customer opted out there, " +
        'so nothing is sent to the customer until it does. It is asked again every few minutes; the lead goes by itself once it answers.',
    );
    expect(liftsByItself(shared!)).toBe(true);
    // GHL refused or failed the question about these customers' contacts alone: a person checks them; it does not pass by itself.
    const onContacts = blockOf(status, true, true, 0, null, 0, { ...held, waiting: 2, onContacts: 2 })!;
    expect(onContacts).toMatchObject({ heldOnContacts: true, heldBecause: null });
    expect(liftsByItself(onContacts)).toBe(false);
    expect(describeBlock(onContacts, at, { forScreen: true })).toBe(
      "Birch Roofs: 2 leads waiting — these customers are Alder Roofs's leads too, and Alder Roofs's GoHighLevel refused or failed the question whether they opted out there, " +
        "about these customers' contacts alone, so nothing is sent to them until it answers. Check these customers' contacts in Alder Roofs's GHL; they are asked again after 10 minutes, then less and less often (up to every 2 hours).",
    );
    // One of them held because GHL did not answer at all: that passes by itself, and is what is said.
    expect(blockOf(status, true, true, 0, null, 0, { ...held, waiting: 2, onContacts: 1 })).toMatchObject({ heldOnContacts: false });
    const because = (reason: 'no-key' | 'key-refused' | 'daily-limit' | 'keychain-unavailable', forScreen = true) =>
      describeBlock(blockOf(status, true, true, 0, null, 0, { ...held, waiting: 2, because: { reason, company: 'Alder Roofs' } })!, at, { forScreen });
    expect(because('no-key')).toBe(
      "Birch Roofs: 2 leads waiting — these customers are Alder Roofs's leads too, and Alder Roofs has no GHL API key, so its GoHighLevel cannot be asked whether they opted out there: nothing is sent to them until it can be. Add Alder Roofs's key on the Companies page; they go by themselves then.",
    );
    expect(because('key-refused', false)).toMatch(/and GHL refused Alder Roofs's API key, .* Save a new key for Alder Roofs \(rlm company set-key\); they go by themselves then\.$/);
    expect(because('daily-limit')).toMatch(/Alder Roofs's GHL request limit is used up, .*; they go by themselves once it lifts\.$/);
    expect(because('keychain-unavailable')).toMatch(/Alder Roofs's API key cannot be read \(the keychain did not answer\).* Unlock the keychain; they go by themselves then\.$/);
    // Its own missing key holds every lead: that is the block said.
    expect(blockOf(status, false, true, 0, null, 0, held)).toMatchObject({ reason: 'no-key', waiting: 5 });
    expect(blockOf(status, true, true, 0, null, 0, { waiting: 0, onContacts: 0, companies: [], companyIds: [], pauses: [] })).toBeNull();
  });

  // findBlocked reads why from the other company's own key and pause.
  it('finds why the other company cannot be asked from its key and its pause', () => {
    const row = (companyId: number, name: string, pausedReason: string | null) =>
      ({ companyId, name, jobs: { queued: companyId === 1 ? 3 : 0, running: 0 }, pausedReason, pausedAt: null, pausedUntil: null, missingWorkflow: null }) as unknown as Parameters<typeof blockOf>[0];
    // Only Birch is listed (`rlm sync --company Birch`): Alder's pause comes with the hold.
    const find = (alderPause: 'auth' | null, alderHasKey: boolean, cedar: { pause: 'daily-limit' | null } | null = null) => {
      const held = {
        waiting: 1,
        onContacts: 0,
        companies: ['Alder Roofs', ...(cedar ? ['Cedar Roofs'] : [])],
        companyIds: [2, ...(cedar ? [3] : [])],
        pauses: [{ pausedReason: alderPause, pausedUntil: null }, ...(cedar ? [{ pausedReason: cedar.pause, pausedUntil: null }] : [])],
      };
      return findBlocked([row(1, 'Birch Roofs', null)], (id) => id !== 2 || alderHasKey, true, new Map(), new Map(), new Map([[1, held]]));
    };
    expect(find('auth', true)).toMatchObject([{ companyId: 1, heldBecause: 'key-refused', heldBecauseOf: 'Alder Roofs' }]);
    expect(find(null, false)).toMatchObject([{ companyId: 1, heldBecause: 'no-key' }]);
    expect(find(null, true)).toMatchObject([{ companyId: 1, heldBecause: null }]);
    // The most serious of several, named: Cedar's key missing is not hidden behind Alder's blip.
    expect(find(null, false, { pause: 'daily-limit' })).toMatchObject([{ heldBecause: 'no-key', heldBecauseOf: 'Alder Roofs' }]);
    const [cedarLimited] = find(null, true, { pause: 'daily-limit' });
    expect(cedarLimited).toMatchObject({ heldBecause: 'daily-limit', heldBecauseOf: 'Cedar Roofs' });
    expect(describeBlock(cedarLimited!)).toContain("this customer is Alder Roofs and Cedar Roofs's lead too, and Cedar Roofs's GHL request limit is used up");
    expect(liftsByItself(cedarLimited!)).toBe(true);
    // GHL refused Alder's key for the question alone (a 401, nothing paused): a key to save, not a wait, even beside
    // Alder's daily limit, which lifts while the key stays refused.
    const keyRefused = (alderPause: 'daily-limit' | null) =>
      findBlocked([row(1, 'Birch Roofs', null)], () => true, true, new Map(), new Map(), new Map([[1, {
        waiting: 1, onContacts: 0, keyRefused: [true], companies: ['Alder Roofs'], companyIds: [2], pauses: [{ pausedReason: alderPause, pausedUntil: alderPause ? Date.now() + 3_600_000 : null }],
      }]]));
    for (const pause of [null, 'daily-limit'] as const) {
      const [block] = keyRefused(pause);
      expect(block).toMatchObject({ heldBecause: 'key-refused', heldBecauseOf: 'Alder Roofs' });
      expect(liftsByItself(block!)).toBe(false);
      expect(describeBlock(block!)).toContain("GHL refused Alder Roofs's API key, so its GoHighLevel cannot be asked");
    }
  });

  // Leads held for contacts GHL refuses or fails the question about need a person, whatever else holds the company.
  it('a hold of contacts alone never passes by itself, not even beside the other company’s daily limit', () => {
    expect(liftsByItself({ reason: 'shared-customers-unasked', heldBecause: 'daily-limit', heldOnContacts: true })).toBe(false);
    expect(liftsByItself({ reason: 'shared-customers-unasked', heldBecause: null, heldOnContacts: true })).toBe(false);
    expect(liftsByItself({ reason: 'shared-customers-unasked', heldBecause: 'daily-limit', heldOnContacts: false })).toBe(true);
    expect(liftsByItself({ reason: 'daily-limit' })).toBe(true);
    expect(liftsByItself({ reason: 'paused-by-user' })).toBe(false);
  });
});
