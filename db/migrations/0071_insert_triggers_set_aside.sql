-- Issue #11: an import's chunk inserts its leads with leads' insert triggers set aside, and does their work itself
-- (electron/core/leads/insert-triggers.ts); the mark of migration 0070 that made this trigger pass a chunk's leads by
-- is set by no one now. The trigger is that of migration 0002 again.
DROP TRIGGER IF EXISTS `leads_counts_after_insert`;--> statement-breakpoint
CREATE TRIGGER `leads_counts_after_insert` AFTER INSERT ON `leads`
BEGIN
  INSERT INTO `lead_status_counts` (`company_id`, `status`, `n`) VALUES (NEW.`company_id`, NEW.`status`, 1)
    ON CONFLICT (`company_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
DROP TABLE IF EXISTS `leads_counted_by_writer`;
