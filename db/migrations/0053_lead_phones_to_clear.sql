-- A phone the office clears after the lead went to GHL stays on GHL's contact (the upsert sends only the fields a lead
-- has), and the campaign's later texts go on to it: the next upsert takes it off (lead-payload.ts), then forgets it.
-- IF NOT EXISTS: tests that replay an earlier migration (tests/helpers/migrations.ts forgetMigrationsFrom) run this one again.
CREATE TABLE IF NOT EXISTS `lead_phones_to_clear` (
	`lead_id` integer PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);--> statement-breakpoint
-- Only a lead GHL has a contact of. A number given again needs no clearing (its upsert sends it).
CREATE TRIGGER IF NOT EXISTS `leads_phone_cleared` AFTER UPDATE OF `phone` ON `leads`
WHEN OLD.`phone` IS NOT NULL AND NEW.`phone` IS NULL AND NEW.`ghl_contact_id` IS NOT NULL
BEGIN
  INSERT OR REPLACE INTO `lead_phones_to_clear` (`lead_id`, `phone`) VALUES (NEW.`id`, OLD.`phone`);
END;--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `leads_phone_given_again` AFTER UPDATE OF `phone` ON `leads`
WHEN NEW.`phone` IS NOT NULL
BEGIN
  DELETE FROM `lead_phones_to_clear` WHERE `lead_id` = NEW.`id`;
END;
