-- Keep lead_status_counts and synced_per_hour current as leads change, so the dashboard reads
-- a few rows instead of scanning a million leads. Hand-written (drizzle-kit does not model triggers).
CREATE TRIGGER leads_counts_after_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_status_counts (company_id, status, n) VALUES (NEW.company_id, NEW.status, 1)
    ON CONFLICT (company_id, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER leads_synced_per_hour_on_insert AFTER INSERT ON leads WHEN NEW.status = 'synced' BEGIN
  INSERT INTO synced_per_hour (company_id, hour, n)
    VALUES (NEW.company_id, (COALESCE(NEW.synced_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)) / 3600000) * 3600000, 1)
    ON CONFLICT (company_id, hour) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER leads_counts_after_delete AFTER DELETE ON leads BEGIN
  UPDATE lead_status_counts SET n = n - 1 WHERE company_id = OLD.company_id AND status = OLD.status;
END;
--> statement-breakpoint
CREATE TRIGGER leads_counts_after_update AFTER UPDATE OF status, company_id ON leads
  WHEN OLD.status IS NOT NEW.status OR OLD.company_id IS NOT NEW.company_id BEGIN
  UPDATE lead_status_counts SET n = n - 1 WHERE company_id = OLD.company_id AND status = OLD.status;
  INSERT INTO lead_status_counts (company_id, status, n) VALUES (NEW.company_id, NEW.status, 1)
    ON CONFLICT (company_id, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER leads_synced_per_hour AFTER UPDATE OF status ON leads
  WHEN NEW.status = 'synced' AND OLD.status IS NOT 'synced' BEGIN
  INSERT INTO synced_per_hour (company_id, hour, n)
    VALUES (NEW.company_id, (COALESCE(NEW.synced_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)) / 3600000) * 3600000, 1)
    ON CONFLICT (company_id, hour) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
INSERT INTO lead_status_counts (company_id, status, n) SELECT company_id, status, count(*) FROM leads WHERE true GROUP BY company_id, status;
--> statement-breakpoint
INSERT INTO synced_per_hour (company_id, hour, n)
  SELECT company_id, (synced_at / 3600000) * 3600000, count(*) FROM leads WHERE status = 'synced' AND synced_at IS NOT NULL GROUP BY 1, 2;
