-- The rule state joins the claim's index (after next_run_at, so the claim's order is the index's): a lead's
-- place in its line (electron/core/schedule/lead-turn.ts) is counted from the index alone, where each entry
-- cost a table read before (~50 ms for 100,000 ahead), and the claim skips a closed state's leads the same way.
DROP INDEX `sync_jobs_paced_idx`;--> statement-breakpoint
CREATE INDEX `sync_jobs_paced_idx` ON `sync_jobs` (`company_id`,`send_zone`,`next_run_at`,`send_state`) WHERE state = 'queued' AND send_gate = 'paced';