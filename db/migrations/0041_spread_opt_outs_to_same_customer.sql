-- An opt-out now spreads through the leads it marks (electron/core/jobs/opt-out-everywhere.ts): a marked lead's
-- other phone or email is the same customer's, and the leads with it are marked in turn. Before, a spread marked
-- only the leads with the opted-out key itself. The marked lead's other key went on the list (leads_opt_out_update)
-- and stopped the leads with it at their claim, but one already sent had no claim left: an email-only STOP at
-- Alpha marked Alpha's lead, and Bravo's lead with that lead's phone, enrolled, stayed enrolled with no DND, and
-- Bravo's workflow texted her. Here the walk is done once for what the list holds: every lead not marked yet with
-- a listed key, and then with a key of such a lead, is marked as the spread marks it, and its job is cancelled or
-- goes once more to turn on DND in GHL (JobQueue.cancelPending). An entry the office removed starts no walk.
CREATE TEMP TABLE `spread_keys` AS
WITH RECURSIVE `reach`(`value`) AS (
  SELECT `value` FROM `opt_outs` WHERE `removed_at` IS NULL
  UNION
  SELECT l.`email_key` FROM `reach` r JOIN `leads` l ON l.`company_id` IN (SELECT `id` FROM `companies`) AND l.`phone` = r.`value`
  WHERE l.`do_not_contact` = 0 AND l.`email_key` IS NOT NULL
  UNION
  SELECT l.`phone` FROM `reach` r JOIN `leads` l ON l.`company_id` IN (SELECT `id` FROM `companies`) AND l.`email_key` = r.`value`
  WHERE l.`do_not_contact` = 0 AND l.`phone` IS NOT NULL
)
SELECT `value` FROM `reach`;--> statement-breakpoint
CREATE TEMP TABLE `spread_leads` AS
SELECT `id` FROM `leads` WHERE `do_not_contact` = 0 AND (`phone` IN (SELECT `value` FROM `spread_keys`) OR `email_key` IN (SELECT `value` FROM `spread_keys`));--> statement-breakpoint
UPDATE `leads` SET `do_not_contact` = 1, `status` = CASE WHEN `status` = 'dnd' THEN 'dnd' ELSE 'do-not-contact' END,
  `updated_at` = CAST(unixepoch('subsec') * 1000 AS INTEGER)
WHERE `id` IN (SELECT `id` FROM `spread_leads`);--> statement-breakpoint
-- GHL has, or may have, the contact without its DND (JobQueue's MAY_BE_IN_GHL_WITHOUT_DND): the job goes once more.
UPDATE `sync_jobs` SET `state` = 'queued', `attempts` = 0, `lease_owner` = NULL, `lease_expires_at` = NULL,
  `next_run_at` = CAST(unixepoch('subsec') * 1000 AS INTEGER), `last_error_code` = NULL, `last_error_message` = NULL,
  `updated_at` = CAST(unixepoch('subsec') * 1000 AS INTEGER)
WHERE `lead_id` IN (
  SELECT l.`id` FROM `leads` l WHERE l.`id` IN (SELECT `id` FROM `spread_leads`) AND l.`status` <> 'dnd'
    AND (l.`ghl_contact_id` IS NOT NULL OR EXISTS (SELECT 1 FROM `sync_jobs` j WHERE j.`lead_id` = l.`id` AND j.`upsert_sent_at` IS NOT NULL))
);--> statement-breakpoint
-- Else its unsent job is cancelled (JobQueue's CANCEL_PENDING).
UPDATE `sync_jobs` SET `state` = 'cancelled', `lease_owner` = NULL, `lease_expires_at` = NULL,
  `updated_at` = CAST(unixepoch('subsec') * 1000 AS INTEGER)
WHERE `state` IN ('queued', 'failed', 'running') AND `lead_id` IN (
  SELECT l.`id` FROM `leads` l WHERE l.`id` IN (SELECT `id` FROM `spread_leads`)
    AND NOT (l.`status` <> 'dnd' AND (l.`ghl_contact_id` IS NOT NULL OR EXISTS (SELECT 1 FROM `sync_jobs` j WHERE j.`lead_id` = l.`id` AND j.`upsert_sent_at` IS NOT NULL)))
);--> statement-breakpoint
DROP TABLE `spread_keys`;--> statement-breakpoint
DROP TABLE `spread_leads`;
