ALTER TABLE `companies` ADD `sync_paused_at` integer;--> statement-breakpoint
-- A trigger keeps it, so every writer of a pause (the sync worker, the user's pause button) stamps it
-- the same way without knowing about it. SQLite's clock is the system clock (libfaketime moves it too).
CREATE TRIGGER `companies_paused_at` AFTER UPDATE OF `sync_paused_reason` ON `companies`
WHEN NEW.`sync_paused_reason` IS NOT OLD.`sync_paused_reason`
BEGIN
  UPDATE `companies` SET `sync_paused_at` = CASE WHEN NEW.`sync_paused_reason` IS NULL THEN NULL ELSE CAST(unixepoch('subsec') * 1000 AS INTEGER) END
  WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
UPDATE `companies` SET `sync_paused_at` = `updated_at` WHERE `sync_paused_reason` IS NOT NULL;
