import type Database from 'better-sqlite3';
import type { OptOutSource } from '../../../shared/optouts';
import type { OptOutKey } from './opt-out-values';


/** A key with why it is listed, for the Opt-outs page: a number no lead keeps says whose it is. */
export interface ReasonedOptOutKey extends OptOutKey {
  reason: string | null;
  /**
   * This listing is a word of its own about the number (a file row that itself says do-not-contact names it as the
   * customer's other number; GHL's DND), not an echo of the list (a row the list matched re-lists its numbers).
   */
  isOwnWord?: boolean;
}

/**
 * Puts a phone or email on the office-wide list as the leads_opt_out_* triggers do for a lead's own keys: a removed
 * entry is listed again, since this new opt-out is newer than the removal; a live one is left as it is (its source
 * and reason say more) — unless it is one lead's own mark ('lead-dnc') and this listing is a word of its own
 * (`isOwnWord`). Lifting that lead's mark takes its entry off the list (edit-check.ts), and took this other word with
 * it (a file row said the customer Ann's home phone is the number Zed's mistaken mark had listed: lifting Zed's mark
 * unlisted Ann's STOP); such an entry becomes the office's, as a STOP report's does (opt-out-service.ts
 * takeOverLeadMark). An echo (a row the list itself matched) takes nothing over: lifting a mistaken mark stays
 * possible. The one statement behind every listing the triggers cannot see (a file row's other numbers, a GHL
 * contact's own keys, a duplicate row's): three copies of it drifted apart before.
 */
export function prepareListKey(
  db: Database.Database,
): (key: OptOutKey & { isOwnWord?: boolean }, source: OptOutSource, companyId: number | null, now: number, reason?: string | null) => void {
  const list = db.prepare<{ kind: string; value: string; source: string; companyId: number | null; reason: string | null; now: number; isOwnWord: number }>(
    `INSERT INTO opt_outs (kind, value, source, company_id, reason, created_at) VALUES (@kind, @value, @source, @companyId, @reason, @now)
     ON CONFLICT (value) DO UPDATE SET
       source = CASE WHEN opt_outs.removed_at IS NOT NULL OR excluded.source <> 'lead-dnc' THEN excluded.source ELSE opt_outs.source END,
       reason = CASE WHEN opt_outs.removed_at IS NOT NULL THEN excluded.reason ELSE coalesce(opt_outs.reason, excluded.reason) END,
       company_id = CASE WHEN opt_outs.removed_at IS NOT NULL THEN excluded.company_id END,
       created_at = CASE WHEN opt_outs.removed_at IS NOT NULL THEN excluded.created_at ELSE opt_outs.created_at END,
       removed_at = NULL, removed_reason = NULL
     WHERE opt_outs.removed_at IS NOT NULL OR (@isOwnWord = 1 AND opt_outs.source = 'lead-dnc')`,
  );
  return (key, source, companyId, now, reason = null) => {
    list.run({ kind: key.kind, value: key.value, source, companyId, reason, now, isOwnWord: key.isOwnWord === true ? 1 : 0 });
  };
}
