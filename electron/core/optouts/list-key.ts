import type Database from 'better-sqlite3';
import type { OptOutSource } from '../../../shared/optouts';
import type { OptOutKey } from './opt-out-values';


/** A key with why it is listed, for the Opt-outs page: a number no lead keeps says whose it is. */
export interface ReasonedOptOutKey extends OptOutKey {
  reason: string | null;
}

/**
 * Puts a phone or email on the office-wide list as the leads_opt_out_* triggers do for a lead's own keys: a live
 * entry is left as it is (its source and reason say more), and a removed one is listed again, since this new
 * opt-out is newer than the removal. The one statement behind every listing the triggers cannot see (a file row's
 * other numbers, a GHL contact's own keys, a duplicate row's): three copies of it drifted apart before.
 */
export function prepareListKey(db: Database.Database): (key: OptOutKey, source: OptOutSource, companyId: number | null, now: number, reason?: string | null) => void {
  const list = db.prepare<[string, string, string, number | null, string | null, number]>(
    `INSERT INTO opt_outs (kind, value, source, company_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (value) DO UPDATE SET source = excluded.source, reason = excluded.reason, company_id = excluded.company_id,
       created_at = excluded.created_at, removed_at = NULL, removed_reason = NULL
     WHERE opt_outs.removed_at IS NOT NULL`,
  );
  return (key, source, companyId, now, reason = null) => {
    list.run(key.kind, key.value, source, companyId, reason, now);
  };
}
