CREATE TABLE `ghl_custom_fields` (
	`company_id` integer NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`data_type` text NOT NULL,
	`seen_at` integer NOT NULL,
	`removed_at` integer,
	PRIMARY KEY(`company_id`, `id`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lead_custom_values` (
	`lead_id` integer NOT NULL,
	`field_id` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`lead_id`, `field_id`),
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- A lead's custom field values are sent with its contact: like the lead's own fields (0012's
-- leads_version_bump), a change moves the lead's version, so a request carrying the older values is
-- dropped before its next attempt and the re-send carries the new ones.
-- Only while a request for the lead is in flight (its job 'running'): the version is only ever compared
-- with the one a running claim read (lease-statements.ts isCurrent), and an import writing values for its
-- new leads (or an undo deleting them) would otherwise pay an UPDATE of the lead per value (~30% of the
-- insert time with two values a lead).
CREATE TRIGGER lead_custom_values_version_insert AFTER INSERT ON lead_custom_values
  WHEN EXISTS (SELECT 1 FROM sync_jobs WHERE lead_id = NEW.lead_id AND state = 'running') BEGIN
  UPDATE leads SET version = version + 1 WHERE id = NEW.lead_id;
END;
--> statement-breakpoint
CREATE TRIGGER lead_custom_values_version_update AFTER UPDATE OF value ON lead_custom_values
  WHEN OLD.value IS NOT NEW.value AND EXISTS (SELECT 1 FROM sync_jobs WHERE lead_id = NEW.lead_id AND state = 'running') BEGIN
  UPDATE leads SET version = version + 1 WHERE id = NEW.lead_id;
END;
--> statement-breakpoint
CREATE TRIGGER lead_custom_values_version_delete AFTER DELETE ON lead_custom_values
  WHEN EXISTS (SELECT 1 FROM sync_jobs WHERE lead_id = OLD.lead_id AND state = 'running') BEGIN
  UPDATE leads SET version = version + 1 WHERE id = OLD.lead_id;
END;
