-- Two triggers fired on a column being written, not on its value changing. The lead form writes the phone with every
-- save, so marking a lead do-not-contact placed it again (its zone forgotten, found again by the sync worker's next
-- placement pass); that pass writes the zone, the same as before, and moved the lead's version. A DND call in flight
-- meanwhile read as carrying an older lead: GHL set the DND, the answer was dropped and the job ran again, a second
-- DND call (fresh-clone CI saw two). Now each fires only when a value it watches really changes. DROP first: the
-- trigger bodies of 0009 and 0012 are replaced; IF EXISTS, as tests replay migrations (tests/helpers/migrations.ts).
DROP TRIGGER IF EXISTS `leads_place_again`;--> statement-breakpoint
CREATE TRIGGER `leads_place_again` AFTER UPDATE OF `postal_code`, `state`, `country`, `phone` ON `leads`
WHEN NEW.`time_zone_source` IS NOT NULL
  AND (OLD.`postal_code` IS NOT NEW.`postal_code` OR OLD.`state` IS NOT NEW.`state` OR OLD.`country` IS NOT NEW.`country`
       OR OLD.`phone` IS NOT NEW.`phone`)
BEGIN
  UPDATE `leads` SET `time_zone_source` = NULL WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
DROP TRIGGER IF EXISTS `leads_version_bump`;--> statement-breakpoint
-- Where the lead is placed counts whole: the zone, where it came from (a lead placed nowhere gives GHL no zone, on the same
-- Chicago clock as one placed there: own-time-zone.ts) and the state whose rules hold (a Sunday ban). The old trigger
-- caught a change of the last two only because every placement wrote the zone too; an enrolment in flight when the
-- placement moved the lead must go back and be judged again (contact-phone-placement.ts).
CREATE TRIGGER `leads_version_bump` AFTER UPDATE OF `first_name`, `last_name`, `phone`, `email`, `address1`, `city`, `state`,
  `postal_code`, `country`, `source`, `tag`, `company_name`, `crm_tags`, `time_zone`, `time_zone_source`, `rule_state`, `do_not_contact` ON `leads`
WHEN OLD.`first_name` IS NOT NEW.`first_name` OR OLD.`last_name` IS NOT NEW.`last_name` OR OLD.`phone` IS NOT NEW.`phone`
  OR OLD.`email` IS NOT NEW.`email` OR OLD.`address1` IS NOT NEW.`address1` OR OLD.`city` IS NOT NEW.`city`
  OR OLD.`state` IS NOT NEW.`state` OR OLD.`postal_code` IS NOT NEW.`postal_code` OR OLD.`country` IS NOT NEW.`country`
  OR OLD.`source` IS NOT NEW.`source` OR OLD.`tag` IS NOT NEW.`tag` OR OLD.`company_name` IS NOT NEW.`company_name`
  OR OLD.`crm_tags` IS NOT NEW.`crm_tags` OR OLD.`time_zone` IS NOT NEW.`time_zone` OR OLD.`time_zone_source` IS NOT NEW.`time_zone_source`
  OR OLD.`rule_state` IS NOT NEW.`rule_state` OR OLD.`do_not_contact` IS NOT NEW.`do_not_contact`
BEGIN
  UPDATE `leads` SET `version` = `version` + 1 WHERE `id` = NEW.`id`;
END;
