-- A lead the office deletes after it reached GHL (its contact stays there, enrolled, unless an Undo in GHL deleted it) leaves what GHL had of it, and
-- its create ledger, for a restore to carry over (ghl-record-carry-over.ts): a backup made before it went holds it
-- as waiting, and nothing else would say it went. IF NOT EXISTS: tests that replay an earlier migration
-- (tests/helpers/migrations.ts forgetMigrationsFrom) run this one again.
CREATE TABLE IF NOT EXISTS `removed_lead_creates` (
	`lead_id` integer NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`state` text NOT NULL,
	`contact_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	`resolved_at` integer,
	`result_id` text,
	`message` text,
	PRIMARY KEY(`lead_id`, `kind`, `target`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `removed_leads_in_ghl` (
	`lead_id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`phone` text,
	`email_key` text,
	`ghl_contact_id` text,
	`ghl_contact_phone` text,
	`enrolled_at` integer,
	`enrolled_time_zone` text,
	`enrolled_window` text,
	`enrolled_rule_state` text,
	`created_at` integer NOT NULL,
	`removed_at` integer NOT NULL
);--> statement-breakpoint
-- Before the delete: its ledger rows are still there (the cascade removes them after). Only a lead GHL has (a contact
-- id) or that was enrolled: the leads an import's undo deletes (never sent) pay one test of two columns each.
-- An Undo in GHL then clears the contact id it deleted there (batch-jobs.ts removeAfterGhlDelete).
CREATE TRIGGER IF NOT EXISTS `leads_removed_in_ghl` BEFORE DELETE ON `leads`
WHEN OLD.`ghl_contact_id` IS NOT NULL OR OLD.`enrolled_at` IS NOT NULL
BEGIN
  INSERT OR REPLACE INTO `removed_leads_in_ghl` (`lead_id`, `company_id`, `phone`, `email_key`, `ghl_contact_id`, `ghl_contact_phone`,
    `enrolled_at`, `enrolled_time_zone`, `enrolled_window`, `enrolled_rule_state`, `created_at`, `removed_at`)
  VALUES (OLD.`id`, OLD.`company_id`, OLD.`phone`, OLD.`email_key`, OLD.`ghl_contact_id`, OLD.`ghl_contact_phone`,
    OLD.`enrolled_at`, OLD.`enrolled_time_zone`, OLD.`enrolled_window`, OLD.`enrolled_rule_state`, OLD.`created_at`, CAST(unixepoch('subsec') * 1000 AS INTEGER));
  INSERT OR REPLACE INTO `removed_lead_creates` (`lead_id`, `kind`, `target`, `state`, `contact_id`, `sent_at`, `resolved_at`, `result_id`, `message`)
  SELECT `lead_id`, `kind`, `target`, `state`, `contact_id`, `sent_at`, `resolved_at`, `result_id`, `message` FROM `ghl_creates` WHERE `lead_id` = OLD.`id`;
END;
