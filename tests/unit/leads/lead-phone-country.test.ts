/** The lead form and edits read a phone under the lead's own country, with the import's function (issue #14). */
import { describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';

describe('leads: the phone follows the lead’s country', () => {
  const { open } = useBackends();

  async function setup() {
    const backend = open();
    const company = await backend.dispatch('companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' });
    if (!company.ok) throw new Error(company.error.message);
    return { ...backend, companyId: (company.value as { id: number }).id };
  }

  it('a Mexican lead typed in the form is +52; a country name counts as well as a code', async () => {
    const { dispatch, companyId } = await setup();
    await expect(dispatch('leads:create', { companyId, phone: '55 1234 5678', country: 'MX' })).resolves.toMatchObject({ ok: true, value: { phone: '+525512345678', country: 'MX' } });
    await expect(dispatch('leads:create', { companyId, phone: '55 1234 5679', country: 'Mexico' })).resolves.toMatchObject({ ok: true, value: { phone: '+525512345679', country: 'MX' } });
  });

  it('an edit of the country never re-reads the stored phone under the new country', async () => {
    const { dispatch, companyId } = await setup();
    const created = await dispatch('leads:create', { companyId, phone: '(512) 555-0142', country: 'US' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: number }).id;
    const moved = await dispatch('leads:update', { id, patch: { country: 'MX' } });
    expect(moved).toMatchObject({ ok: true, value: { phone: '+15125550142', country: 'MX' } });
    // A phone typed in the same edit is read under the lead's (new) country.
    const retyped = await dispatch('leads:update', { id, patch: { phone: '55 1234 5670' } });
    expect(retyped).toMatchObject({ ok: true, value: { phone: '+525512345670', phoneRaw: '55 1234 5670' } });
  });

  // The import reads "DNC" beside a number as the customer's opt-out; typed in the form, the letters would be dropped with it.
  it('a phone typed with "do not text" beside it is refused, and the form says to tick Do not contact', async () => {
    const { dispatch, companyId } = await setup();
    await expect(dispatch('leads:create', { companyId, phone: '(512) 555-0142 do not text' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'The phone says do not contact: enter the digits only, and tick Do not contact' },
    });
  });
});
