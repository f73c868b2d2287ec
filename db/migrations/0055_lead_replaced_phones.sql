-- The number GHL's contact of an enrolled lead holds while the office's correction waits to reach it (schema.ts
-- leadReplacedPhones). A contact that answers the update on DND took its STOP there: the old number goes on the
-- opt-out list with the new one. It was the lead's own until the edit, so the app kept it nowhere, and it stayed open
-- to every company. IF NOT EXISTS: tests that replay an earlier migration (tests/helpers/migrations.ts
-- forgetMigrationsFrom) run this one again.
CREATE TABLE IF NOT EXISTS `lead_replaced_phones` (
	`lead_id` integer PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`replaced_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);--> statement-breakpoint
-- Only a lead enrolled through a known contact (the sync writes it by that contact's id) whose contact holds the lead's
-- own number (a contact's other number is kept in ghl_contact_phone, read when the answer comes). The first number
-- stays: a second correction before the sync never reached the contact. Typed back, the number is the contact's and
-- the lead's again: nothing waits.
CREATE TRIGGER IF NOT EXISTS `leads_phone_replaced` AFTER UPDATE OF `phone` ON `leads`
WHEN OLD.`phone` IS NOT NULL AND NEW.`phone` IS NOT NULL AND OLD.`phone` IS NOT NEW.`phone`
  AND NEW.`ghl_contact_id` IS NOT NULL AND NEW.`enrolled_at` IS NOT NULL AND OLD.`ghl_contact_phone` IS NULL
BEGIN
  INSERT OR IGNORE INTO `lead_replaced_phones` (`lead_id`, `phone`, `replaced_at`) VALUES (NEW.`id`, OLD.`phone`, NEW.`updated_at`);
  DELETE FROM `lead_replaced_phones` WHERE `lead_id` = NEW.`id` AND `phone` = NEW.`phone`;
END;
