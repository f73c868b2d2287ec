-- A lead whose GHL contact holds a number that is not its own (leads.ghl_contact_phone, migration 0047: an email-only
-- lead matched to a contact with one) is texted at that number: when the lead opts out, the number goes on the list with
-- its phone and email (as the lead's own mark, lifted with it: electron/core/optouts/edit-check.ts), so a lead of that
-- number imported later is stopped too. So does a number learnt after the lead opted out (an enrolled lead's contact
-- asked later: electron/core/jobs/shared-customer-watch.ts).
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
  WHERE NEW.`ghl_contact_phone` IS NOT NULL
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_opt_out_contact_phone` AFTER UPDATE OF `ghl_contact_phone` ON `leads`
WHEN NEW.`ghl_contact_phone` IS NOT NULL AND NEW.`ghl_contact_phone` IS NOT OLD.`ghl_contact_phone`
  AND (NEW.`do_not_contact` = 1 OR NEW.`status` = 'dnd')
BEGIN
  INSERT INTO `opt_outs` (`kind`, `value`, `source`, `company_id`, `created_at`)
  SELECT 'phone', NEW.`ghl_contact_phone`, CASE WHEN NEW.`do_not_contact` = 1 THEN 'lead-dnc' ELSE 'ghl-dnd' END, NEW.`company_id`, NEW.`updated_at`
  WHERE true -- an INSERT … SELECT with ON CONFLICT needs a WHERE (SQLite's parsing ambiguity)
  ON CONFLICT (`value`) DO UPDATE SET `source` = excluded.`source`, `reason` = NULL, `company_id` = excluded.`company_id`,
    `created_at` = excluded.`created_at`, `removed_at` = NULL, `removed_reason` = NULL
  WHERE `opt_outs`.`removed_at` IS NOT NULL;
END;
