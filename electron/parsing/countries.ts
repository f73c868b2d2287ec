/**
 * Country text → ISO 3166 alpha-2. Only real codes and real names count: a junk value ("ZZ",
 * "Narnia", "N/A") is not a country, so it can never steer how a phone is read.
 * "Real" = a territory libphonenumber has numbering metadata for (every ISO country a lead can live
 * in, plus XK); names come from ICU's English region names (Intl.DisplayNames), so no list of ~250
 * names is copied here.
 */
import { getCountries, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';

/** Spellings ICU does not give (abbreviations, old or informal names). */
const ALIASES: Record<string, CountryCode> = {
  usa: 'US', 'u s': 'US', 'u s a': 'US', 'united states of america': 'US', america: 'US', can: 'CA', mex: 'MX',
  uk: 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB',
};
/** Placeholders office staff type for "no country": "NA" is read as not-available, not as Namibia. */
const NOT_A_COUNTRY = new Set(['na', 'n a', 'none', 'unknown', 'null']);

let byName: Map<string, CountryCode> | null = null;

function countryNames(): Map<string, CountryCode> {
  if (byName) return byName;
  byName = new Map();
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of getCountries()) {
    const name = names.of(code);
    if (name && name !== code) byName.set(keyOf(name), code);
  }
  return byName;
}

/** "México" → "mexico", "U.S.A." → "u s a". */
function keyOf(raw: string): string {
  return raw.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The ISO 3166 alpha-2 code of a country code or name, or null when it is not a real country. */
export function countryCode(raw: string): CountryCode | null {
  const key = keyOf(raw);
  if (key.length === 0 || NOT_A_COUNTRY.has(key)) return null;
  if (/^[a-z]{2}$/.test(key)) {
    const code = key.toUpperCase();
    if (code === 'UK') return 'GB';
    return isSupportedCountry(code) ? code : null;
  }
  return ALIASES[key] ?? countryNames().get(key) ?? null;
}
