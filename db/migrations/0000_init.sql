CREATE TABLE `app_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `column_mappings` (
	`company_id` integer NOT NULL,
	`header_key` text NOT NULL,
	`mapping_json` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`company_id`, `header_key`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `companies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`owner_name` text,
	`owner_phone` text,
	`owner_email` text,
	`ghl_location_id` text NOT NULL,
	`ghl_base_url` text NOT NULL,
	`enrol_mode` text DEFAULT 'tag' NOT NULL,
	`enrol_tag` text,
	`workflow_id` text,
	`sync_paused_reason` text,
	`sync_paused_until` integer,
	`last_sync_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `companies_name_unique` ON `companies` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `companies_ghl_location_id_unique` ON `companies` (`ghl_location_id`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`tag` text,
	`state` text NOT NULL,
	`on_duplicate` text DEFAULT 'skip' NOT NULL,
	`queue_sync` integer DEFAULT true NOT NULL,
	`total_rows` integer,
	`processed_rows` integer DEFAULT 0 NOT NULL,
	`imported` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`rejected_file` text,
	`error` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_batches_company_idx` ON `import_batches` (`company_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`batch_id` integer,
	`first_name` text,
	`last_name` text,
	`phone` text,
	`phone_raw` text,
	`phone_ext` text,
	`email` text,
	`email_key` text,
	`address1` text,
	`city` text,
	`state` text,
	`postal_code` text,
	`country` text DEFAULT 'US' NOT NULL,
	`source` text,
	`notes` text,
	`last_service_date` text,
	`consent_note` text,
	`do_not_contact` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`tag` text,
	`ghl_contact_id` text,
	`ghl_is_new` integer,
	`last_error` text,
	`synced_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_company_phone_uq` ON `leads` (`company_id`,`phone`) WHERE phone IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `leads_company_email_uq` ON `leads` (`company_id`,`email_key`) WHERE email_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `leads_company_status_idx` ON `leads` (`company_id`,`status`);--> statement-breakpoint
CREATE INDEX `leads_company_created_idx` ON `leads` (`company_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_batch_idx` ON `leads` (`batch_id`);--> statement-breakpoint
CREATE TABLE `sync_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` integer,
	`lead_id` integer,
	`company_id` integer NOT NULL,
	`operation` text NOT NULL,
	`http_status` integer,
	`error_code` text,
	`message` text,
	`trace_id` text,
	`duration_ms` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_attempts_lead_idx` ON `sync_attempts` (`lead_id`,`at`);--> statement-breakpoint
CREATE INDEX `sync_attempts_company_at_idx` ON `sync_attempts` (`company_id`,`at`);--> statement-breakpoint
CREATE TABLE `sync_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`lead_id` integer NOT NULL,
	`action` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_run_at` integer NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`last_error_code` text,
	`last_error_message` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_jobs_idempotency_key_unique` ON `sync_jobs` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `sync_jobs_claim_idx` ON `sync_jobs` (`company_id`,`state`,`next_run_at`);--> statement-breakpoint
CREATE INDEX `sync_jobs_lead_idx` ON `sync_jobs` (`lead_id`);