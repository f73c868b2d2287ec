-- The numbers GHL's contact of an enrolled lead may hold besides the lead's own (schema.ts leadReplacedPhones): the one
-- it held when the office first changed the lead's number since the contact last answered, and each the sync sent it
-- since (an answer lost on the way). A contact that answers on DND took its STOP at one of them: they go on the opt-out
-- list with the new number. The old number was the lead's own until the edit, so the app kept it nowhere, and it stayed
-- open to every company. IF NOT EXISTS: tests that replay an earlier migration (tests/helpers/migrations.ts
-- forgetMigrationsFrom) run this one again.
CREATE TABLE IF NOT EXISTS `lead_replaced_phones` (
	`lead_id` integer NOT NULL,
	`phone` text NOT NULL,
	`noted_at` integer NOT NULL,
	PRIMARY KEY(`lead_id`, `phone`),
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);--> statement-breakpoint
-- Only a lead enrolled through a known contact (the sync writes it by that contact's id) whose contact held the lead's own
-- number (another is kept in ghl_contact_phone), at the first change since the contact last answered: the number then is
-- the one it answered with. A number typed and changed again before the sync never reached the contact: not kept (listed,
-- a typo or a number GHL refused would opt someone else out everywhere). A number removed is kept the same way. A lead
-- that had none keeps '' (its contact held no number): a number typed and changed again is not taken for one it held.
CREATE TRIGGER IF NOT EXISTS `leads_phone_replaced` AFTER UPDATE OF `phone` ON `leads`
WHEN OLD.`phone` IS NOT NEW.`phone` AND OLD.`ghl_contact_phone` IS NULL
  AND NEW.`ghl_contact_id` IS NOT NULL AND NEW.`enrolled_at` IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO `lead_replaced_phones` (`lead_id`, `phone`, `noted_at`)
    SELECT NEW.`id`, coalesce(OLD.`phone`, ''), NEW.`updated_at` WHERE NOT EXISTS (SELECT 1 FROM `lead_replaced_phones` WHERE `lead_id` = NEW.`id`);
END;
