ALTER TABLE `leads` ADD `company_name` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `original_date` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `crm_status` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `job_type` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `crm_tags` text;