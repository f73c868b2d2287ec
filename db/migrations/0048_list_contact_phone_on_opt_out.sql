-- A lead without a phone of its own whose GHL contact holds one (leads.ghl_contact_phone, migration 0047) is texted at
-- that number: when the lead opts out, the number goes on the list with its phone and email (as the lead's own mark,
-- lifted with it: electron/core/optouts/edit-check.ts), so a lead of that number imported later is stopped too.
DROP TRIGGER `leads_opt_out_update`;--> statement-breakpoint
CREATE TRIGGER `leads_opt_out_update` AFTER UPDATE OF `do_not_contact`, `status` ON `leads`
WHEN (NEW.`do_not_contact` = 1 AND OLD.`do_not_contact` = 0) OR (NEW.`status` = 'dnd' AND OLD.`status` <> 'dnd')
BEGIN
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT 'phone', NEW.`phone`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  WHERE NEW.`phone` IS NOT NULL
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT 'email', NEW.`email_key`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  WHERE NEW.`email_key` IS NOT NULL
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT 'phone', NEW.`ghl_contact_phone`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  WHERE NEW.`ghl_contact_phone` IS NOT NULL AND NEW.`phone` IS NULL
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
END;
