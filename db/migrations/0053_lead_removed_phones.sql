-- A phone the office removes from a lead after it went to GHL may stay on GHL's contact (the upsert sends only the
-- fields a lead has), and the campaign's later texts go on to it: kept, for the lead panel to say so and for an
-- 'update' import not to give it back. IF NOT EXISTS: tests that replay an earlier migration
-- (tests/helpers/migrations.ts forgetMigrationsFrom) run this one again.
CREATE TABLE IF NOT EXISTS `lead_removed_phones` (
	`lead_id` integer NOT NULL,
	`phone` text NOT NULL,
	`removed_at` integer NOT NULL,
	PRIMARY KEY(`lead_id`, `phone`),
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);--> statement-breakpoint
-- Only a lead GHL has a contact of, or may have (an upsert sent without its answer).
CREATE TRIGGER IF NOT EXISTS `leads_phone_removed` AFTER UPDATE OF `phone` ON `leads`
WHEN OLD.`phone` IS NOT NULL AND NEW.`phone` IS NULL
  AND (NEW.`ghl_contact_id` IS NOT NULL OR EXISTS (SELECT 1 FROM `sync_jobs` j WHERE j.`lead_id` = NEW.`id` AND j.`upsert_sent_at` IS NOT NULL))
BEGIN
  INSERT OR IGNORE INTO `lead_removed_phones` (`lead_id`, `phone`, `removed_at`) VALUES (NEW.`id`, OLD.`phone`, NEW.`updated_at`);
END;--> statement-breakpoint
-- The office typing a removed number in again makes it the lead's own once more.
CREATE TRIGGER IF NOT EXISTS `leads_phone_given_again` AFTER UPDATE OF `phone` ON `leads`
WHEN NEW.`phone` IS NOT NULL AND OLD.`phone` IS NOT NEW.`phone`
BEGIN
  DELETE FROM `lead_removed_phones` WHERE `lead_id` = NEW.`id` AND `phone` = NEW.`phone`;
END;
