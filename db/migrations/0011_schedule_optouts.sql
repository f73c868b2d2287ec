CREATE TABLE `opt_outs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`source` text NOT NULL,
	`reason` text,
	`company_id` integer,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	`removed_reason` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opt_outs_value_uq` ON `opt_outs` (`value`);--> statement-breakpoint
CREATE INDEX `opt_outs_created_idx` ON `opt_outs` (`removed_at`,`created_at`);--> statement-breakpoint
ALTER TABLE `companies` ADD `daily_cap` integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `send_days` text DEFAULT 'mon,tue,wed,thu,fri,sat' NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `send_window_start` text DEFAULT '10:00' NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `send_window_end` text DEFAULT '19:00' NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `time_zone` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `time_zone_source` text DEFAULT 'machine' NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `start_date` text;--> statement-breakpoint
ALTER TABLE `import_batches` ADD `opted_out` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- One fixed campaign tag per company (issue #15 item 8). A company that had none was tagging its
-- leads reactivation-YYYY-MM of the month they were added; it keeps the tag of the month this
-- migration runs: the tag its GHL workflow has been receiving lately, so nothing changes in GHL
-- today, and the tag stops changing at the next month (which silently broke a workflow started by
-- one fixed tag). Local time, as the monthly default used the machine's calendar.
UPDATE `companies` SET `enrol_tag` = 'reactivation-' || strftime('%Y-%m', 'now', 'localtime')
WHERE `enrol_tag` IS NULL OR trim(`enrol_tag`) = '';--> statement-breakpoint
-- The office-wide opt-out list is fed by every writer of leads without knowing it: a lead stored or
-- marked do-not-contact, or reported DND by GHL (status 'dnd'), puts its phone and email on the list.
-- Only a change to do-not-contact/DND feeds it, so an entry the office removed stays removed until a
-- lead is marked again. An entry already on the list keeps its first source.
CREATE TRIGGER `leads_opt_out_insert` AFTER INSERT ON `leads`
WHEN NEW.`do_not_contact` = 1 OR NEW.`status` = 'dnd'
BEGIN
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT 'phone', NEW.`phone`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  WHERE NEW.`phone` IS NOT NULL
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT 'email', NEW.`email_key`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  WHERE NEW.`email_key` IS NOT NULL
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
END;--> statement-breakpoint
CREATE TRIGGER `leads_opt_out_update` AFTER UPDATE OF `do_not_contact`, `status` ON `leads`
WHEN (NEW.`do_not_contact` = 1 AND OLD.`do_not_contact` = 0) OR (NEW.`status` = 'dnd' AND OLD.`status` <> 'dnd')
BEGIN
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT 'phone', NEW.`phone`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  WHERE NEW.`phone` IS NOT NULL
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT 'email', NEW.`email_key`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  WHERE NEW.`email_key` IS NOT NULL
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
END;
--> statement-breakpoint
-- Leads already marked before the list existed are on it from the start (oldest first keeps the first source).
INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
SELECT 'phone', `phone`, CASE WHEN `do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, `company_id`, `updated_at`
FROM `leads` WHERE (`do_not_contact` = 1 OR `status` = 'dnd') AND `phone` IS NOT NULL ORDER BY `id`
ON CONFLICT (`value`) DO NOTHING;--> statement-breakpoint
INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
SELECT 'email', `email_key`, CASE WHEN `do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, `company_id`, `updated_at`
FROM `leads` WHERE (`do_not_contact` = 1 OR `status` = 'dnd') AND `email_key` IS NOT NULL ORDER BY `id`
ON CONFLICT (`value`) DO NOTHING;
