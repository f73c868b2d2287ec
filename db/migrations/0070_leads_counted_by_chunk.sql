CREATE TABLE IF NOT EXISTS `leads_counted_by_writer` (
	`id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- Issue #11: a chunk of an import counts its leads itself, once they are in (batch-insert.ts), while this table holds a
-- row: the trigger of migration 0002 passes them by then, and counts every other insert as before.
DROP TRIGGER IF EXISTS `leads_counts_after_insert`;--> statement-breakpoint
CREATE TRIGGER `leads_counts_after_insert` AFTER INSERT ON `leads`
WHEN NOT EXISTS (SELECT 1 FROM `leads_counted_by_writer`)
BEGIN
  INSERT INTO `lead_status_counts` (`company_id`, `status`, `n`) VALUES (NEW.`company_id`, NEW.`status`, 1)
    ON CONFLICT (`company_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
