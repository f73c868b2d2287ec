-- Keep failed_reason_counts current so the dashboard's "problems first" list reads a few rows
-- instead of grouping every failed lead on each refresh. Hand-written: drizzle-kit has no triggers.
CREATE TRIGGER leads_failed_reason_after_insert AFTER INSERT ON leads WHEN NEW.status = 'failed' BEGIN
  INSERT INTO failed_reason_counts (company_id, reason, n) VALUES (NEW.company_id, coalesce(NEW.last_error, 'Unknown reason'), 1)
    ON CONFLICT (company_id, reason) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER leads_failed_reason_after_delete AFTER DELETE ON leads WHEN OLD.status = 'failed' BEGIN
  UPDATE failed_reason_counts SET n = n - 1 WHERE company_id = OLD.company_id AND reason = coalesce(OLD.last_error, 'Unknown reason');
  DELETE FROM failed_reason_counts WHERE company_id = OLD.company_id AND reason = coalesce(OLD.last_error, 'Unknown reason') AND n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER leads_failed_reason_after_update AFTER UPDATE OF status, last_error, company_id ON leads
  WHEN (OLD.status = 'failed' OR NEW.status = 'failed')
   AND (OLD.status IS NOT NEW.status OR OLD.last_error IS NOT NEW.last_error OR OLD.company_id IS NOT NEW.company_id) BEGIN
  UPDATE failed_reason_counts SET n = n - 1
    WHERE OLD.status = 'failed' AND company_id = OLD.company_id AND reason = coalesce(OLD.last_error, 'Unknown reason');
  DELETE FROM failed_reason_counts
    WHERE OLD.status = 'failed' AND company_id = OLD.company_id AND reason = coalesce(OLD.last_error, 'Unknown reason') AND n <= 0;
  INSERT INTO failed_reason_counts (company_id, reason, n)
    SELECT NEW.company_id, coalesce(NEW.last_error, 'Unknown reason'), 1 WHERE NEW.status = 'failed'
    ON CONFLICT (company_id, reason) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
INSERT INTO failed_reason_counts (company_id, reason, n)
  SELECT company_id, coalesce(last_error, 'Unknown reason'), count(*) FROM leads WHERE status = 'failed' GROUP BY 1, 2;
