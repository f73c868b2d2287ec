-- A deleted lead no longer has to leave the search index at once: search reads the index's hits and
-- joins `leads`, so a deleted lead is never shown, and lead ids are AUTOINCREMENT (never reused), so a
-- stale entry can never match a new lead. Tracking deletes made a million-lead undo feed a million
-- index deletes to the indexer on the main thread.
DROP TRIGGER IF EXISTS `leads_search_dirty_delete`;
