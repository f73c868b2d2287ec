-- A placement fault (electron/pacing/lead-zone.ts): a Canadian lead's province was not read, and its phone placed it as
-- certain: a Vancouver roof with a Toronto mobile was texted at 08:00 Toronto time, 05:00 at home. Canadian leads not
-- enrolled yet and still to be sent, with a province, placed by their phone, are placed again: unplaced, their waiting
-- jobs wait (sync_jobs_follow_lead gates them 'unplaced') until the sync places them by their province.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `enrolled_at` IS NULL AND `time_zone_source` = 'phone' AND `do_not_contact` = 0
    AND `status` IN ('new', 'queued', 'syncing', 'failed')
    AND upper(`country`) = 'CA' AND `state` IS NOT NULL AND trim(`state`) <> '';
