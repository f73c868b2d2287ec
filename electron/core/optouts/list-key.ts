import type Database from 'better-sqlite3';
import type { OptOutSource } from '../../../shared/optouts';
import type { OptOutKey } from './opt-out-values';


/** A key with why it is listed, for the Opt-outs page: a number no lead keeps says whose it is. */
export interface ReasonedOptOutKey extends OptOutKey {
  reason: string | null;
}

/**
 * Puts a phone or email on the office-wide list as the leads_opt_out_* triggers do for a lead's own keys: a removed
 * entry is listed again, since this new opt-out is newer than the removal; a live one is left as it is (its source
 * and reason say more) — unless it is one lead's own mark ('lead-dnc') and this word comes from another company or
 * from GHL. Lifting that lead's mark takes its entry off the list (edit-check.ts), and took this other customer's
 * word with it (Bravo's file marked the number Alpha's Zed had, and lifting Zed's mistaken mark unlisted it); such an
 * entry becomes the office's, as a STOP report's does (opt-out-service.ts takeOverLeadMark). The one statement
 * behind every listing the triggers cannot see (a file row's other numbers, a GHL contact's own keys, a duplicate
 * row's): three copies of it drifted apart before.
 */
export function prepareListKey(db: Database.Database): (key: OptOutKey, source: OptOutSource, companyId: number | null, now: number, reason?: string | null) => void {
  const list = db.prepare<[string, string, string, number | null, string | null, number]>(
    `INSERT INTO opt_outs (kind, value, source, company_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (value) DO UPDATE SET
       source = CASE WHEN opt_outs.removed_at IS NOT NULL OR excluded.source <> 'lead-dnc' THEN excluded.source ELSE opt_outs.source END,
       reason = CASE WHEN opt_outs.removed_at IS NOT NULL THEN excluded.reason ELSE coalesce(opt_outs.reason, excluded.reason) END,
       company_id = CASE WHEN opt_outs.removed_at IS NOT NULL THEN excluded.company_id END,
       created_at = CASE WHEN opt_outs.removed_at IS NOT NULL THEN excluded.created_at ELSE opt_outs.created_at END,
       removed_at = NULL, removed_reason = NULL
     WHERE opt_outs.removed_at IS NOT NULL
        OR (opt_outs.source = 'lead-dnc' AND (excluded.source <> 'lead-dnc' OR opt_outs.company_id IS NOT excluded.company_id))`,
  );
  return (key, source, companyId, now, reason = null) => {
    list.run(key.kind, key.value, source, companyId, reason, now);
  };
}
