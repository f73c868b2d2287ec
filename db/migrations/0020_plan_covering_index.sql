DROP INDEX `sync_jobs_claim_idx`;--> statement-breakpoint
CREATE INDEX `sync_jobs_claim_idx` ON `sync_jobs` (`company_id`,`state`,`next_run_at`,`send_gate`,`send_zone`,`send_state`);