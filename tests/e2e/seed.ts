/**
 * Setting a test's scene through the page's own API (window.api, as the app's forms call it): a company with its GHL key
 * and some leads, and a lead's status as main reports it.
 */
import type { Page } from '@playwright/test';

export interface SeedCompany {
  name: string;
  location: string;
  token: string;
  /** The GHL simulator's address. */
  url: string;
}

export interface SeedLead {
  firstName: string;
  lastName: string;
  phone: string;
}

/** Creates the company, saves its key and creates the leads; returns their ids, one for each lead, in order. */
export async function companyWithLeads<const Leads extends readonly SeedLead[]>(page: Page, company: SeedCompany, leads: Leads): Promise<{ [I in keyof Leads]: number }> {
  const ids = await page.evaluate(
    async ({ company: { name, location, token, url }, leads: toCreate }) => {
      const created = await window.api.companies.create({ name, ghlLocationId: location, ghlBaseUrl: url });
      if (!created.ok) throw new Error(created.error.message);
      const key = await window.api.companies.setKey({ id: created.value.id, apiKey: token });
      if (!key.ok) throw new Error(key.error.message);
      const ids: number[] = [];
      for (const lead of toCreate) {
        const made = await window.api.leads.create({ companyId: created.value.id, ...lead });
        if (!made.ok) throw new Error(made.error.message);
        ids.push(made.value.id);
      }
      return ids;
    },
    { company, leads },
  );
  // One id for each lead, in order (made above): the tuple's length is the leads'.
  return ids as { [I in keyof Leads]: number };
}

/** The lead's status, read through the page's API (for expect.poll). */
export function leadStatus(page: Page, leadId: number): Promise<string> {
  return page.evaluate(async (id) => {
    const lead = await window.api.leads.get({ id });
    if (!lead.ok) throw new Error(lead.error.message);
    return lead.value.status;
  }, leadId);
}

/** Changes the lead's phone through the page's API, as the lead form saves it. */
export async function changePhone(page: Page, leadId: number, phone: string): Promise<void> {
  await page.evaluate(
    async ({ id, to }) => {
      const updated = await window.api.leads.update({ id, patch: { phone: to } });
      if (!updated.ok) throw new Error(updated.error.message);
    },
    { id: leadId, to: phone },
  );
}
