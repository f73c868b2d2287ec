-- Held-back leads (status 'new', not do-not-contact) per company and batch, kept by triggers on leads like
-- lead_status_counts: the dashboard counted a million-lead held-back batch on every refresh (~550 ms).
CREATE TABLE `held_back_counts` (
	`company_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `batch_id`)
);
--> statement-breakpoint
INSERT INTO `held_back_counts` (`company_id`, `batch_id`, `n`)
SELECT `company_id`, coalesce(`batch_id`, 0), count(*) FROM `leads`
WHERE `status` = 'new' AND `do_not_contact` = 0
GROUP BY 1, 2;--> statement-breakpoint
CREATE TRIGGER `held_back_counts_insert` AFTER INSERT ON `leads`
WHEN NEW.`status` = 'new' AND NEW.`do_not_contact` = 0 BEGIN
  INSERT INTO `held_back_counts` (`company_id`, `batch_id`, `n`) VALUES (NEW.`company_id`, coalesce(NEW.`batch_id`, 0), 1)
    ON CONFLICT (`company_id`, `batch_id`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `held_back_counts_delete` AFTER DELETE ON `leads`
WHEN OLD.`status` = 'new' AND OLD.`do_not_contact` = 0 BEGIN
  UPDATE `held_back_counts` SET `n` = `n` - 1 WHERE `company_id` = OLD.`company_id` AND `batch_id` = coalesce(OLD.`batch_id`, 0);
END;--> statement-breakpoint
-- A send (new → queued), a cancel (queued → new), an opt-out, a lead that loses its batch: the WHEN lets
-- every other update (the sync's status changes among queued, syncing, synced) through untouched.
CREATE TRIGGER `held_back_counts_update` AFTER UPDATE OF `status`, `do_not_contact`, `batch_id`, `company_id` ON `leads`
WHEN (OLD.`status` = 'new' AND OLD.`do_not_contact` = 0) IS NOT (NEW.`status` = 'new' AND NEW.`do_not_contact` = 0)
  OR ((NEW.`status` = 'new' AND NEW.`do_not_contact` = 0) AND (OLD.`company_id` IS NOT NEW.`company_id` OR OLD.`batch_id` IS NOT NEW.`batch_id`))
BEGIN
  UPDATE `held_back_counts` SET `n` = `n` - 1
    WHERE OLD.`status` = 'new' AND OLD.`do_not_contact` = 0 AND `company_id` = OLD.`company_id` AND `batch_id` = coalesce(OLD.`batch_id`, 0);
  INSERT INTO `held_back_counts` (`company_id`, `batch_id`, `n`)
    SELECT NEW.`company_id`, coalesce(NEW.`batch_id`, 0), 1 WHERE NEW.`status` = 'new' AND NEW.`do_not_contact` = 0
    ON CONFLICT (`company_id`, `batch_id`) DO UPDATE SET `n` = `n` + 1;
END;
