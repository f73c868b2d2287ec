/**
 * `#/companies/12`: the Companies page with that company's drawer open, where its key, campaign and schedule
 * are set. The dashboard's "Add the API key" and the lead panel's link lead there; the plain list left the
 * office to guess "Edit" and scroll to the key.
 */
export const companyLink = (companyId: number) => `#/companies/${companyId}`;

export const linkedCompanyId = (hash = window.location.hash): number | null => {
  const match = /^#\/companies\/(\d+)/.exec(hash);
  return match ? Number(match[1]) : null;
};

/** `#/companies/new`: the Companies page with the new company's form open ("Add your company" opened the list, a review). */
export const NEW_COMPANY_LINK = '#/companies/new';

export const isNewCompanyLink = (hash = window.location.hash): boolean => hash === NEW_COMPANY_LINK;
