CREATE TABLE `waiting_job_counts` (
	`company_id` integer NOT NULL,
	`zone` text NOT NULL,
	`state` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `zone`, `state`)
);
--> statement-breakpoint
-- A job waits for its lead's turn while it is queued or being sent and its lead was never enrolled
-- (send_gate 'paced', or 'unplaced' until the placement pass runs). These triggers keep the count per
-- company and place, whatever code writes sync_jobs (the JobQueue, cascades from leads, migrations).
INSERT INTO `waiting_job_counts` (`company_id`, `zone`, `state`, `n`)
SELECT `company_id`, coalesce(`send_zone`, ''), coalesce(`send_state`, ''), count(*) FROM `sync_jobs`
WHERE `state` IN ('queued', 'running') AND `send_gate` IN ('paced', 'unplaced')
GROUP BY 1, 2, 3;--> statement-breakpoint
CREATE TRIGGER `waiting_job_counts_insert` AFTER INSERT ON `sync_jobs`
WHEN NEW.`state` IN ('queued', 'running') AND NEW.`send_gate` IN ('paced', 'unplaced') BEGIN
  INSERT INTO `waiting_job_counts` (`company_id`, `zone`, `state`, `n`)
    VALUES (NEW.`company_id`, coalesce(NEW.`send_zone`, ''), coalesce(NEW.`send_state`, ''), 1)
    ON CONFLICT (`company_id`, `zone`, `state`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `waiting_job_counts_delete` AFTER DELETE ON `sync_jobs`
WHEN OLD.`state` IN ('queued', 'running') AND OLD.`send_gate` IN ('paced', 'unplaced') BEGIN
  UPDATE `waiting_job_counts` SET `n` = `n` - 1
    WHERE `company_id` = OLD.`company_id` AND `zone` = coalesce(OLD.`send_zone`, '') AND `state` = coalesce(OLD.`send_state`, '');
END;--> statement-breakpoint
-- queued → running (a claim) keeps a job waiting in the same place: the WHEN lets that common case
-- through without touching the table.
CREATE TRIGGER `waiting_job_counts_update` AFTER UPDATE OF `state`, `send_gate`, `send_zone`, `send_state`, `company_id` ON `sync_jobs`
WHEN (OLD.`state` IN ('queued', 'running') AND OLD.`send_gate` IN ('paced', 'unplaced'))
       IS NOT (NEW.`state` IN ('queued', 'running') AND NEW.`send_gate` IN ('paced', 'unplaced'))
  OR ((NEW.`state` IN ('queued', 'running') AND NEW.`send_gate` IN ('paced', 'unplaced'))
      AND (OLD.`company_id` IS NOT NEW.`company_id` OR OLD.`send_zone` IS NOT NEW.`send_zone` OR OLD.`send_state` IS NOT NEW.`send_state`))
BEGIN
  UPDATE `waiting_job_counts` SET `n` = `n` - 1
    WHERE OLD.`state` IN ('queued', 'running') AND OLD.`send_gate` IN ('paced', 'unplaced')
      AND `company_id` = OLD.`company_id` AND `zone` = coalesce(OLD.`send_zone`, '') AND `state` = coalesce(OLD.`send_state`, '');
  INSERT INTO `waiting_job_counts` (`company_id`, `zone`, `state`, `n`)
    SELECT NEW.`company_id`, coalesce(NEW.`send_zone`, ''), coalesce(NEW.`send_state`, ''), 1
    WHERE NEW.`state` IN ('queued', 'running') AND NEW.`send_gate` IN ('paced', 'unplaced')
    ON CONFLICT (`company_id`, `zone`, `state`) DO UPDATE SET `n` = `n` + 1;
END;
