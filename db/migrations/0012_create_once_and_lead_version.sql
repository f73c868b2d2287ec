CREATE TABLE `ghl_creates` (
	`lead_id` integer NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`state` text NOT NULL,
	`contact_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	`resolved_at` integer,
	`result_id` text,
	`message` text,
	PRIMARY KEY(`lead_id`, `kind`, `target`),
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ghl_creates_state_idx` ON `ghl_creates` (`state`);--> statement-breakpoint
ALTER TABLE `leads` ADD `version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The lead's version moves with every change of a field the sync sends (or of do-not-contact), whichever
-- code writes it (the lead form, the CLI, an import's "update duplicates", the time-zone placement); the
-- sync's own writes (status, contact id, times) leave it alone. A request carrying an older version is
-- dropped before each attempt (issue #12 item 3).
CREATE TRIGGER leads_version_bump AFTER UPDATE OF first_name, last_name, phone, email, address1, city, state, postal_code, country, source, tag,
  company_name, crm_tags, time_zone, do_not_contact ON leads BEGIN
  UPDATE leads SET version = version + 1 WHERE id = NEW.id;
END;
