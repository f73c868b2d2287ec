import { parseArgs } from 'node:util';
import type { Backend } from '../../app/backend';
import type { Lead } from '../../../shared/lead';
import { refuseUnusedOptions } from '../verb-options';
import { CliUsageError, unwrap, type Output } from '../output';

export const leadUsage = `rlm lead add --company NAME_OR_ID --first-name F --last-name L --phone P [--email E] [--address A] [--city C]
             [--state S] [--zip Z] [--country US] [--source S] [--notes N] [--dnc]
rlm lead get --id ID
rlm lead remove --id ID`;

const VERB_OPTIONS: Record<string, readonly string[]> = {
  add: ['company', 'first-name', 'last-name', 'phone', 'email', 'address', 'city', 'state', 'zip', 'country', 'source', 'notes', 'dnc'],
  get: ['id'],
  remove: ['id'],
};

const describe = (lead: Lead) =>
  `Lead #${lead.id} ${[lead.firstName, lead.lastName].filter(Boolean).join(' ')} ${lead.phone ?? ''} ${lead.email ?? ''} (${lead.status})`.replace(/\s+/g, ' ');

export async function leadCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const [verb, ...rest] = args;
  const { dispatch, ctx } = backend;
  const { values } = parseArgs({
    args: rest,
    options: {
      company: { type: 'string' },
      id: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
      address: { type: 'string' },
      city: { type: 'string' },
      state: { type: 'string' },
      zip: { type: 'string' },
      country: { type: 'string' },
      source: { type: 'string' },
      notes: { type: 'string' },
      dnc: { type: 'boolean' },
    },
    strict: true,
  });
  refuseUnusedOptions('lead', verb, { values }, { options: VERB_OPTIONS }, leadUsage);
  const leadId = () => {
    const id = Number(values.id);
    if (!Number.isInteger(id) || id <= 0) throw new CliUsageError('--id must be a lead number');
    return id;
  };
  switch (verb) {
    case 'add': {
      if (!values.company) throw new CliUsageError('--company is required');
      const lead = unwrap(
        await dispatch('leads:create', {
          companyId: ctx.companies.resolve(values.company).id,
          firstName: values['first-name'],
          lastName: values['last-name'],
          phone: values.phone,
          email: values.email,
          address1: values.address,
          city: values.city,
          state: values.state,
          postalCode: values.zip,
          country: values.country,
          source: values.source,
          notes: values.notes,
          doNotContact: values.dnc ?? false,
        }),
      ) as Lead;
      return out.result(lead, () => `Added ${describe(lead)}.`);
    }
    case 'get': {
      const lead = unwrap(await dispatch('leads:get', { id: leadId() })) as Lead;
      return out.result(lead, () => describe(lead));
    }
    case 'remove': {
      const value = unwrap(await dispatch('leads:remove', { id: leadId() })) as { ghlContactId: string | null };
      return out.result(value, () => (value.ghlContactId ? `Lead removed here; its GHL contact ${value.ghlContactId} was not touched.` : 'Lead removed.'));
    }
    default:
      throw new CliUsageError(`Unknown lead command "${verb ?? ''}".\n${leadUsage}`);
  }
}
