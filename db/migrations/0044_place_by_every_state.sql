-- The state rules were the row's state's alone (else the ZIP's, else the phone's): a Georgia row with a Miami ZIP or
-- a 305 mobile had no 20:00 close, though Florida presumes a number with a Florida area code is a resident's. Rules
-- are now also those of the ZIP's and the phone's state when they keep the lead's clock (electron/pacing/lead-zone.ts).
-- Leads not in the campaign yet that two of those could disagree on are placed again: unplaced, their waiting jobs
-- wait (the sync_jobs_follow_lead trigger gates them 'unplaced') until the sync places them, in short chunks.
-- Any lead not enrolled yet and still to be sent, a claim a killed run left ('syncing') included; a territory written
-- as the country counts as the row's state.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `enrolled_at` IS NULL AND `time_zone_source` IS NOT NULL AND `do_not_contact` = 0
    AND `status` IN ('new', 'queued', 'syncing', 'failed')
    AND (`state` IS NOT NULL OR upper(coalesce(`country`, '')) IN ('PR', 'GU', 'VI', 'AS', 'MP'))
      + (`postal_code` IS NOT NULL) + (`phone` IS NOT NULL AND `phone` LIKE '+1%') >= 2;
