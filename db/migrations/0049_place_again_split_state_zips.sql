-- Placement faults (electron/pacing/lead-zone.ts): a row of a state of two zones (Texas, Florida…) with a ZIP of another
-- state was contradicted only by a clock more than an hour off the state's main one, so a Texas row with a New York ZIP
-- was placed on New York's clock as sure (08:00 there is 07:00 in Dallas); a ZIP of another state on such a state's
-- other clock was sure too (an Oregon row, a Denver ZIP), and the row state's rules were dropped there, and wherever
-- the phone sided with another state's ZIP (a Mississippi row with an Atlanta ZIP and phone lost its Sunday ban).
-- Leads not enrolled yet and still to be sent that have a ZIP and a state are placed again: unplaced, their waiting
-- jobs wait (sync_jobs_follow_lead gates them 'unplaced') until the sync places them, in short chunks. A ZIP of the
-- row's own state is placed as before.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `enrolled_at` IS NULL AND `time_zone_source` IS NOT NULL AND `do_not_contact` = 0
    AND `status` IN ('new', 'queued', 'syncing', 'failed')
    AND `postal_code` IS NOT NULL AND `state` IS NOT NULL;
