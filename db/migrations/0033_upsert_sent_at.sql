-- When the lead's upsert first went to GHL while the app knew no contact of it, written right before the
-- call: with no ghl_contact_id after it, GHL may have the contact without the app knowing (an answer lost,
-- a crash mid-call). An opt-out of such a lead keeps its job to find the contact in GHL and set its DND
-- (JobQueue.cancelPending), where it used to be cancelled and GHL kept a contact without DND; undo keeps it.
ALTER TABLE `sync_jobs` ADD `upsert_sent_at` integer;--> statement-breakpoint
-- Jobs that show they were tried may have sent theirs; the rest are unknown and stay NULL (the old rule).
UPDATE `sync_jobs` SET `upsert_sent_at` = `updated_at`
WHERE `attempts` > 0 OR `last_error_code` IS NOT NULL OR `state` IN ('running', 'succeeded', 'failed');
