CREATE INDEX `leads_company_crm_status_idx` ON `leads` (`company_id`,`crm_status`) WHERE crm_status IS NOT NULL;--> statement-breakpoint
CREATE INDEX `leads_company_job_type_idx` ON `leads` (`company_id`,`job_type`) WHERE job_type IS NOT NULL;--> statement-breakpoint
CREATE INDEX `leads_company_crm_tags_idx` ON `leads` (`company_id`,`crm_tags`) WHERE crm_tags IS NOT NULL;