-- IF NOT EXISTS: tests that replay an earlier migration (tests/helpers/migrations.ts forgetMigrationsFrom) run this one again.
CREATE TABLE IF NOT EXISTS `lead_other_keys` (
	`lead_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`lead_id`, `value`),
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `lead_other_keys_value_idx` ON `lead_other_keys` (`value`);--> statement-breakpoint
-- A lead turning do-not-contact, or reported on DND by GHL, lists its other phones and emails with its own
-- (leads_opt_out_update lists those): the customer's word is about her, whichever number a file kept.
CREATE TRIGGER IF NOT EXISTS `leads_opt_out_other_keys` AFTER UPDATE OF `do_not_contact`, `status` ON `leads`
WHEN (NEW.`do_not_contact` = 1 AND OLD.`do_not_contact` = 0) OR (NEW.`status` = 'dnd' AND OLD.`status` <> 'dnd')
BEGIN
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT k.`kind`, k.`value`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  FROM `lead_other_keys` k WHERE k.`lead_id` = NEW.`id`
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
END;
