-- The numbers GHL's contact of an enrolled lead may hold besides the lead's own, while a correction of the lead's number
-- is on its way to it (schema.ts leadReplacedPhones). A contact that answers on DND took its STOP at one of them: they go
-- on the opt-out list with the new number. The old number was the lead's own until the edit, so the app kept it nowhere,
-- and it stayed open to every company. IF NOT EXISTS: tests that replay an earlier migration (tests/helpers/migrations.ts
-- forgetMigrationsFrom) run this one again.
CREATE TABLE IF NOT EXISTS `lead_replaced_phones` (
	`lead_id` integer NOT NULL,
	`phone` text NOT NULL,
	`replaced_at` integer NOT NULL,
	PRIMARY KEY(`lead_id`, `phone`),
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);--> statement-breakpoint
-- Only a lead enrolled through a known contact (the sync writes it by that contact's id). Every number it had since the
-- contact last answered: an update carrying one may have reached the contact without its answer. A number given after
-- none: the contact may still hold one the office removed (an update never clears a phone). Kept until the contact
-- answers with the number it holds (JobQueue); the lead's own number is not one of them.
CREATE TRIGGER IF NOT EXISTS `leads_phone_replaced` AFTER UPDATE OF `phone` ON `leads`
WHEN OLD.`phone` IS NOT NEW.`phone` AND NEW.`ghl_contact_id` IS NOT NULL AND NEW.`enrolled_at` IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO `lead_replaced_phones` (`lead_id`, `phone`, `replaced_at`)
    SELECT NEW.`id`, OLD.`phone`, NEW.`updated_at` WHERE OLD.`phone` IS NOT NULL;
  INSERT OR IGNORE INTO `lead_replaced_phones` (`lead_id`, `phone`, `replaced_at`)
    SELECT NEW.`id`, r.`phone`, NEW.`updated_at` FROM `lead_removed_phones` r WHERE r.`lead_id` = NEW.`id` AND OLD.`phone` IS NULL;
  DELETE FROM `lead_replaced_phones` WHERE `lead_id` = NEW.`id` AND `phone` IS NEW.`phone`;
END;
