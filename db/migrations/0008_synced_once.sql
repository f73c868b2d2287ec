ALTER TABLE `leads` ADD `first_synced_at` integer;--> statement-breakpoint
-- "Synced today" and the per-hour chart count a lead once, when it FIRST reaches 'synced' (issue #12
-- item 6): an edit sends a synced lead again (synced → queued → syncing → synced), and the old
-- trigger counted every such return. The trigger that counts also marks first_synced_at, so the rule
-- holds whichever code writes the status. Resyncs are not counted anywhere (nothing shows them).
DROP TRIGGER leads_synced_per_hour;
--> statement-breakpoint
DROP TRIGGER leads_synced_per_hour_on_insert;
--> statement-breakpoint
CREATE TRIGGER leads_synced_per_hour AFTER UPDATE OF status ON leads
  WHEN NEW.status = 'synced' AND OLD.status IS NOT 'synced' AND NEW.first_synced_at IS NULL BEGIN
  INSERT INTO synced_per_hour (company_id, hour, n)
    VALUES (NEW.company_id, (COALESCE(NEW.synced_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)) / 3600000) * 3600000, 1)
    ON CONFLICT (company_id, hour) DO UPDATE SET n = n + 1;
  UPDATE leads SET first_synced_at = COALESCE(NEW.synced_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER leads_synced_per_hour_on_insert AFTER INSERT ON leads WHEN NEW.status = 'synced' AND NEW.first_synced_at IS NULL BEGIN
  INSERT INTO synced_per_hour (company_id, hour, n)
    VALUES (NEW.company_id, (COALESCE(NEW.synced_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)) / 3600000) * 3600000, 1)
    ON CONFLICT (company_id, hour) DO UPDATE SET n = n + 1;
  UPDATE leads SET first_synced_at = COALESCE(NEW.synced_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE id = NEW.id;
END;
--> statement-breakpoint
-- Leads synced before this migration were counted once already; their first sync is unknown, the
-- enrolment (first sync) or the last sync is the best we have.
UPDATE leads SET first_synced_at = COALESCE(enrolled_at, synced_at) WHERE status = 'synced' OR enrolled_at IS NOT NULL;
