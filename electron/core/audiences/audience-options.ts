/**
 * The choices the Leads page offers for an audience: the old CRM statuses, job types and tags a
 * company's leads hold. Each list is a loose index scan over a partial (company_id, column) index
 * (migration 0014): one index seek per distinct value, so it costs the same at 1k or 1M leads.
 * Counts per value were dropped on purpose: a GROUP BY must visit every lead, 230 ms at 1M leads
 * even over these indexes (1.8 s without), too slow for the main process on every visit; the
 * preview counts the audience actually chosen. `scripts/bench/audience-options.ts` measures both.
 */
import type Database from 'better-sqlite3';
import type { AudienceOptions } from '../../../shared/ipc/audiences';

/** A select with more choices than this is no longer read; the preview still matches any value typed. */
export const MAX_CHOICES = 200;
/** Distinct tag strings ("storm; VIP") read to split into tags: combinations outnumber tags. */
const MAX_TAG_STRINGS = 2_000;

type Column = 'crm_status' | 'job_type' | 'crm_tags';

/** The distinct values, in binary order ("Lost Estimate" before "lost estimate"), at most `cap`. */
function distinctValues(db: Database.Database, companyId: number, column: Column, cap: number): string[] {
  // The column name is one of three literals above, never input. INDEXED BY makes a missing index an error, not a 1M-row scan.
  const index = `leads_company_${column}_idx`;
  return db
    .prepare<{ companyId: number; cap: number }, { value: string }>(
      `WITH RECURSIVE v(value) AS (
         SELECT (SELECT min(${column}) FROM leads INDEXED BY ${index} WHERE company_id = @companyId AND ${column} IS NOT NULL)
         UNION ALL
         SELECT (SELECT min(${column}) FROM leads INDEXED BY ${index} WHERE company_id = @companyId AND ${column} > v.value)
         FROM v WHERE v.value IS NOT NULL
         LIMIT @cap
       )
       SELECT value FROM v WHERE value IS NOT NULL`,
    )
    .all({ companyId, cap: cap + 1 })
    .map((row) => row.value);
}

/** Audiences match case-insensitively, so "Lost Estimate" and "lost estimate" are one choice (the first spelling). */
function fold(values: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed && !byKey.has(trimmed.toLowerCase())) byKey.set(trimmed.toLowerCase(), trimmed);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b)).slice(0, MAX_CHOICES);
}

/** crm_tags is "a; b; c": the index walks whole strings, split here. */
function tags(db: Database.Database, companyId: number): string[] {
  return distinctValues(db, companyId, 'crm_tags', MAX_TAG_STRINGS).flatMap((value) => value.split(';'));
}

export function audienceOptions(db: Database.Database, companyId: number): AudienceOptions {
  // One snapshot: three reads that agree with each other while an import writes.
  return db.transaction(() => ({
    statuses: fold(distinctValues(db, companyId, 'crm_status', MAX_CHOICES * 2)),
    jobTypes: fold(distinctValues(db, companyId, 'job_type', MAX_CHOICES * 2)),
    tags: fold(tags(db, companyId)),
  })).deferred();
}
