-- A placement fault (electron/pacing/lead-zone.ts): a row whose state contradicts its ZIP, with a phone on one side's
-- clock, was placed on that clock with an hour to spare (rule key ending '~') however far the other side's clock was: a
-- Florida row with a Seattle ZIP and phone had Florida's 20:00 read on Seattle's clock (23:00 in Miami). Such a tie is
-- kept only between neighbouring clocks now. Leads not enrolled yet and still to be sent, placed unsure with a state, a
-- ZIP and a phone, are placed again: unplaced, their waiting jobs wait (sync_jobs_follow_lead gates them 'unplaced')
-- until the sync places them, in short chunks. Most are placed as before.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `enrolled_at` IS NULL AND `time_zone_source` IS NOT NULL AND `do_not_contact` = 0
    AND `status` IN ('new', 'queued', 'syncing', 'failed')
    AND `rule_state` LIKE '%~' AND `postal_code` IS NOT NULL AND `state` IS NOT NULL AND `phone` IS NOT NULL;
