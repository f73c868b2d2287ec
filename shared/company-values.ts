/**
 * A company's plain values, without zod: threads that only use them (the sync worker's lead payload)
 * import this file and never load zod (~35 ms of start-up per thread, measured); shared/company.ts
 * re-exports it beside the schemas.
 */

export const OFFICIAL_GHL_BASE_URL = 'https://services.leadconnectorhq.com';

/**
 * The campaign tag suggested for a new company. One fixed tag, not one per month: a GHL workflow
 * starts on one Contact Tag, and a tag that changed with the month silently stopped matching it.
 */
export const DEFAULT_CAMPAIGN_TAG = 'reactivation';
