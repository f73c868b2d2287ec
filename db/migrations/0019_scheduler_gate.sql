ALTER TABLE `sync_jobs` ADD `send_gate` text DEFAULT 'unplaced' NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_jobs` ADD `send_zone` text;--> statement-breakpoint
ALTER TABLE `sync_jobs` ADD `send_state` text;--> statement-breakpoint
CREATE INDEX `sync_jobs_paced_idx` ON `sync_jobs` (`company_id`,`send_zone`,`next_run_at`) WHERE state = 'queued' AND send_gate = 'paced';--> statement-breakpoint
CREATE INDEX `sync_jobs_free_idx` ON `sync_jobs` (`company_id`,`next_run_at`) WHERE state = 'queued' AND send_gate = 'free';--> statement-breakpoint
CREATE INDEX `sync_jobs_unplaced_idx` ON `sync_jobs` (`company_id`) WHERE state = 'queued' AND send_gate = 'unplaced';--> statement-breakpoint
CREATE INDEX `leads_company_enrolled_idx` ON `leads` (`company_id`,`enrolled_at`) WHERE enrolled_at IS NOT NULL;--> statement-breakpoint
-- The jobs already there take their lead's placement (the JobQueue's inserts copy it from now on).
UPDATE `sync_jobs` SET
  `send_gate` = CASE WHEN l.`time_zone_source` IS NULL THEN 'unplaced' WHEN l.`enrolled_at` IS NOT NULL THEN 'free' ELSE 'paced' END,
  `send_zone` = l.`time_zone`,
  `send_state` = upper(l.`rule_state`)
FROM `leads` l WHERE l.`id` = `sync_jobs`.`lead_id`;--> statement-breakpoint
-- A lead placed (or placed again), or enrolled: its job follows, whatever code wrote the lead. The
-- scheduler's claim reads only the job row (sync_jobs_paced_idx), so the two must never disagree.
CREATE TRIGGER `sync_jobs_follow_lead` AFTER UPDATE OF `time_zone`, `time_zone_source`, `rule_state`, `enrolled_at` ON `leads`
WHEN OLD.`time_zone` IS NOT NEW.`time_zone` OR OLD.`time_zone_source` IS NOT NEW.`time_zone_source`
  OR OLD.`rule_state` IS NOT NEW.`rule_state` OR OLD.`enrolled_at` IS NOT NEW.`enrolled_at`
BEGIN
  UPDATE `sync_jobs` SET
    `send_gate` = CASE WHEN NEW.`time_zone_source` IS NULL THEN 'unplaced' WHEN NEW.`enrolled_at` IS NOT NULL THEN 'free' ELSE 'paced' END,
    `send_zone` = NEW.`time_zone`,
    `send_state` = upper(NEW.`rule_state`)
  WHERE `lead_id` = NEW.`id`;
END;
