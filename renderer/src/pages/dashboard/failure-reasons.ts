/**
 * Main stores GHL's (or the network's) own error text on a failed lead. Staff need to know what
 * to do about it, so the common shapes get a plain sentence; anything else is shown as it came.
 */
const knownReasons: Array<{ test: RegExp; plain: string; fix: string }> = [
  // Before the others: its text names a workflow and GHL (electron/sync/create-once.ts UNCONFIRMED_MESSAGE).
  { test: /did not confirm the enrolment/i, plain: 'GHL did not confirm the enrolment', fix: 'Check the contact in GHL, then answer under “Check in GHL” (a retry never sends it again by itself).' },
  // Before "tag" and "email": electron/sync/company-lane.ts, a contact that had the campaign tag before this app added it.
  { test: /already had the tag/i, plain: 'The contact already had the campaign tag in GHL, so no workflow started', fix: 'Remove the tag from the contact in GHL, then retry: adding it again is what starts the campaign.' },
  // Before "phone" and "email": electron/sync/phone-kept.ts, GHL's upsert quirk #37 (the fix is in GHL, not on the lead's phone).
  { test: /matched this lead's email to a contact/i, plain: 'GHL matched this lead to a contact without its phone number, so the campaign would not text it', fix: 'Merge the two contacts in GHL (one has the lead’s email, the other its phone), then retry.' },
  // Before "phone" and "email": electron/sync/duplicate-refusal.ts, an enrolled lead's new number or email that another
  // contact has (the number itself is fine: "did not accept the phone number" sent the office to fix a right number).
  { test: /another contact with this phone or email/i, plain: 'Another contact in GHL already has this lead’s new phone or email, so the contact in the campaign kept its old one', fix: 'Find that contact in GHL: if it is the same customer, merge the two there, else correct the lead; then retry.' },
  // electron/sync/answered-meanwhile.ts: a request GHL never answered while it answered the others.
  { test: /while it answered other requests/i, plain: 'GHL never answered this lead’s request, while it answered the others', fix: 'Look at the contact in GHL (something in it may stall GHL), then retry.' },
  // Before "location": GHL's own words end "…not found for this location" (electron/sync/custom-field-refusal.ts).
  { test: /no longer has (the|one of the) custom field/i, plain: 'A custom field this lead has a value for was deleted in GHL', fix: 'Create the field again in GHL (or clear the value on the lead), then retry.' },
  { test: /refused this lead's value for (the|one of the) custom field/i, plain: 'GHL refused a custom field value of this lead', fix: "Correct the value on the lead (or the field's type in GHL), then retry." },
  { test: /\b401\b|unauthori[sz]ed|invalid.*(token|key)|api key/i, plain: 'GHL did not accept the company’s API key', fix: 'Paste a new key on the Companies page, then retry.' },
  { test: /\b403\b|forbidden|scope|permission/i, plain: 'The API key is missing a permission', fix: 'Create a key with contact and workflow access, then retry.' },
  { test: /\b429\b|rate.?limit|too many requests|daily limit/i, plain: 'GHL’s request limit was reached', fix: 'Retry them once the limit has reset (by the next day): failed leads do not go by themselves.' },
  { test: /phone/i, plain: 'GHL did not accept the phone number', fix: 'Fix the phone number on the lead, then resync.' },
  { test: /email/i, plain: 'GHL did not accept the email address', fix: 'Fix the email on the lead, then resync.' },
  { test: /duplicate|already exists/i, plain: 'GHL says the contact already exists', fix: 'Check the contact in GHL; retry to link it.' },
  { test: /workflow|campaign|tag/i, plain: 'The lead could not be added to the campaign', fix: 'Check the company’s campaign settings, then retry.' },
  { test: /timeout|timed out|network|ECONN|ENOTFOUND|fetch failed|socket|\b5\d\d\b/i, plain: 'GHL could not be reached', fix: 'Usually temporary; retry.' },
  { test: /location/i, plain: 'GHL does not know the company’s location ID', fix: 'Check the location ID on the Companies page.' },
];

export interface PlainReason {
  plain: string;
  fix: string | null;
}

export function plainReason(reason: string): PlainReason {
  const known = knownReasons.find((candidate) => candidate.test.test(reason));
  return known ? { plain: known.plain, fix: known.fix } : { plain: reason, fix: null };
}
