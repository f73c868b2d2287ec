-- A placement fault (electron/pacing/lead-zone.ts): a US lead with a ZIP no table reads (a typo such as 98100, a
-- placeholder such as 99999) and no state was placed by its phone as certain: a Seattle lead with a New York mobile was
-- texted from 08:00 Eastern, 05:00 at home. The ZIP tables missing (a broken install) did the same to every lead with a
-- ZIP. Such a lead now gets the hours legal anywhere on the mainland (its phone off the mainland: that clock, unsure).
-- Leads not enrolled yet and still to be sent, placed by their phone beside a ZIP, are placed again: unplaced, their
-- waiting jobs wait (sync_jobs_follow_lead gates them 'unplaced') until the sync places them, in short chunks. A ZIP the
-- tables read places the lead by its ZIP then.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `enrolled_at` IS NULL AND `time_zone_source` = 'phone' AND `do_not_contact` = 0
    AND `status` IN ('new', 'queued', 'syncing', 'failed')
    AND `postal_code` IS NOT NULL AND trim(`postal_code`) <> ''
    -- An empty country is the United States (lead-zone.ts isUnitedStates).
    AND (`country` IS NULL OR upper(`country`) IN ('US', ''));
