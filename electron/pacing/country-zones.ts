/**
 * Country calling code (outside the NANP) → the country's zone, only for countries that keep one clock.
 * Countries with several offsets (Mexico +52, Brazil +55, Russia +7, Australia +61, Indonesia +62,
 * Spain +34 with the Canaries, Portugal +351 with the Azores, Chile +56, Ecuador +593, New Zealand +64 with
 * the Chathams) are left out: a lead there is one nothing places (legal-floor.ts UNKNOWN_PLACE_KEY).
 *
 * Source: ITU-T E.164 country codes (ITU Operational Bulletin list) and the IANA tz database's zone.tab for
 * the countries' zones. Calling codes are prefix-free, so the first matching length is the country.
 */
const SINGLE_ZONE_COUNTRIES: Readonly<Record<string, string>> = {
  '20': 'Africa/Cairo',
  '27': 'Africa/Johannesburg',
  '30': 'Europe/Athens',
  '31': 'Europe/Amsterdam',
  '32': 'Europe/Brussels',
  '33': 'Europe/Paris',
  '36': 'Europe/Budapest',
  '39': 'Europe/Rome',
  '40': 'Europe/Bucharest',
  '41': 'Europe/Zurich',
  '43': 'Europe/Vienna',
  '44': 'Europe/London',
  '45': 'Europe/Copenhagen',
  '46': 'Europe/Stockholm',
  '47': 'Europe/Oslo',
  '48': 'Europe/Warsaw',
  '49': 'Europe/Berlin',
  '51': 'America/Lima',
  '53': 'America/Havana',
  '54': 'America/Argentina/Buenos_Aires',
  '57': 'America/Bogota',
  '58': 'America/Caracas',
  '60': 'Asia/Kuala_Lumpur',
  '63': 'Asia/Manila',
  '65': 'Asia/Singapore',
  '66': 'Asia/Bangkok',
  '81': 'Asia/Tokyo',
  '82': 'Asia/Seoul',
  '84': 'Asia/Ho_Chi_Minh',
  '86': 'Asia/Shanghai',
  '90': 'Europe/Istanbul',
  '91': 'Asia/Kolkata',
  '92': 'Asia/Karachi',
  '212': 'Africa/Casablanca',
  '233': 'Africa/Accra',
  '234': 'Africa/Lagos',
  '254': 'Africa/Nairobi',
  '353': 'Europe/Dublin',
  '358': 'Europe/Helsinki',
  '359': 'Europe/Sofia',
  '370': 'Europe/Vilnius',
  '371': 'Europe/Riga',
  '372': 'Europe/Tallinn',
  '380': 'Europe/Kyiv',
  '385': 'Europe/Zagreb',
  '386': 'Europe/Ljubljana',
  '420': 'Europe/Prague',
  '421': 'Europe/Bratislava',
  '502': 'America/Guatemala',
  '503': 'America/El_Salvador',
  '504': 'America/Tegucigalpa',
  '505': 'America/Managua',
  '506': 'America/Costa_Rica',
  '507': 'America/Panama',
  '509': 'America/Port-au-Prince',
  '852': 'Asia/Hong_Kong',
  '880': 'Asia/Dhaka',
  '886': 'Asia/Taipei',
  '966': 'Asia/Riyadh',
  '971': 'Asia/Dubai',
  '972': 'Asia/Jerusalem',
};

/** The zone for an E.164 number's country, when that country has one; digits only, without the '+'. */
export function singleZoneForCountry(e164Digits: string): string | undefined {
  for (const length of [1, 2, 3]) {
    const zone = SINGLE_ZONE_COUNTRIES[e164Digits.slice(0, length)];
    if (zone) return zone;
  }
  return undefined;
}

export function allCountryZones(): string[] {
  return Object.values(SINGLE_ZONE_COUNTRIES);
}
