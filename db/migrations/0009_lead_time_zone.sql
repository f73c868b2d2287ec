ALTER TABLE `leads` ADD `time_zone` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `time_zone_source` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `rule_state` text;--> statement-breakpoint
CREATE INDEX `leads_unplaced_idx` ON `leads` (`id`) WHERE time_zone_source IS NULL;--> statement-breakpoint
-- A new address or phone can mean another zone or state: the lead is placed again before it is sent.
CREATE TRIGGER `leads_place_again` AFTER UPDATE OF `postal_code`, `state`, `country`, `phone` ON `leads`
WHEN NEW.`time_zone_source` IS NOT NULL
BEGIN
  UPDATE `leads` SET `time_zone_source` = NULL WHERE `id` = NEW.`id`;
END;
