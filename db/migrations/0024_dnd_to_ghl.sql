-- A customer who opted out must not be texted by a GHL workflow either: a lead marked do-not-contact whose
-- contact GHL already has keeps its one job, which now turns on the contact's DND in GHL (JobQueue.cancelPending,
-- company-lane.ts). That job is not paced (it texts nobody): a do-not-contact lead's gate is 'free', before
-- any other rule, here and in lead-copy.ts (change them together).
DROP TRIGGER `sync_jobs_follow_lead`;--> statement-breakpoint
CREATE TRIGGER `sync_jobs_follow_lead` AFTER UPDATE OF `time_zone`, `time_zone_source`, `rule_state`, `enrolled_at`, `do_not_contact` ON `leads`
WHEN OLD.`time_zone` IS NOT NEW.`time_zone` OR OLD.`time_zone_source` IS NOT NEW.`time_zone_source`
  OR OLD.`rule_state` IS NOT NEW.`rule_state` OR OLD.`enrolled_at` IS NOT NEW.`enrolled_at` OR OLD.`do_not_contact` IS NOT NEW.`do_not_contact`
BEGIN
  UPDATE `sync_jobs` SET
    `send_gate` = CASE WHEN NEW.`do_not_contact` = 1 THEN 'free' WHEN NEW.`time_zone_source` IS NULL THEN 'unplaced' WHEN NEW.`enrolled_at` IS NOT NULL THEN 'free' ELSE 'paced' END,
    `send_zone` = NEW.`time_zone`,
    `send_state` = upper(NEW.`rule_state`)
  WHERE `lead_id` = NEW.`id`;
END;--> statement-breakpoint
-- Leads marked do-not-contact before this version, whose contacts GHL has: their cancelled job goes once more, to set DND there.
UPDATE `sync_jobs` SET `state` = 'queued', `attempts` = 0, `lease_owner` = NULL, `lease_expires_at` = NULL,
  `next_run_at` = CAST(unixepoch('subsec') * 1000 AS INTEGER), `send_gate` = 'free', `last_error_code` = NULL, `last_error_message` = NULL,
  `updated_at` = CAST(unixepoch('subsec') * 1000 AS INTEGER)
WHERE `state` = 'cancelled' AND `lead_id` IN (SELECT `id` FROM `leads` WHERE `do_not_contact` = 1 AND `ghl_contact_id` IS NOT NULL AND `status` <> 'dnd');
