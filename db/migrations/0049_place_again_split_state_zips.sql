-- A placement fault (electron/pacing/lead-zone.ts isZipAgainstRow): a row of a state of two zones (Texas, Florida…) with a
-- ZIP of another state was contradicted only by a clock more than an hour off the state's main one, so a Texas row with a
-- New York ZIP was placed on New York's clock as sure (08:00 there is 07:00 in Dallas). Now a ZIP on neither of the
-- state's clocks contradicts the row. Leads not enrolled yet and still to be sent, whose row names such a state and that
-- have a ZIP, are placed again: unplaced, their waiting jobs wait (sync_jobs_follow_lead gates them 'unplaced') until the
-- sync places them, in short chunks. A ZIP of the row's own state is placed as before.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `enrolled_at` IS NULL AND `time_zone_source` IS NOT NULL AND `do_not_contact` = 0
    AND `status` IN ('new', 'queued', 'syncing', 'failed')
    AND `postal_code` IS NOT NULL
    AND upper(trim(`state`)) IN ('AK', 'AL', 'AZ', 'FL', 'ID', 'IN', 'KS', 'KY', 'MI', 'NE', 'NV', 'ND', 'OR', 'SD', 'TN', 'TX');
