-- A placement fault (electron/pacing/lead-zone.ts): off the mainland, a row whose state contradicts its ZIP was placed on
-- one side's clock with an hour to spare however far the other side's clock was: a Texas row with a Honolulu ZIP and phone
-- could be texted at 20:00 Honolulu, midnight in Dallas; an Alaska row with a Manhattan ZIP at 04:00 in Anchorage. Such a
-- lead now keeps the two clocks' whole distance to spare (rule keys such as 'TX~5'). Leads not enrolled yet and still to
-- be sent, placed unsure with a state (or a territory as the country) and a ZIP, are placed again: unplaced, their waiting jobs wait
-- (sync_jobs_follow_lead gates them 'unplaced') until the sync places them, in short chunks. Most are placed as before.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `enrolled_at` IS NULL AND `time_zone_source` IS NOT NULL AND `do_not_contact` = 0
    AND `status` IN ('new', 'queued', 'syncing', 'failed')
    AND `rule_state` LIKE '%~' AND `postal_code` IS NOT NULL
    -- A territory may be written as the country, its state left empty (lead-zone.ts ownUsPlace): a review.
    AND (`state` IS NOT NULL OR upper(`country`) IN ('PR', 'GU', 'VI', 'AS', 'MP'));
