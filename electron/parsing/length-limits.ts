/**
 * The longest value the app keeps per lead field (an import cuts a longer one, with a warning). Its own file:
 * the import's writer thread appends notes within the same limit and must not load the phone parser.
 */
export const LENGTH_LIMITS = {
  name: 100,
  address1: 200,
  city: 100,
  state: 50,
  postalCode: 20,
  country: 60,
  source: 200,
  consentNote: 2_000,
  notes: 10_000,
  companyName: 200,
  crmStatus: 100,
  jobType: 100,
  crmTags: 1_000,
  /** A custom field value; GHL's text fields hold more, but an old CRM's cell longer than this is not a field. */
  customValue: 2_000,
} as const;
