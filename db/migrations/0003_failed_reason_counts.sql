CREATE TABLE `failed_reason_counts` (
	`company_id` integer NOT NULL,
	`reason` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `reason`)
);
