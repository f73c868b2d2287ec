-- A job whose lead is not placed yet waits under the state its row names, marked unsure ('MS~'), instead of no
-- state: the plan read no state rule for such leads, and a Sunday-only company's Mississippi leads were planned
-- for Sunday until placing found that no day reaches them. Once placed, the lead's own rules key, as before.
-- The same expressions as electron/core/jobs/lead-copy.ts sendStateValue and sendZoneValue (change them together);
-- the trigger now also follows a change of the row's state or country while the lead waits to be placed, and such
-- a lead waits in the company's zone (NULL), not in the one it had before an edit cleared its placement.
DROP TRIGGER `sync_jobs_follow_lead`;--> statement-breakpoint
CREATE TRIGGER `sync_jobs_follow_lead` AFTER UPDATE OF `time_zone`, `time_zone_source`, `rule_state`, `enrolled_at`, `do_not_contact`, `state`, `country` ON `leads`
WHEN OLD.`time_zone` IS NOT NEW.`time_zone` OR OLD.`time_zone_source` IS NOT NEW.`time_zone_source`
  OR OLD.`rule_state` IS NOT NEW.`rule_state` OR OLD.`enrolled_at` IS NOT NEW.`enrolled_at` OR OLD.`do_not_contact` IS NOT NEW.`do_not_contact`
  OR (NEW.`time_zone_source` IS NULL AND (OLD.`state` IS NOT NEW.`state` OR OLD.`country` IS NOT NEW.`country`))
BEGIN
  UPDATE `sync_jobs` SET
    `send_gate` = CASE WHEN NEW.`do_not_contact` = 1 THEN 'free' WHEN NEW.`time_zone_source` IS NULL THEN 'unplaced' WHEN NEW.`enrolled_at` IS NOT NULL THEN 'free' ELSE 'paced' END,
    `send_zone` = CASE WHEN NEW.`time_zone_source` IS NOT NULL THEN NEW.`time_zone` END,
    `send_state` = CASE WHEN NEW.`time_zone_source` IS NOT NULL THEN upper(NEW.`rule_state`)
      WHEN coalesce(upper(NEW.`country`), '') IN ('', 'US') AND upper(NEW.`state`) IN ('AK','AL','AR','AS','AZ','CA','CO','CT','DC','DE','FL','GA','GU','HI','IA','ID','IL','IN','KS','KY','LA','MA','MD','ME','MI','MN','MO','MP','MS','MT','NC','ND','NE','NH','NJ','NM','NV','NY','OH','OK','OR','PA','PR','RI','SC','SD','TN','TX','UT','VA','VI','VT','WA','WI','WV','WY')
      THEN upper(NEW.`state`) || '~'
      WHEN upper(NEW.`country`) IN ('PR','GU','VI','AS','MP') THEN upper(NEW.`country`) || '~' END
  WHERE `lead_id` = NEW.`id`;
END;--> statement-breakpoint
-- The jobs waiting for their lead's placement now.
UPDATE `sync_jobs` SET `send_zone` = NULL, `send_state` = CASE
    WHEN coalesce(upper(l.`country`), '') IN ('', 'US') AND upper(l.`state`) IN ('AK','AL','AR','AS','AZ','CA','CO','CT','DC','DE','FL','GA','GU','HI','IA','ID','IL','IN','KS','KY','LA','MA','MD','ME','MI','MN','MO','MP','MS','MT','NC','ND','NE','NH','NJ','NM','NV','NY','OH','OK','OR','PA','PR','RI','SC','SD','TN','TX','UT','VA','VI','VT','WA','WI','WV','WY') THEN upper(l.`state`) || '~'
    WHEN upper(l.`country`) IN ('PR','GU','VI','AS','MP') THEN upper(l.`country`) || '~' END
FROM `leads` l
WHERE l.`id` = `sync_jobs`.`lead_id` AND l.`time_zone_source` IS NULL;
