/**
 * The job row's copy of its lead's placement (sync_jobs.send_gate / send_zone / send_state, see
 * db/schema.ts sendGates): how the JobQueue's inserts fill it from the lead. Migration 0019's trigger
 * sync_jobs_follow_lead keeps it right afterwards with the same rule; change both together.
 */
export const SEND_GATE_COLUMNS = 'send_gate, send_zone, send_state';

/** The three values for the lead aliased `lead`, in SEND_GATE_COLUMNS order. */
export const sendGateValues = (lead: string): string =>
  `CASE WHEN ${lead}.time_zone_source IS NULL THEN 'unplaced' WHEN ${lead}.enrolled_at IS NOT NULL THEN 'free' ELSE 'paced' END, ${lead}.time_zone, upper(${lead}.rule_state)`;
