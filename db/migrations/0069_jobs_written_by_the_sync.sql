-- Issue #11: an import writes its leads, not their jobs; the sync writes those when it places the leads (db/schema.ts
-- queuedWithoutJobs, JobQueue.writeQueuedJobs).
CREATE TABLE IF NOT EXISTS `queued_without_jobs` (
	`batch_id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`after_id` integer NOT NULL,
	`last_id` integer NOT NULL,
	`waiting` integer DEFAULT 0 NOT NULL,
	`queued_at` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- `waiting`: the range's leads queued without a job. The import adds its chunk's count (JobQueue.queueInserted); these
-- keep it exact whatever else happens to those leads before the sync writes their jobs: a job written for one (an edit,
-- the sync itself), a lead that stops or starts being queued (made do-not-contact, Stop sending), a lead removed.
CREATE TRIGGER IF NOT EXISTS `queued_without_jobs_job_written` AFTER INSERT ON `sync_jobs`
WHEN NEW.`batch_id` IS NOT NULL
BEGIN
  UPDATE `queued_without_jobs` SET `waiting` = `waiting` - 1
  WHERE `batch_id` = NEW.`batch_id` AND NEW.`lead_id` > `after_id` AND NEW.`lead_id` <= `last_id`
    AND (SELECT `status` FROM `leads` WHERE `id` = NEW.`lead_id`) = 'queued';
END;--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `queued_without_jobs_status` AFTER UPDATE OF `status` ON `leads`
WHEN OLD.`status` IS NOT NEW.`status` AND (OLD.`status` = 'queued' OR NEW.`status` = 'queued') AND NEW.`batch_id` IS NOT NULL
BEGIN
  UPDATE `queued_without_jobs` SET `waiting` = `waiting` + (CASE WHEN NEW.`status` = 'queued' THEN 1 ELSE -1 END)
  WHERE `batch_id` = NEW.`batch_id` AND NEW.`id` > `after_id` AND NEW.`id` <= `last_id`
    AND NOT EXISTS (SELECT 1 FROM `sync_jobs` WHERE `lead_id` = NEW.`id`);
END;--> statement-breakpoint
-- BEFORE: by AFTER DELETE, the lead's job (ON DELETE CASCADE) is gone already, and a lead with a job would count too.
CREATE TRIGGER IF NOT EXISTS `queued_without_jobs_lead_removed` BEFORE DELETE ON `leads`
WHEN OLD.`status` = 'queued' AND OLD.`batch_id` IS NOT NULL
BEGIN
  UPDATE `queued_without_jobs` SET `waiting` = `waiting` - 1
  WHERE `batch_id` = OLD.`batch_id` AND OLD.`id` > `after_id` AND OLD.`id` <= `last_id`
    AND NOT EXISTS (SELECT 1 FROM `sync_jobs` WHERE `lead_id` = OLD.`id`);
END;--> statement-breakpoint
-- The leads waiting for their turn, as waiting_job_counts counts them (migration 0021), and those an import queued whose
-- jobs the sync has yet to write: not placed yet, so on the company's clock ('' zone and state), as an unplaced job is.
CREATE VIEW IF NOT EXISTS `waiting_lead_counts` AS
  SELECT `company_id`, `zone`, `state`, `batch_id`, `n` FROM `waiting_job_counts`
  UNION ALL
  SELECT `company_id`, '', '', `batch_id`, `waiting` FROM `queued_without_jobs`;
