-- Search that finds people: accent-insensitive "contains" over name, phone digits, email, street and
-- city, in any word order. An FTS5 trigram index, contentless (the text lives in `leads`).
-- It is filled by the app's search indexer in short chunks, not by triggers on `leads`: indexing
-- costs ~30 µs a lead, which would triple the import's time. Until a lead is indexed, search reads
-- it directly (see electron/core/leads/lead-search.ts), so results are complete at every moment.
CREATE VIRTUAL TABLE `lead_search` USING fts5(`doc`, tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1);
--> statement-breakpoint
-- Leads changed or deleted since they were indexed; new leads are found by id above the watermark.
CREATE TABLE `lead_search_dirty` (`lead_id` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
CREATE TRIGGER `leads_search_dirty_update` AFTER UPDATE OF `first_name`, `last_name`, `phone`, `email`, `address1`, `city` ON `leads`
BEGIN
  INSERT OR IGNORE INTO `lead_search_dirty` (`lead_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_search_dirty_delete` AFTER DELETE ON `leads`
BEGIN
  INSERT OR IGNORE INTO `lead_search_dirty` (`lead_id`) VALUES (OLD.`id`);
END;
--> statement-breakpoint
INSERT INTO `app_meta` (`key`, `value`) VALUES ('lead-search.indexed-through', '0') ON CONFLICT (`key`) DO NOTHING;
