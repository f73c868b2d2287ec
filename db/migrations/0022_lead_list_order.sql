-- The lead list and the export go newest first in id order through an index per filter (company, status,
-- both, batch, none): a page is a walk that stops after 100 leads, not a sort of every match.
DROP INDEX `leads_company_created_idx`;--> statement-breakpoint
CREATE INDEX `leads_company_idx` ON `leads` (`company_id`);--> statement-breakpoint
CREATE INDEX `leads_status_idx` ON `leads` (`status`);