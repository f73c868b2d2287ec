/**
 * The job row's copy of its lead (sync_jobs.send_gate / send_zone / send_state, see db/schema.ts
 * sendGates, and batch_id): how the JobQueue's inserts fill it from the lead. The triggers
 * sync_jobs_follow_lead (migration 0024, first 0019) and sync_jobs_follow_lead_batch (0021) keep it right
 * afterwards with the same rule; change them together. A do-not-contact lead's job is 'free': it only
 * turns on DND in GHL (texts nobody), so no window or cap holds it.
 */
export const LEAD_COPY_COLUMNS = 'send_gate, send_zone, send_state, batch_id';

/** The values for the lead aliased `lead`, in LEAD_COPY_COLUMNS order. */
export const leadCopyValues = (lead: string): string =>
  `CASE WHEN ${lead}.do_not_contact = 1 THEN 'free' WHEN ${lead}.time_zone_source IS NULL THEN 'unplaced' WHEN ${lead}.enrolled_at IS NOT NULL THEN 'free' ELSE 'paced' END, ${lead}.time_zone, upper(${lead}.rule_state), ${lead}.batch_id`;

/** An upsert's refresh of the copy from the row it tried to insert (`ON CONFLICT … DO UPDATE SET`). */
export const LEAD_COPY_REFRESH = 'send_gate = excluded.send_gate, send_zone = excluded.send_zone, send_state = excluded.send_state, batch_id = excluded.batch_id';
