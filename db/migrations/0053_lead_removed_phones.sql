-- A phone the office removes from a lead after it went to GHL stays on GHL's contact (the upsert sends only the fields
-- a lead has), and the campaign's later texts go on to it: the next sync takes it off that contact (company-lane.ts).
-- IF NOT EXISTS: tests that replay an earlier migration (tests/helpers/migrations.ts forgetMigrationsFrom) run this one again.
CREATE TABLE IF NOT EXISTS `lead_removed_phones` (
	`lead_id` integer PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`cleared_at` integer,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);--> statement-breakpoint
-- Only a lead GHL has a contact of, or may have (an upsert sent without its answer).
CREATE TRIGGER IF NOT EXISTS `leads_phone_removed` AFTER UPDATE OF `phone` ON `leads`
WHEN OLD.`phone` IS NOT NULL AND NEW.`phone` IS NULL
  AND (NEW.`ghl_contact_id` IS NOT NULL OR EXISTS (SELECT 1 FROM `sync_jobs` j WHERE j.`lead_id` = NEW.`id` AND j.`upsert_sent_at` IS NOT NULL))
BEGIN
  INSERT OR REPLACE INTO `lead_removed_phones` (`lead_id`, `phone`, `cleared_at`) VALUES (NEW.`id`, OLD.`phone`, NULL);
END;--> statement-breakpoint
-- A number the office types in again is the lead's own once more (an import's update never fills a removed one).
CREATE TRIGGER IF NOT EXISTS `leads_phone_given_again` AFTER UPDATE OF `phone` ON `leads`
WHEN OLD.`phone` IS NULL AND NEW.`phone` IS NOT NULL
BEGIN
  DELETE FROM `lead_removed_phones` WHERE `lead_id` = NEW.`id`;
END;
