CREATE TABLE `lead_status_counts` (
	`company_id` integer NOT NULL,
	`status` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `status`)
);
--> statement-breakpoint
CREATE TABLE `synced_per_hour` (
	`company_id` integer NOT NULL,
	`hour` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `hour`)
);
