-- A job put off by a try (a 5xx retried after a backoff, given back for later, held for another company's GHL) keeps
-- its place in line: line_at holds it until the claim gives it back (JobQueue restoreDeferred).
ALTER TABLE `sync_jobs` ADD `line_at` integer;--> statement-breakpoint
CREATE INDEX `sync_jobs_deferred_idx` ON `sync_jobs` (`next_run_at`) WHERE line_at IS NOT NULL AND state = 'queued';