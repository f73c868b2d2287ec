-- An import fault (electron/parsing/row-validator.ts): a ZIP cell the import could not read ("98101 1234", "99501-",
-- "WA 98101") was dropped to the lead's notes as "ZIP (not understood): …", and a lead with no state was then placed by
-- its phone as certain: a Seattle lead with a New York mobile was texted at 05:00 at home. Such a ZIP is kept as typed
-- now, and read. US leads still to be sent, not enrolled, without a ZIP and with that line in their notes get the ZIP
-- back from it, and are placed again (unplaced, their waiting jobs wait until the sync places them).
UPDATE `leads` SET `postal_code` = trim(substr(`rest`, 1, CASE WHEN instr(`rest`, char(10)) > 0 THEN instr(`rest`, char(10)) - 1 ELSE length(`rest`) END)),
    `time_zone_source` = NULL
  FROM (SELECT `id` AS `lead_id`, substr(`notes`, instr(`notes`, 'ZIP (not understood): ') + 22) AS `rest` FROM `leads`
        WHERE `postal_code` IS NULL AND instr(`notes`, 'ZIP (not understood): ') > 0)
  WHERE `leads`.`id` = `lead_id` AND `enrolled_at` IS NULL AND `do_not_contact` = 0
    AND `status` IN ('new', 'queued', 'syncing', 'failed')
    -- An empty country is the United States (lead-zone.ts isUnitedStates).
    AND (`country` IS NULL OR upper(`country`) IN ('US', ''));
