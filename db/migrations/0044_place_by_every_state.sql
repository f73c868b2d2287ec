-- The state rules were the row's state's alone (else the ZIP's, else the phone's): a Georgia row with a Miami ZIP or
-- a 305 mobile had no 20:00 close, though Florida presumes a number with a Florida area code is a resident's. Rules
-- are now those of every state the row, the ZIP and the phone name (electron/pacing/legal-floor.ts ruleKeyOfStates).
-- Leads not in the campaign yet that two of those could disagree on are placed again: unplaced, their waiting jobs
-- wait (the sync_jobs_follow_lead trigger gates them 'unplaced') until the sync places them, in short chunks.
-- Only leads still to be sent (new, waiting, failed): an enrolled one's window has passed.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `enrolled_at` IS NULL AND `time_zone_source` IS NOT NULL AND `status` IN ('new', 'queued', 'failed')
    AND (`state` IS NOT NULL) + (`postal_code` IS NOT NULL) + (`phone` IS NOT NULL AND `phone` LIKE '+1%') >= 2;
