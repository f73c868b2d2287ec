/** US states, DC and territories: full name → USPS code, for "Texas" → "TX". */
const STATE_CODES = new Map<string, string>(Object.entries({
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT',
  delaware: 'DE', 'district of columbia': 'DC', 'washington dc': 'DC', 'washington d c': 'DC', florida: 'FL', georgia: 'GA',
  hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA',
  maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO',
  montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM',
  'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR',
  pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX',
  utah: 'UT', vermont: 'VT', virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY',
  'puerto rico': 'PR', guam: 'GU', 'us virgin islands': 'VI', 'virgin islands': 'VI', 'american samoa': 'AS',
  'northern mariana islands': 'MP',
  // Common abbreviations people type.
  tex: 'TX', calif: 'CA', fla: 'FL', penn: 'PA', penna: 'PA', mass: 'MA', mich: 'MI', minn: 'MN', wash: 'WA', ariz: 'AZ',
  colo: 'CO', conn: 'CT', ill: 'IL', ind: 'IN', okla: 'OK', tenn: 'TN', wis: 'WI', wisc: 'WI',
}));
const VALID_CODES = new Set(STATE_CODES.values());

/** Returns the 2-letter code, or null when the value is not a recognisable US state. */
export function usStateCode(raw: string): string | null {
  // The common cells first ("TX", "tx", "Texas", "New York"), read as the tidying below would read them: an import asks
  // this of every row, and the three passes over the text cost ~25 ms of 100k rows (bench:import).
  if (raw.length === 2) {
    const code = raw.toUpperCase();
    if (VALID_CODES.has(code)) return code;
  }
  const named = STATE_CODES.get(raw.toLowerCase());
  if (named !== undefined) return named;
  const key = raw.toLowerCase().replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (key.length === 2) {
    const code = key.toUpperCase();
    return VALID_CODES.has(code) ? code : null;
  }
  // A Map, not an object: "constructor" is no state (an object's lookup answered with a function).
  return STATE_CODES.get(key) ?? null;
}
