-- A lead that opted out (or is DND in GHL) lists its phone and email office-wide (0011's triggers), but only
-- when it becomes one: a phone or email given to it afterwards (an edit, an "update duplicates" import filling
-- an empty field) was never listed, and another company's lead with that number was sent. Only the new value
-- is listed: one the office took off the list stays off unless it is given again. A lead GHL has on DND is
-- re-queued by the edit that changes its phone (the same UPDATE sets it 'queued'): OLD.status counts too.
CREATE TRIGGER `leads_opt_out_new_contact_value` AFTER UPDATE OF `phone`, `email_key` ON `leads`
WHEN (NEW.`do_not_contact` = 1 OR NEW.`status` = 'dnd' OR OLD.`status` = 'dnd')
  AND (NEW.`phone` IS NOT OLD.`phone` OR NEW.`email_key` IS NOT OLD.`email_key`)
BEGIN
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT 'phone', NEW.`phone`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  WHERE NEW.`phone` IS NOT NULL AND NEW.`phone` IS NOT OLD.`phone`
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT 'email', NEW.`email_key`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  WHERE NEW.`email_key` IS NOT NULL AND NEW.`email_key` IS NOT OLD.`email_key`
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
END;
--> statement-breakpoint
-- The values such leads were given before this trigger: listed unless the list ever had them (an entry the
-- office removed stays removed). Every lead is read once (a do-not-contact lead may show 'failed', when its
-- DND could not be turned on in GHL).
INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
SELECT 'phone', `phone`, CASE WHEN `do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, `company_id`, `updated_at`
FROM `leads` WHERE (`do_not_contact` = 1 OR `status` = 'dnd') AND `phone` IS NOT NULL
ORDER BY `id`
ON CONFLICT (`value`) DO NOTHING;
--> statement-breakpoint
INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
SELECT 'email', `email_key`, CASE WHEN `do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, `company_id`, `updated_at`
FROM `leads` WHERE (`do_not_contact` = 1 OR `status` = 'dnd') AND `email_key` IS NOT NULL
ORDER BY `id`
ON CONFLICT (`value`) DO NOTHING;
